from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assumed_outcome import AssumedOutcome
    from ..models.projected_clock import ProjectedClock
    from ..models.projected_event import ProjectedEvent


T = TypeVar("T", bound="Projection")


@_attrs_define
class Projection:
    """
    Attributes:
        agreement_id (str):
        state (str): The state once the assumed events have happened
        assumed (list[AssumedOutcome]):
        clocks (list[ProjectedClock]):
        events (list[ProjectedEvent]): Each event a clock guards, and when the clocks first allow it
    """

    agreement_id: str
    state: str
    assumed: list[AssumedOutcome]
    clocks: list[ProjectedClock]
    events: list[ProjectedEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        state = self.state

        assumed = []
        for assumed_item_data in self.assumed:
            assumed_item = assumed_item_data.to_dict()
            assumed.append(assumed_item)

        clocks = []
        for clocks_item_data in self.clocks:
            clocks_item = clocks_item_data.to_dict()
            clocks.append(clocks_item)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "state": state,
                "assumed": assumed,
                "clocks": clocks,
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assumed_outcome import AssumedOutcome
        from ..models.projected_clock import ProjectedClock
        from ..models.projected_event import ProjectedEvent

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        state = d.pop("state")

        assumed = []
        _assumed = d.pop("assumed")
        for assumed_item_data in _assumed:
            assumed_item = AssumedOutcome.from_dict(assumed_item_data)

            assumed.append(assumed_item)

        clocks = []
        _clocks = d.pop("clocks")
        for clocks_item_data in _clocks:
            clocks_item = ProjectedClock.from_dict(clocks_item_data)

            clocks.append(clocks_item)

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ProjectedEvent.from_dict(events_item_data)

            events.append(events_item)

        projection = cls(
            agreement_id=agreement_id,
            state=state,
            assumed=assumed,
            clocks=clocks,
            events=events,
        )

        projection.additional_properties = d
        return projection

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
