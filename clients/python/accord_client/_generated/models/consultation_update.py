from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.consultation_update_inferred_item import ConsultationUpdateInferredItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsultationUpdate")


@_attrs_define
class ConsultationUpdate:
    """The fields sent are changed; a field left out stays as it is. `title`, `url`, `hearing_on`,
    `post_hearing_comments_due` and `note` may be sent as null to clear them; the others may not.

        Attributes:
            docket_id (str | Unset): The regulations.gov docket, USTR-YYYY-NNNN
            fr_citation (str | Unset): The Federal Register notice, "<volume> FR <page>"
            title (None | str | Unset):
            url (None | str | Unset):
            opens_on (datetime.date | Unset):
            comments_due (datetime.date | Unset):
            hearing_on (datetime.date | None | Unset):
            post_hearing_comments_due (datetime.date | None | Unset):
            note (None | str | Unset):
            inferred (list[ConsultationUpdateInferredItem] | Unset):
    """

    docket_id: str | Unset = UNSET
    fr_citation: str | Unset = UNSET
    title: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    opens_on: datetime.date | Unset = UNSET
    comments_due: datetime.date | Unset = UNSET
    hearing_on: datetime.date | None | Unset = UNSET
    post_hearing_comments_due: datetime.date | None | Unset = UNSET
    note: None | str | Unset = UNSET
    inferred: list[ConsultationUpdateInferredItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        docket_id = self.docket_id

        fr_citation = self.fr_citation

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

        opens_on: str | Unset = UNSET
        if not isinstance(self.opens_on, Unset):
            opens_on = self.opens_on.isoformat()

        comments_due: str | Unset = UNSET
        if not isinstance(self.comments_due, Unset):
            comments_due = self.comments_due.isoformat()

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

        field_dict.update({})
        if docket_id is not UNSET:
            field_dict["docket_id"] = docket_id
        if fr_citation is not UNSET:
            field_dict["fr_citation"] = fr_citation
        if title is not UNSET:
            field_dict["title"] = title
        if url is not UNSET:
            field_dict["url"] = url
        if opens_on is not UNSET:
            field_dict["opens_on"] = opens_on
        if comments_due is not UNSET:
            field_dict["comments_due"] = comments_due
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
        docket_id = d.pop("docket_id", UNSET)

        fr_citation = d.pop("fr_citation", UNSET)

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

        _opens_on = d.pop("opens_on", UNSET)
        opens_on: datetime.date | Unset
        if isinstance(_opens_on, Unset):
            opens_on = UNSET
        else:
            opens_on = datetime.date.fromisoformat(_opens_on)

        _comments_due = d.pop("comments_due", UNSET)
        comments_due: datetime.date | Unset
        if isinstance(_comments_due, Unset):
            comments_due = UNSET
        else:
            comments_due = datetime.date.fromisoformat(_comments_due)

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
        inferred: list[ConsultationUpdateInferredItem] | Unset = UNSET
        if _inferred is not UNSET:
            inferred = []
            for inferred_item_data in _inferred:
                inferred_item = ConsultationUpdateInferredItem(inferred_item_data)

                inferred.append(inferred_item)

        consultation_update = cls(
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
        )

        return consultation_update
