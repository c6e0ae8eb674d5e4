from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowClock")


@_attrs_define
class WorkflowClock:
    """
    Attributes:
        name (str):
        event (str): The event the clock bounds
        trigger (str): The event that starts it
        days (int): Calendar days
        bound (str): earliest (a guard on the event) or latest (a deadline)
        legal_basis (str):
        authorities (list[str]):
        description (str):
    """

    name: str
    event: str
    trigger: str
    days: int
    bound: str
    legal_basis: str
    authorities: list[str]
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        event = self.event

        trigger = self.trigger

        days = self.days

        bound = self.bound

        legal_basis = self.legal_basis

        authorities = self.authorities

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "event": event,
                "trigger": trigger,
                "days": days,
                "bound": bound,
                "legal_basis": legal_basis,
                "authorities": authorities,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        event = d.pop("event")

        trigger = d.pop("trigger")

        days = d.pop("days")

        bound = d.pop("bound")

        legal_basis = d.pop("legal_basis")

        authorities = cast(list[str], d.pop("authorities"))

        description = d.pop("description")

        workflow_clock = cls(
            name=name,
            event=event,
            trigger=trigger,
            days=days,
            bound=bound,
            legal_basis=legal_basis,
            authorities=authorities,
            description=description,
        )

        workflow_clock.additional_properties = d
        return workflow_clock

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
