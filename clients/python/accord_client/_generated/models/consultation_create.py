from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.consultation_create_inferred_item import ConsultationCreateInferredItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsultationCreate")


@_attrs_define
class ConsultationCreate:
    """A public comment docket. Dates are Washington calendar dates: `comments_due` and
    `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`.

        Attributes:
            docket_id (str): The regulations.gov docket, USTR-YYYY-NNNN
            fr_citation (str): The Federal Register notice, "<volume> FR <page>"
            opens_on (datetime.date): The day the comment period opens: the notice's publication
            comments_due (datetime.date): Written comments are due; on or after opens_on
            title (None | str | Unset):
            url (None | str | Unset): The notice or the docket (http or https)
            hearing_on (datetime.date | None | Unset): The public hearing (its first day); on or after opens_on
            post_hearing_comments_due (datetime.date | None | Unset): Post-hearing (rebuttal) comments are due; on or after
                hearing_on
            note (None | str | Unset):
            inferred (list[ConsultationCreateInferredItem] | Unset): Fields whose values no source states; `note` says how
                they were inferred
    """

    docket_id: str
    fr_citation: str
    opens_on: datetime.date
    comments_due: datetime.date
    title: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    hearing_on: datetime.date | None | Unset = UNSET
    post_hearing_comments_due: datetime.date | None | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[ConsultationCreateInferredItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        docket_id = self.docket_id

        fr_citation = self.fr_citation

        opens_on = self.opens_on.isoformat()

        comments_due = self.comments_due.isoformat()

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

        hearing_on: None | str | Unset
        if isinstance(self.hearing_on, Unset):
            hearing_on = UNSET
        elif isinstance(self.hearing_on, datetime.date):
            hearing_on = self.hearing_on.isoformat()
        else:
            hearing_on = self.hearing_on

        post_hearing_comments_due: None | str | Unset
        if isinstance(self.post_hearing_comments_due, Unset):
            post_hearing_comments_due = UNSET
        elif isinstance(self.post_hearing_comments_due, datetime.date):
            post_hearing_comments_due = self.post_hearing_comments_due.isoformat()
        else:
            post_hearing_comments_due = self.post_hearing_comments_due

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
                "docket_id": docket_id,
                "fr_citation": fr_citation,
                "opens_on": opens_on,
                "comments_due": comments_due,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if url is not UNSET:
            field_dict["url"] = url
        if hearing_on is not UNSET:
            field_dict["hearing_on"] = hearing_on
        if post_hearing_comments_due is not UNSET:
            field_dict["post_hearing_comments_due"] = post_hearing_comments_due
        if note is not UNSET:
            field_dict["note"] = note
        if inferred is not UNSET:
            field_dict["inferred"] = inferred

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        docket_id = d.pop("docket_id")

        fr_citation = d.pop("fr_citation")

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))

        comments_due = datetime.date.fromisoformat(d.pop("comments_due"))

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

        def _parse_hearing_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hearing_on_type_0 = datetime.date.fromisoformat(data)

                return hearing_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        hearing_on = _parse_hearing_on(d.pop("hearing_on", UNSET))

        def _parse_post_hearing_comments_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                post_hearing_comments_due_type_0 = datetime.date.fromisoformat(data)

                return post_hearing_comments_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        post_hearing_comments_due = _parse_post_hearing_comments_due(d.pop("post_hearing_comments_due", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        _inferred = d.pop("inferred", UNSET)
        inferred: list[ConsultationCreateInferredItem] | Unset = UNSET
        if _inferred is not UNSET:
            inferred = []
            for inferred_item_data in _inferred:
                inferred_item = ConsultationCreateInferredItem(inferred_item_data)

                inferred.append(inferred_item)

        consultation_create = cls(
            docket_id=docket_id,
            fr_citation=fr_citation,
            opens_on=opens_on,
            comments_due=comments_due,
            title=title,
            url=url,
            hearing_on=hearing_on,
            post_hearing_comments_due=post_hearing_comments_due,
            note=note,
            inferred=inferred,
        )

        return consultation_create
