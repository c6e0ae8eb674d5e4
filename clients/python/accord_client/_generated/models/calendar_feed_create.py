from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CalendarFeedCreate")


@_attrs_define
class CalendarFeedCreate:
    """
    Attributes:
        name (str): What the feed is for; shown in the list
        agreement_id (None | str | Unset): Only this agreement's deadlines and hearings; every agreement's when left out
    """

    name: str
    agreement_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        else:
            agreement_id = self.agreement_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_agreement_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id", UNSET))

        calendar_feed_create = cls(
            name=name,
            agreement_id=agreement_id,
        )

        return calendar_feed_create
