from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.projected_clock_bound import ProjectedClockBound
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectedClock")


@_attrs_define
class ProjectedClock:
    """
    Attributes:
        clock (str):
        event (str): The event the clock bounds
        trigger (str): The event that starts the clock
        bound (ProjectedClockBound):
        trigger_date (datetime.date | None):
        status (str): As of the last assumed date, or today if later
        legal_basis (str):
        description (str):
        extension_days (int | Unset):  Default: 0.
        earliest (datetime.date | None | Unset): An earliest clock: the first date its event may happen
        latest (datetime.date | None | Unset): A latest clock: the last date its event may happen
    """

    clock: str
    event: str
    trigger: str
    bound: ProjectedClockBound
    trigger_date: datetime.date | None
    status: str
    legal_basis: str
    description: str
    extension_days: int | Unset = 0
    earliest: datetime.date | None | Unset = UNSET
    latest: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clock = self.clock

        event = self.event

        trigger = self.trigger

        bound = self.bound.value

        trigger_date: None | str
        if isinstance(self.trigger_date, datetime.date):
            trigger_date = self.trigger_date.isoformat()
        else:
            trigger_date = self.trigger_date

        status = self.status

        legal_basis = self.legal_basis

        description = self.description

        extension_days = self.extension_days

        earliest: None | str | Unset
        if isinstance(self.earliest, Unset):
            earliest = UNSET
        elif isinstance(self.earliest, datetime.date):
            earliest = self.earliest.isoformat()
        else:
            earliest = self.earliest

        latest: None | str | Unset
        if isinstance(self.latest, Unset):
            latest = UNSET
        elif isinstance(self.latest, datetime.date):
            latest = self.latest.isoformat()
        else:
            latest = self.latest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clock": clock,
                "event": event,
                "trigger": trigger,
                "bound": bound,
                "trigger_date": trigger_date,
                "status": status,
                "legal_basis": legal_basis,
                "description": description,
            }
        )
        if extension_days is not UNSET:
            field_dict["extension_days"] = extension_days
        if earliest is not UNSET:
            field_dict["earliest"] = earliest
        if latest is not UNSET:
            field_dict["latest"] = latest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        clock = d.pop("clock")

        event = d.pop("event")

        trigger = d.pop("trigger")

        bound = ProjectedClockBound(d.pop("bound"))

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

        status = d.pop("status")

        legal_basis = d.pop("legal_basis")

        description = d.pop("description")

        extension_days = d.pop("extension_days", UNSET)

        def _parse_earliest(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                earliest_type_0 = datetime.date.fromisoformat(data)

                return earliest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        earliest = _parse_earliest(d.pop("earliest", UNSET))

        def _parse_latest(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_type_0 = datetime.date.fromisoformat(data)

                return latest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        latest = _parse_latest(d.pop("latest", UNSET))

        projected_clock = cls(
            clock=clock,
            event=event,
            trigger=trigger,
            bound=bound,
            trigger_date=trigger_date,
            status=status,
            legal_basis=legal_basis,
            description=description,
            extension_days=extension_days,
            earliest=earliest,
            latest=latest,
        )

        projected_clock.additional_properties = d
        return projected_clock

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
