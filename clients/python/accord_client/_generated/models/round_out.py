from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RoundOut")


@_attrs_define
class RoundOut:
    """
    Attributes:
        agreement_id (str):
        number (int): 1, 2, ... without gaps, in the order the rounds were held
        starts_on (datetime.date):
        ends_on (datetime.date):
        location (str):
        chapters (list[str]):
        summary_url (None | str):
        note (None | str):
        inferred (list[str]): The fields whose values are inferred, not read in a source
        actor (str): Who recorded or last changed it
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    agreement_id: str
    number: int
    starts_on: datetime.date
    ends_on: datetime.date
    location: str
    chapters: list[str]
    summary_url: None | str
    note: None | str
    inferred: list[str]
    actor: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        number = self.number

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        location = self.location

        chapters = self.chapters

        summary_url: None | str
        summary_url = self.summary_url

        note: None | str
        note = self.note

        inferred = self.inferred

        actor = self.actor

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "number": number,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "location": location,
                "chapters": chapters,
                "summary_url": summary_url,
                "note": note,
                "inferred": inferred,
                "actor": actor,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        number = d.pop("number")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        location = d.pop("location")

        chapters = cast(list[str], d.pop("chapters"))

        def _parse_summary_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary_url = _parse_summary_url(d.pop("summary_url"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        inferred = cast(list[str], d.pop("inferred"))

        actor = d.pop("actor")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        round_out = cls(
            agreement_id=agreement_id,
            number=number,
            starts_on=starts_on,
            ends_on=ends_on,
            location=location,
            chapters=chapters,
            summary_url=summary_url,
            note=note,
            inferred=inferred,
            actor=actor,
            created_at=created_at,
            updated_at=updated_at,
        )

        round_out.additional_properties = d
        return round_out

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
