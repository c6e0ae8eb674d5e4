from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.document_update_inferred_type_0_item import DocumentUpdateInferredType0Item
from ..models.document_update_type_type_0 import DocumentUpdateTypeType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentUpdate")


@_attrs_define
class DocumentUpdate:
    """The fields sent are changed; a field left out stays as it is. `sequence`, `fr_citation` and
    `note` may be sent as null to clear them.

        Attributes:
            type_ (DocumentUpdateTypeType0 | None | Unset):
            title (None | str | Unset):
            url (None | str | Unset):
            published_on (datetime.date | None | Unset):
            sequence (int | None | Unset):
            fr_citation (None | str | Unset):
            note (None | str | Unset):
            inferred (list[DocumentUpdateInferredType0Item] | None | Unset):
    """

    type_: DocumentUpdateTypeType0 | None | Unset = UNSET
    title: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    published_on: datetime.date | None | Unset = UNSET
    sequence: int | None | Unset = UNSET
    fr_citation: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[DocumentUpdateInferredType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, DocumentUpdateTypeType0):
            type_ = self.type_.value
        else:
            type_ = self.type_

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        published_on: None | str | Unset
        if isinstance(self.published_on, Unset):
            published_on = UNSET
        elif isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

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
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if url is not UNSET:
            field_dict["url"] = url
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
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

        def _parse_type_(data: object) -> DocumentUpdateTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = DocumentUpdateTypeType0(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentUpdateTypeType0 | None | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_published_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_on_type_0 = datetime.date.fromisoformat(data)

                return published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        published_on = _parse_published_on(d.pop("published_on", UNSET))

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

        def _parse_inferred(data: object) -> list[DocumentUpdateInferredType0Item] | None | Unset:
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
                    inferred_type_0_item = DocumentUpdateInferredType0Item(inferred_type_0_item_data)

                    inferred_type_0.append(inferred_type_0_item)

                return inferred_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DocumentUpdateInferredType0Item] | None | Unset, data)

        inferred = _parse_inferred(d.pop("inferred", UNSET))

        document_update = cls(
            type_=type_,
            title=title,
            url=url,
            published_on=published_on,
            sequence=sequence,
            fr_citation=fr_citation,
            note=note,
            inferred=inferred,
        )

        return document_update
