from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deadline_bound import DeadlineBound
from ..models.deadline_source import DeadlineSource
from ..models.deadline_status import DeadlineStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Deadline")


@_attrs_define
class Deadline:
    """
    Attributes:
        agreement_id (str):
        clock (str): The statutory clock; for a consultation, the date it is: comments_due, hearing_on or
            post_hearing_comments_due
        event (str): The event the clock bounds
        trigger (str): The event that starts the clock
        trigger_date (datetime.date | None):
        days (int):
        bound (DeadlineBound): earliest: the event may not come before the due date; latest: it must come by it
        due_date (datetime.date | None):
        status (DeadlineStatus): pending: started, not yet due or met; met; missed (also an earliest clock overridden);
            not_applicable: the trigger has not happened, the agreement ended first, or an exemption waives it; unrecorded:
            the record lacks a date for the trigger (or the event), so neither met nor missed; passed: a consultation's date
            that is over (a public comment date cannot be missed)
        legal_basis (str):
        description (str):
        extension_days (int | Unset):  Default: 0.
        occurred_on (datetime.date | None | Unset): When the bounded event happened
        closes (datetime.date | None | Unset): A window's closing date: the bounded event must come before it (trigger
            is then empty)
        exemption (None | str | Unset): The exemption that waives this clock for the agreement (the status is then
            not_applicable)
        source (DeadlineSource | Unset): statutory: a clock of the agreement's workflow; consultation: a date of a
            public comment docket (GET /v1/agreements/{id}/consultations) Default: DeadlineSource.STATUTORY.
        consultation_id (None | str | Unset): source consultation: the consultation
        docket_id (None | str | Unset): source consultation: its docket, USTR-YYYY-NNNN
    """

    agreement_id: str
    clock: str
    event: str
    trigger: str
    trigger_date: datetime.date | None
    days: int
    bound: DeadlineBound
    due_date: datetime.date | None
    status: DeadlineStatus
    legal_basis: str
    description: str
    extension_days: int | Unset = 0
    occurred_on: datetime.date | None | Unset = UNSET
    closes: datetime.date | None | Unset = UNSET
    exemption: None | str | Unset = UNSET
    source: DeadlineSource | Unset = DeadlineSource.STATUTORY
    consultation_id: None | str | Unset = UNSET
    docket_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        clock = self.clock

        event = self.event

        trigger = self.trigger

        trigger_date: None | str
        if isinstance(self.trigger_date, datetime.date):
            trigger_date = self.trigger_date.isoformat()
        else:
            trigger_date = self.trigger_date

        days = self.days

        bound = self.bound.value

        due_date: None | str
        if isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        status = self.status.value

        legal_basis = self.legal_basis

        description = self.description

        extension_days = self.extension_days

        occurred_on: None | str | Unset
        if isinstance(self.occurred_on, Unset):
            occurred_on = UNSET
        elif isinstance(self.occurred_on, datetime.date):
            occurred_on = self.occurred_on.isoformat()
        else:
            occurred_on = self.occurred_on

        closes: None | str | Unset
        if isinstance(self.closes, Unset):
            closes = UNSET
        elif isinstance(self.closes, datetime.date):
            closes = self.closes.isoformat()
        else:
            closes = self.closes

        exemption: None | str | Unset
        if isinstance(self.exemption, Unset):
            exemption = UNSET
        else:
            exemption = self.exemption

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        consultation_id: None | str | Unset
        if isinstance(self.consultation_id, Unset):
            consultation_id = UNSET
        else:
            consultation_id = self.consultation_id

        docket_id: None | str | Unset
        if isinstance(self.docket_id, Unset):
            docket_id = UNSET
        else:
            docket_id = self.docket_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "clock": clock,
                "event": event,
                "trigger": trigger,
                "trigger_date": trigger_date,
                "days": days,
                "bound": bound,
                "due_date": due_date,
                "status": status,
                "legal_basis": legal_basis,
                "description": description,
            }
        )
        if extension_days is not UNSET:
            field_dict["extension_days"] = extension_days
        if occurred_on is not UNSET:
            field_dict["occurred_on"] = occurred_on
        if closes is not UNSET:
            field_dict["closes"] = closes
        if exemption is not UNSET:
            field_dict["exemption"] = exemption
        if source is not UNSET:
            field_dict["source"] = source
        if consultation_id is not UNSET:
            field_dict["consultation_id"] = consultation_id
        if docket_id is not UNSET:
            field_dict["docket_id"] = docket_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        clock = d.pop("clock")

        event = d.pop("event")

        trigger = d.pop("trigger")

        def _parse_trigger_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trigger_date_type_0 = datetime.date.fromisoformat(data)

                return trigger_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        trigger_date = _parse_trigger_date(d.pop("trigger_date"))

        days = d.pop("days")

        bound = DeadlineBound(d.pop("bound"))

        def _parse_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_date = _parse_due_date(d.pop("due_date"))

        status = DeadlineStatus(d.pop("status"))

        legal_basis = d.pop("legal_basis")

        description = d.pop("description")

        extension_days = d.pop("extension_days", UNSET)

        def _parse_occurred_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_on_type_0 = datetime.date.fromisoformat(data)

                return occurred_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        occurred_on = _parse_occurred_on(d.pop("occurred_on", UNSET))

        def _parse_closes(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closes_type_0 = datetime.date.fromisoformat(data)

                return closes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        closes = _parse_closes(d.pop("closes", UNSET))

        def _parse_exemption(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption = _parse_exemption(d.pop("exemption", UNSET))

        _source = d.pop("source", UNSET)
        source: DeadlineSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = DeadlineSource(_source)

        def _parse_consultation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consultation_id = _parse_consultation_id(d.pop("consultation_id", UNSET))

        def _parse_docket_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        docket_id = _parse_docket_id(d.pop("docket_id", UNSET))

        deadline = cls(
            agreement_id=agreement_id,
            clock=clock,
            event=event,
            trigger=trigger,
            trigger_date=trigger_date,
            days=days,
            bound=bound,
            due_date=due_date,
            status=status,
            legal_basis=legal_basis,
            description=description,
            extension_days=extension_days,
            occurred_on=occurred_on,
            closes=closes,
            exemption=exemption,
            source=source,
            consultation_id=consultation_id,
            docket_id=docket_id,
        )

        deadline.additional_properties = d
        return deadline

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
