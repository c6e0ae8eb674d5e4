from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransitionCreate")


@_attrs_define
class TransitionCreate:
    """
    Attributes:
        event (str):
        occurred_at (datetime.date | datetime.datetime | None | Unset): When it happened; defaults to now; not in the
            future. An event that changes the state may not predate the latest entry that changed it; a milestone may carry
            its true, earlier date (not before the announcement) and is checked against the clocks where it falls
        note (None | str | Unset):
        reference (None | str | Unset):
        clock (None | str | Unset): extend_deadline only: the clock to extend
        days (int | None | Unset): extend_deadline only: days added to the clock
        override_reason (None | str | Unset): Records the event against a statutory clock that refuses it; kept in the
            history and the webhook payload. Admin only
    """

    event: str
    occurred_at: datetime.date | datetime.datetime | None | Unset = UNSET
    note: None | str | Unset = UNSET
    reference: None | str | Unset = UNSET
    clock: None | str | Unset = UNSET
    days: int | None | Unset = UNSET
    override_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime) or isinstance(self.occurred_at, datetime.date):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

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

        override_reason: None | str | Unset
        if isinstance(self.override_reason, Unset):
            override_reason = UNSET
        else:
            override_reason = self.override_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event": event,
            }
        )
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if note is not UNSET:
            field_dict["note"] = note
        if reference is not UNSET:
            field_dict["reference"] = reference
        if clock is not UNSET:
            field_dict["clock"] = clock
        if days is not UNSET:
            field_dict["days"] = days
        if override_reason is not UNSET:
            field_dict["override_reason"] = override_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event = d.pop("event")

        def _parse_occurred_at(data: object) -> datetime.date | datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0_type_1 = datetime.date.fromisoformat(data)

                return occurred_at_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

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

        def _parse_override_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_reason = _parse_override_reason(d.pop("override_reason", UNSET))

        transition_create = cls(
            event=event,
            occurred_at=occurred_at,
            note=note,
            reference=reference,
            clock=clock,
            days=days,
            override_reason=override_reason,
        )

        return transition_create
