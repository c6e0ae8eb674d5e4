from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.correction_out import CorrectionOut
    from ..models.document_out import DocumentOut


T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        sequence (int):
        event (str):
        from_state (None | str):
        to_state (str):
        occurred_at (datetime.datetime):
        recorded_at (datetime.datetime):
        actor (str):
        note (None | str):
        reference (None | str):
        documents (list[DocumentOut]): The documents of this entry, by publication date
        override_reason (None | str | Unset):
        clock (None | str | Unset):
        days (int | None | Unset):
        voided_at (datetime.datetime | None | Unset): Set on a void entry: clocks and as-of answers ignore it
        voided_by (None | str | Unset):
        void_reason (None | str | Unset):
        corrections (list[CorrectionOut] | Unset): Every correction of the entry, oldest first; the fields above are
            current
    """

    sequence: int
    event: str
    from_state: None | str
    to_state: str
    occurred_at: datetime.datetime
    recorded_at: datetime.datetime
    actor: str
    note: None | str
    reference: None | str
    documents: list[DocumentOut]
    override_reason: None | str | Unset = UNSET
    clock: None | str | Unset = UNSET
    days: int | None | Unset = UNSET
    voided_at: datetime.datetime | None | Unset = UNSET
    voided_by: None | str | Unset = UNSET
    void_reason: None | str | Unset = UNSET
    corrections: list[CorrectionOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sequence = self.sequence

        event = self.event

        from_state: None | str
        from_state = self.from_state

        to_state = self.to_state

        occurred_at = self.occurred_at.isoformat()

        recorded_at = self.recorded_at.isoformat()

        actor = self.actor

        note: None | str
        note = self.note

        reference: None | str
        reference = self.reference

        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        override_reason: None | str | Unset
        if isinstance(self.override_reason, Unset):
            override_reason = UNSET
        else:
            override_reason = self.override_reason

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

        voided_at: None | str | Unset
        if isinstance(self.voided_at, Unset):
            voided_at = UNSET
        elif isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

        voided_by: None | str | Unset
        if isinstance(self.voided_by, Unset):
            voided_by = UNSET
        else:
            voided_by = self.voided_by

        void_reason: None | str | Unset
        if isinstance(self.void_reason, Unset):
            void_reason = UNSET
        else:
            void_reason = self.void_reason

        corrections: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.corrections, Unset):
            corrections = []
            for corrections_item_data in self.corrections:
                corrections_item = corrections_item_data.to_dict()
                corrections.append(corrections_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sequence": sequence,
                "event": event,
                "from_state": from_state,
                "to_state": to_state,
                "occurred_at": occurred_at,
                "recorded_at": recorded_at,
                "actor": actor,
                "note": note,
                "reference": reference,
                "documents": documents,
            }
        )
        if override_reason is not UNSET:
            field_dict["override_reason"] = override_reason
        if clock is not UNSET:
            field_dict["clock"] = clock
        if days is not UNSET:
            field_dict["days"] = days
        if voided_at is not UNSET:
            field_dict["voided_at"] = voided_at
        if voided_by is not UNSET:
            field_dict["voided_by"] = voided_by
        if void_reason is not UNSET:
            field_dict["void_reason"] = void_reason
        if corrections is not UNSET:
            field_dict["corrections"] = corrections

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.correction_out import CorrectionOut
        from ..models.document_out import DocumentOut

        d = dict(src_dict)
        sequence = d.pop("sequence")

        event = d.pop("event")

        def _parse_from_state(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_state = _parse_from_state(d.pop("from_state"))

        to_state = d.pop("to_state")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        actor = d.pop("actor")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = DocumentOut.from_dict(documents_item_data)

            documents.append(documents_item)

        def _parse_override_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_reason = _parse_override_reason(d.pop("override_reason", UNSET))

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

        def _parse_voided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                voided_at_type_0 = datetime.datetime.fromisoformat(data)

                return voided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        voided_at = _parse_voided_at(d.pop("voided_at", UNSET))

        def _parse_voided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        voided_by = _parse_voided_by(d.pop("voided_by", UNSET))

        def _parse_void_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        void_reason = _parse_void_reason(d.pop("void_reason", UNSET))

        _corrections = d.pop("corrections", UNSET)
        corrections: list[CorrectionOut] | Unset = UNSET
        if _corrections is not UNSET:
            corrections = []
            for corrections_item_data in _corrections:
                corrections_item = CorrectionOut.from_dict(corrections_item_data)

                corrections.append(corrections_item)

        timeline_entry = cls(
            sequence=sequence,
            event=event,
            from_state=from_state,
            to_state=to_state,
            occurred_at=occurred_at,
            recorded_at=recorded_at,
            actor=actor,
            note=note,
            reference=reference,
            documents=documents,
            override_reason=override_reason,
            clock=clock,
            days=days,
            voided_at=voided_at,
            voided_by=voided_by,
            void_reason=void_reason,
            corrections=corrections,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
