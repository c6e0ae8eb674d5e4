from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssumedEvent")


@_attrs_define
class AssumedEvent:
    """
    Attributes:
        event (str):
        occurred_at (datetime.date | datetime.datetime): When the event happened in the world: an RFC 3339 date-time, or
            a date (that day in Washington; clocks count Washington calendar days)
        clock (None | str | Unset): extend_deadline only: the clock to extend
        days (int | None | Unset): extend_deadline only: days added to the clock
    """

    event: str
    occurred_at: datetime.date | datetime.datetime
    clock: None | str | Unset = UNSET
    days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        occurred_at: str
        if isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at.isoformat()

        clock: None | str | Unset
        if isinstance(self.clock, Unset):
            clock = UNSET
        else:
            clock = self.clock

        days: int | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        else:
            days = self.days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event": event,
                "occurred_at": occurred_at,
            }
        )
        if clock is not UNSET:
            field_dict["clock"] = clock
        if days is not UNSET:
            field_dict["days"] = days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        def _parse_occurred_at(data: object) -> datetime.date | datetime.datetime:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            occurred_at_type_1 = datetime.date.fromisoformat(data)

            return occurred_at_type_1

        occurred_at = _parse_occurred_at(d.pop("occurred_at"))

        def _parse_clock(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clock = _parse_clock(d.pop("clock", UNSET))

        def _parse_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))

        assumed_event = cls(
            event=event,
            occurred_at=occurred_at,
            clock=clock,
            days=days,
        )

        return assumed_event
