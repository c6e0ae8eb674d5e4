from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AvailableTransition")


@_attrs_define
class AvailableTransition:
    """
    Attributes:
        event (str):
        allowed (bool):
        to_state (None | str | Unset): Where the event would lead, when allowed
        reasons (list[str] | Unset): Why it is refused, in words
    """

    event: str
    allowed: bool
    to_state: None | str | Unset = UNSET
    reasons: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        allowed = self.allowed

        to_state: None | str | Unset
        if isinstance(self.to_state, Unset):
            to_state = UNSET
        else:
            to_state = self.to_state

        reasons: list[str] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "allowed": allowed,
            }
        )
        if to_state is not UNSET:
            field_dict["to_state"] = to_state
        if reasons is not UNSET:
            field_dict["reasons"] = reasons

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        allowed = d.pop("allowed")

        def _parse_to_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_state = _parse_to_state(d.pop("to_state", UNSET))

        reasons = cast(list[str], d.pop("reasons", UNSET))

        available_transition = cls(
            event=event,
            allowed=allowed,
            to_state=to_state,
            reasons=reasons,
        )

        available_transition.additional_properties = d
        return available_transition

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
