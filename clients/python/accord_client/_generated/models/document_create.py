from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.document_create_inferred_item import DocumentCreateInferredItem
from ..models.document_create_type import DocumentCreateType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentCreate")


@_attrs_define
class DocumentCreate:
    """
    Attributes:
        type_ (DocumentCreateType):
        title (str):
        url (str): Where the document is (http or https)
        published_on (datetime.date): The day the document was published (YYYY-MM-DD); not in the future, not before
            1900
        sequence (int | None | Unset): The history entry the document documents; it must exist in the agreement's
            history
        fr_citation (None | str | Unset): The Federal Register citation, e.g. 83 FR 57526
        note (None | str | Unset):
        inferred (list[DocumentCreateInferredItem] | Unset): The fields whose values are inferred, not read in a source;
            say why in `note`
    """

    type_: DocumentCreateType
    title: str
    url: str
    published_on: datetime.date
    sequence: int | None | Unset = UNSET
    fr_citation: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[DocumentCreateInferredItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        title = self.title

        url = self.url

        published_on = self.published_on.isoformat()

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        fr_citation: None | str | Unset
        if isinstance(self.fr_citation, Unset):
            fr_citation = UNSET
        else:
            fr_citation = self.fr_citation

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
                "type": type_,
                "title": title,
                "url": url,
                "published_on": published_on,
            }
        )
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if fr_citation is not UNSET:
            field_dict["fr_citation"] = fr_citation
        if note is not UNSET:
            field_dict["note"] = note
        if inferred is not UNSET:
            field_dict["inferred"] = inferred

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = DocumentCreateType(d.pop("type"))

        title = d.pop("title")

        url = d.pop("url")

        published_on = datetime.date.fromisoformat(d.pop("published_on"))

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        def _parse_fr_citation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fr_citation = _parse_fr_citation(d.pop("fr_citation", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        _inferred = d.pop("inferred", UNSET)
        inferred: list[DocumentCreateInferredItem] | Unset = UNSET
        if _inferred is not UNSET:
            inferred = []
            for inferred_item_data in _inferred:
                inferred_item = DocumentCreateInferredItem(inferred_item_data)

                inferred.append(inferred_item)

        document_create = cls(
            type_=type_,
            title=title,
            url=url,
            published_on=published_on,
            sequence=sequence,
            fr_citation=fr_citation,
            note=note,
            inferred=inferred,
        )

        return document_create
