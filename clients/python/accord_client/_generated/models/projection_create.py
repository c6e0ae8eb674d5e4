from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.assumed_event import AssumedEvent


T = TypeVar("T", bound="ProjectionCreate")


@_attrs_define
class ProjectionCreate:
    """
    Attributes:
        events (list[AssumedEvent]): Events assumed to happen, with their dates; placed in the timeline by date
    """

    events: list[AssumedEvent]

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assumed_event import AssumedEvent

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = AssumedEvent.from_dict(events_item_data)

            events.append(events_item)

        projection_create = cls(
            events=events,
        )

        return projection_create
