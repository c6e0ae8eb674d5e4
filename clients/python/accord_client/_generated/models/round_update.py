from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.round_update_inferred_type_0_item import RoundUpdateInferredType0Item
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoundUpdate")


@_attrs_define
class RoundUpdate:
    """The fields sent are changed; a field left out stays as it is. `summary_url` and `note` may be
    sent as null to clear them. The number stays: rounds are numbered in the order they were held.

        Attributes:
            starts_on (datetime.date | None | Unset):
            ends_on (datetime.date | None | Unset):
            location (None | str | Unset):
            chapters (list[str] | None | Unset):
            summary_url (None | str | Unset):
            note (None | str | Unset):
            inferred (list[RoundUpdateInferredType0Item] | None | Unset):
    """

    starts_on: datetime.date | None | Unset = UNSET
    ends_on: datetime.date | None | Unset = UNSET
    location: None | str | Unset = UNSET
    chapters: list[str] | None | Unset = UNSET
    summary_url: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[RoundUpdateInferredType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        elif isinstance(self.starts_on, datetime.date):
            starts_on = self.starts_on.isoformat()
        else:
            starts_on = self.starts_on

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        chapters: list[str] | None | Unset
        if isinstance(self.chapters, Unset):
            chapters = UNSET
        elif isinstance(self.chapters, list):
            chapters = self.chapters

        else:
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

        inferred: list[str] | None | Unset
        if isinstance(self.inferred, Unset):
            inferred = UNSET
        elif isinstance(self.inferred, list):
            inferred = []
            for inferred_type_0_item_data in self.inferred:
                inferred_type_0_item = inferred_type_0_item_data.value
                inferred.append(inferred_type_0_item)

        else:
            inferred = self.inferred

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if location is not UNSET:
            field_dict["location"] = location
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

        def _parse_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_on_type_0 = datetime.date.fromisoformat(data)

                return starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        def _parse_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_chapters(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                chapters_type_0 = cast(list[str], data)

                return chapters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        chapters = _parse_chapters(d.pop("chapters", UNSET))

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

        def _parse_inferred(data: object) -> list[RoundUpdateInferredType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inferred_type_0 = []
                _inferred_type_0 = data
                for inferred_type_0_item_data in _inferred_type_0:
                    inferred_type_0_item = RoundUpdateInferredType0Item(inferred_type_0_item_data)

                    inferred_type_0.append(inferred_type_0_item)

                return inferred_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RoundUpdateInferredType0Item] | None | Unset, data)

        inferred = _parse_inferred(d.pop("inferred", UNSET))

        round_update = cls(
            starts_on=starts_on,
            ends_on=ends_on,
            location=location,
            chapters=chapters,
            summary_url=summary_url,
            note=note,
            inferred=inferred,
        )

        return round_update
