from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssumedOutcome")


@_attrs_define
class AssumedOutcome:
    """
    Attributes:
        event (str):
        on (datetime.date):
        allowed (bool): Whether the clocks allow it on that date, given what comes before it
        reasons (list[str] | Unset):
    """

    event: str
    on: datetime.date
    allowed: bool
    reasons: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        on = self.on.isoformat()

        allowed = self.allowed

        reasons: list[str] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "on": on,
                "allowed": allowed,
            }
        )
        if reasons is not UNSET:
            field_dict["reasons"] = reasons

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        on = datetime.date.fromisoformat(d.pop("on"))

        allowed = d.pop("allowed")

        reasons = cast(list[str], d.pop("reasons", UNSET))

        assumed_outcome = cls(
            event=event,
            on=on,
            allowed=allowed,
            reasons=reasons,
        )

        assumed_outcome.additional_properties = d
        return assumed_outcome

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
