from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowEvent")


@_attrs_define
class WorkflowEvent:
    """
    Attributes:
        event (str):
        sources (list[str]):
        targets (list[str]):
        description (str):
        returns_to_previous (bool | Unset): The target is the state the agreement was suspended from Default: False.
    """

    event: str
    sources: list[str]
    targets: list[str]
    description: str
    returns_to_previous: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        sources = self.sources

        targets = self.targets

        description = self.description

        returns_to_previous = self.returns_to_previous

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "sources": sources,
                "targets": targets,
                "description": description,
            }
        )
        if returns_to_previous is not UNSET:
            field_dict["returns_to_previous"] = returns_to_previous

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        sources = cast(list[str], d.pop("sources"))

        targets = cast(list[str], d.pop("targets"))

        description = d.pop("description")

        returns_to_previous = d.pop("returns_to_previous", UNSET)

        workflow_event = cls(
            event=event,
            sources=sources,
            targets=targets,
            description=description,
            returns_to_previous=returns_to_previous,
        )

        workflow_event.additional_properties = d
        return workflow_event

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
