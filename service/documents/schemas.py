"""Request and response bodies of an agreement's documents and its timeline."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.agreements.schemas import QueryDate, TransitionOut
from service.schemas import UNIQUE, BoundedHttpUrl, Request, unique

DOCUMENT_TYPES = (
    "text",
    "negotiating_objectives",
    "federal_register_notice",
    "itc_report",
    "fact_sheet",
    "press_release",
    "statement_of_administrative_action",
    "other",
)
DocumentType = Literal[
    "text",
    "negotiating_objectives",
    "federal_register_notice",
    "itc_report",
    "fact_sheet",
    "press_release",
    "statement_of_administrative_action",
    "other",
]
# The fields a value of which may be inferred rather than read in a source.
InferableField = Literal["type", "title", "url", "published_on", "sequence", "fr_citation"]

FR_CITATION = re.compile(r"^\d{1,3} FR \d{1,6}$")


def _fr_citation(value: str) -> str:
    if not FR_CITATION.match(value):
        raise ValueError("must be a Federal Register citation: volume, FR, first page, as in '83 FR 57526'")
    return value


FrCitation = Annotated[
    str,
    StringConstraints(max_length=16),
    AfterValidator(_fr_citation),
    Field(json_schema_extra={"pattern": FR_CITATION.pattern}, examples=["83 FR 57526"]),
]
Title = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000)]
EntrySequence = Annotated[int, Field(ge=1, le=2**31 - 1, description="The history entry the document documents")]
Inferred = Annotated[
    list[InferableField],
    Field(max_length=6, description="The fields whose values are inferred, not read in a source; say why in `note`"),
    AfterValidator(unique),
    UNIQUE,
]
PublishedOn = Annotated[
    QueryDate, Field(description="The day the document was published (YYYY-MM-DD); not in the future, not before 1900")
]

# The US-EU request for comments, as the seed records it (service/seed/documents.json).
_EXAMPLE = {
    "type": "federal_register_notice",
    "title": "Request for Comments on Negotiating Objectives for a U.S.-European Union Trade Agreement",
    "url": "https://thefederalregister.org/83-FR/57526",
    "published_on": "2018-11-15",
    "fr_citation": "83 FR 57526",
    "note": "Docket USTR-2018-0035; comments due 2018-12-10, hearing 2018-12-14",
}


class DocumentCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                _EXAMPLE,
                {
                    "type": "negotiating_objectives",
                    "title": "United States-Japan Trade Agreement (USJTA) Negotiations: Summary of Specific "
                    "Negotiating Objectives",
                    "url": "https://ustr.gov/sites/default/files/2018.12.21_Summary_of_U.S.-Japan_Negotiating_Objectives.pdf",
                    "published_on": "2018-12-21",
                    "sequence": 4,
                },
            ]
        }
    )

    type: DocumentType
    title: Title
    url: BoundedHttpUrl = Field(description="Where the document is (http or https)")
    published_on: PublishedOn
    sequence: EntrySequence | None = Field(
        None, description="The history entry the document documents; it must exist in the agreement's history"
    )
    fr_citation: FrCitation | None = Field(None, description="The Federal Register citation, e.g. 83 FR 57526")
    note: Note | None = None
    inferred: Inferred = []


REQUIRED_FIELDS = ("type", "title", "url", "published_on", "inferred")


class DocumentUpdate(Request):
    """The fields sent are changed; a field left out stays as it is. `sequence`, `fr_citation` and
    `note` may be sent as null to clear them."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"sequence": 4}, {"fr_citation": "83 FR 54164", "inferred": []}]}
    )

    type: DocumentType | None = None
    title: Title | None = None
    url: BoundedHttpUrl | None = None
    published_on: PublishedOn | None = None
    sequence: EntrySequence | None = None
    fr_citation: FrCitation | None = None
    note: Note | None = None
    inferred: Inferred | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> DocumentUpdate:
        cleared = [f for f in REQUIRED_FIELDS if f in self.model_fields_set and getattr(self, f) is None]
        if cleared:
            raise ValueError(
                f"{', '.join(cleared)} may not be null; only sequence, fr_citation and note can be cleared"
            )
        return self


class DocumentOut(BaseModel):
    id: str
    agreement_id: str
    type: DocumentType
    title: str
    url: str
    published_on: date
    sequence: int | None = Field(description="The history entry the document documents, if any")
    fr_citation: str | None
    note: str | None
    inferred: list[str] = Field(description="The fields whose values are inferred, not read in a source")
    actor: str = Field(description="Who recorded or last changed it")
    created_at: datetime
    updated_at: datetime


class TimelineEntry(TransitionOut):
    documents: list[DocumentOut] = Field(description="The documents of this entry, by publication date")


class Timeline(BaseModel):
    data: list[TimelineEntry] = Field(description="The history, oldest first, each entry with its documents")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page")
    unattached: list[DocumentOut] = Field(
        description="The documents that name no entry, by publication date: on the first page only, at most "
        "`limit` of them (the rest: GET .../documents?attached=false)"
    )
    unattached_more: bool = Field(description="More documents name no entry than `unattached` holds")
