from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsultationOut")


@_attrs_define
class ConsultationOut:
    """
    Attributes:
        id (str):
        agreement_id (str):
        docket_id (str):
        fr_citation (None | str):
        title (None | str):
        url (None | str):
        opens_on (datetime.date):
        comments_due (datetime.date):
        hearing_on (datetime.date | None):
        post_hearing_comments_due (datetime.date | None):
        note (None | str):
        inferred (list[str]):
        actor (str): The API key (or system) that recorded or last changed it
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    agreement_id: str
    docket_id: str
    fr_citation: None | str
    title: None | str
    url: None | str
    opens_on: datetime.date
    comments_due: datetime.date
    hearing_on: datetime.date | None
    post_hearing_comments_due: datetime.date | None
    note: None | str
    inferred: list[str]
    actor: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        agreement_id = self.agreement_id

        docket_id = self.docket_id

        fr_citation: None | str
        fr_citation = self.fr_citation

        title: None | str
        title = self.title

        url: None | str
        url = self.url

        opens_on = self.opens_on.isoformat()

        comments_due = self.comments_due.isoformat()

        hearing_on: None | str
        if isinstance(self.hearing_on, datetime.date):
            hearing_on = self.hearing_on.isoformat()
        else:
            hearing_on = self.hearing_on

        post_hearing_comments_due: None | str
        if isinstance(self.post_hearing_comments_due, datetime.date):
            post_hearing_comments_due = self.post_hearing_comments_due.isoformat()
        else:
            post_hearing_comments_due = self.post_hearing_comments_due

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
                "docket_id": docket_id,
                "fr_citation": fr_citation,
                "title": title,
                "url": url,
                "opens_on": opens_on,
                "comments_due": comments_due,
                "hearing_on": hearing_on,
                "post_hearing_comments_due": post_hearing_comments_due,
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

        docket_id = d.pop("docket_id")

        def _parse_fr_citation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fr_citation = _parse_fr_citation(d.pop("fr_citation"))

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))

        comments_due = datetime.date.fromisoformat(d.pop("comments_due"))

        def _parse_hearing_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hearing_on_type_0 = datetime.date.fromisoformat(data)

                return hearing_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        hearing_on = _parse_hearing_on(d.pop("hearing_on"))

        def _parse_post_hearing_comments_due(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                post_hearing_comments_due_type_0 = datetime.date.fromisoformat(data)

                return post_hearing_comments_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        post_hearing_comments_due = _parse_post_hearing_comments_due(d.pop("post_hearing_comments_due"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        inferred = cast(list[str], d.pop("inferred"))

        actor = d.pop("actor")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        consultation_out = cls(
            id=id,
            agreement_id=agreement_id,
            docket_id=docket_id,
            fr_citation=fr_citation,
            title=title,
            url=url,
            opens_on=opens_on,
            comments_due=comments_due,
            hearing_on=hearing_on,
            post_hearing_comments_due=post_hearing_comments_due,
            note=note,
            inferred=inferred,
            actor=actor,
            created_at=created_at,
            updated_at=updated_at,
        )

        consultation_out.additional_properties = d
        return consultation_out

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
