from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_out_type import DocumentOutType

T = TypeVar("T", bound="DocumentOut")


@_attrs_define
class DocumentOut:
    """
    Attributes:
        id (str):
        agreement_id (str):
        type_ (DocumentOutType):
        title (str):
        url (str):
        published_on (datetime.date):
        sequence (int | None): The history entry the document documents, if any
        fr_citation (None | str):
        note (None | str):
        inferred (list[str]): The fields whose values are inferred, not read in a source
        actor (str): Who recorded or last changed it
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    agreement_id: str
    type_: DocumentOutType
    title: str
    url: str
    published_on: datetime.date
    sequence: int | None
    fr_citation: None | str
    note: None | str
    inferred: list[str]
    actor: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        agreement_id = self.agreement_id

        type_ = self.type_.value

        title = self.title

        url = self.url

        published_on = self.published_on.isoformat()

        sequence: int | None
        sequence = self.sequence

        fr_citation: None | str
        fr_citation = self.fr_citation

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
                "id": id,
                "agreement_id": agreement_id,
                "type": type_,
                "title": title,
                "url": url,
                "published_on": published_on,
                "sequence": sequence,
                "fr_citation": fr_citation,
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
        id = d.pop("id")

        agreement_id = d.pop("agreement_id")

        type_ = DocumentOutType(d.pop("type"))

        title = d.pop("title")

        url = d.pop("url")

        published_on = datetime.date.fromisoformat(d.pop("published_on"))

        def _parse_sequence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sequence = _parse_sequence(d.pop("sequence"))

        def _parse_fr_citation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fr_citation = _parse_fr_citation(d.pop("fr_citation"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        inferred = cast(list[str], d.pop("inferred"))

        actor = d.pop("actor")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        document_out = cls(
            id=id,
            agreement_id=agreement_id,
            type_=type_,
            title=title,
            url=url,
            published_on=published_on,
            sequence=sequence,
            fr_citation=fr_citation,
            note=note,
            inferred=inferred,
            actor=actor,
            created_at=created_at,
            updated_at=updated_at,
        )

        document_out.additional_properties = d
        return document_out

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
