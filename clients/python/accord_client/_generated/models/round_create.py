from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.round_create_inferred_item import RoundCreateInferredItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoundCreate")


@_attrs_define
class RoundCreate:
    """
    Attributes:
        starts_on (datetime.date): A date (YYYY-MM-DD)
        ends_on (datetime.date): The last day of the round; not before starts_on
        location (str): Where the round was held: city, country
        number (int | None | Unset): The round's number: the next one (rounds are numbered without gaps); defaults to it
        chapters (list[str] | Unset): The chapters (or subjects) discussed, as the sources name them
        summary_url (None | str | Unset): A summary or statement on the round (http or https)
        note (None | str | Unset):
        inferred (list[RoundCreateInferredItem] | Unset): The fields whose values are inferred, not read in a source;
            say why in `note`
    """

    starts_on: datetime.date
    ends_on: datetime.date
    location: str
    number: int | None | Unset = UNSET
    chapters: list[str] | Unset = UNSET
    summary_url: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[RoundCreateInferredItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        location = self.location

        number: int | None | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        chapters: list[str] | Unset = UNSET
        if not isinstance(self.chapters, Unset):
            chapters = self.chapters

        summary_url: None | str | Unset
        if isinstance(self.summary_url, Unset):
            summary_url = UNSET
        else:
            summary_url = self.summary_url

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        inferred: list[str] | Unset = UNSET
        if not isinstance(self.inferred, Unset):
            inferred = []
            for inferred_item_data in self.inferred:
                inferred_item = inferred_item_data.value
                inferred.append(inferred_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "starts_on": starts_on,
                "ends_on": ends_on,
                "location": location,
            }
        )
        if number is not UNSET:
            field_dict["number"] = number
        if chapters is not UNSET:
            field_dict["chapters"] = chapters
        if summary_url is not UNSET:
            field_dict["summary_url"] = summary_url
        if note is not UNSET:
            field_dict["note"] = note
        if inferred is not UNSET:
            field_dict["inferred"] = inferred

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        location = d.pop("location")

        def _parse_number(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        chapters = cast(list[str], d.pop("chapters", UNSET))

        def _parse_summary_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary_url = _parse_summary_url(d.pop("summary_url", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        _inferred = d.pop("inferred", UNSET)
        inferred: list[RoundCreateInferredItem] | Unset = UNSET
        if _inferred is not UNSET:
            inferred = []
            for inferred_item_data in _inferred:
                inferred_item = RoundCreateInferredItem(inferred_item_data)

                inferred.append(inferred_item)

        round_create = cls(
            starts_on=starts_on,
            ends_on=ends_on,
            location=location,
            number=number,
            chapters=chapters,
            summary_url=summary_url,
            note=note,
            inferred=inferred,
        )

        return round_create
