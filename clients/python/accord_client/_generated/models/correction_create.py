from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CorrectionCreate")


@_attrs_define
class CorrectionCreate:
    """The fields sent are corrected; a field left out stays as it is. `note` and `reference` may be
    sent as null to clear them.

        Attributes:
            reason (str): Why the entry is corrected; kept with the correction
            occurred_at (datetime.date | datetime.datetime | None | Unset): The true date of the event. An entry that
                changed the state stays between the state changes before and after it; a milestone stays on or after the
                announcement
            note (None | str | Unset):
            reference (None | str | Unset):
            override_reason (None | str | Unset): Makes a correction that a statutory clock refuses; kept with the
                correction. Admin only
    """

    reason: str
    occurred_at: datetime.date | datetime.datetime | None | Unset = UNSET
    note: None | str | Unset = UNSET
    reference: None | str | Unset = UNSET
    override_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

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

        override_reason: None | str | Unset
        if isinstance(self.override_reason, Unset):
            override_reason = UNSET
        else:
            override_reason = self.override_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if note is not UNSET:
            field_dict["note"] = note
        if reference is not UNSET:
            field_dict["reference"] = reference
        if override_reason is not UNSET:
            field_dict["override_reason"] = override_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

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

        def _parse_override_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_reason = _parse_override_reason(d.pop("override_reason", UNSET))

        correction_create = cls(
            reason=reason,
            occurred_at=occurred_at,
            note=note,
            reference=reference,
            override_reason=override_reason,
        )

        return correction_create
