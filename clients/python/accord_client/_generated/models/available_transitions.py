from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.available_transition import AvailableTransition


T = TypeVar("T", bound="AvailableTransitions")


@_attrs_define
class AvailableTransitions:
    """
    Attributes:
        agreement_id (str):
        state (str): The state on `on`
        version (int):
        on (datetime.date): The date answered for: today unless asked `on` another
        events (list[AvailableTransition]):
    """

    agreement_id: str
    state: str
    version: int
    on: datetime.date
    events: list[AvailableTransition]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        state = self.state

        version = self.version

        on = self.on.isoformat()

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
                "version": version,
                "on": on,
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.available_transition import AvailableTransition

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        state = d.pop("state")

        version = d.pop("version")

        on = datetime.date.fromisoformat(d.pop("on"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = AvailableTransition.from_dict(events_item_data)

            events.append(events_item)

        available_transitions = cls(
            agreement_id=agreement_id,
            state=state,
            version=version,
            on=on,
            events=events,
        )

        available_transitions.additional_properties = d
        return available_transitions

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
