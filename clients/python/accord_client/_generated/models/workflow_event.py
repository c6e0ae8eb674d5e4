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
        milestone (bool | Unset): A dated event that leaves the state unchanged Default: False.
        authorities (list[str] | None | Unset): Only for agreements under these authorities; null: all
    """

    event: str
    sources: list[str]
    targets: list[str]
    description: str
    returns_to_previous: bool | Unset = False
    milestone: bool | Unset = False
    authorities: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        sources = self.sources

        targets = self.targets

        description = self.description

        returns_to_previous = self.returns_to_previous

        milestone = self.milestone

        authorities: list[str] | None | Unset
        if isinstance(self.authorities, Unset):
            authorities = UNSET
        elif isinstance(self.authorities, list):
            authorities = self.authorities

        else:
            authorities = self.authorities

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
        if milestone is not UNSET:
            field_dict["milestone"] = milestone
        if authorities is not UNSET:
            field_dict["authorities"] = authorities

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        sources = cast(list[str], d.pop("sources"))

        targets = cast(list[str], d.pop("targets"))

        description = d.pop("description")

        returns_to_previous = d.pop("returns_to_previous", UNSET)

        milestone = d.pop("milestone", UNSET)

        def _parse_authorities(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                authorities_type_0 = cast(list[str], data)

                return authorities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        authorities = _parse_authorities(d.pop("authorities", UNSET))

        workflow_event = cls(
            event=event,
            sources=sources,
            targets=targets,
            description=description,
            returns_to_previous=returns_to_previous,
            milestone=milestone,
            authorities=authorities,
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
