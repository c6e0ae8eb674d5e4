"""Request and response bodies of the consultations API: a USTR public comment docket of an
agreement, with the dates of its Federal Register notice."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator

from service.schemas import EARLIEST_DATE, LATEST_DATE, UNIQUE, BoundedHttpUrl, Request, unique

# ASCII digits only: Python's \d also matches other scripts' digits.
DOCKET_PATTERN = r"^USTR-[0-9]{4}-[0-9]{4}$"
FR_CITATION_PATTERN = r"^[0-9]{1,3} FR [0-9]{1,6}$"
# The fields whose values may be marked inferred (no source states them).
INFERABLE = (
    "docket_id",
    "fr_citation",
    "title",
    "url",
    "opens_on",
    "comments_due",
    "hearing_on",
    "post_hearing_comments_due",
)
# Dates of a consultation that are deadlines (service/deadlines/ lists them), in their order.
DEADLINE_FIELDS = ("comments_due", "hearing_on", "post_hearing_comments_due")


def _docket(value: str) -> str:
    if not re.fullmatch(DOCKET_PATTERN, value):
        raise ValueError("must be a USTR docket id: USTR-YYYY-NNNN, e.g. USTR-2018-0035")
    return value


def _fr_citation(value: str) -> str:
    if not re.fullmatch(FR_CITATION_PATTERN, value):
        raise ValueError('must be a Federal Register citation: "<volume> FR <page>", e.g. "83 FR 57526"')
    return value


def _written_date(value: object) -> object:
    # pydantic would take numbers, and "0", as Unix times; a calendar date is written out.
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


def _in_range(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}")
    return value


DocketId = Annotated[
    str,
    StringConstraints(max_length=16),
    AfterValidator(_docket),
    Field(description="The regulations.gov docket, USTR-YYYY-NNNN", json_schema_extra={"pattern": DOCKET_PATTERN}),
]
FrCitation = Annotated[
    str,
    StringConstraints(max_length=32),
    AfterValidator(_fr_citation),
    Field(
        description='The Federal Register notice, "<volume> FR <page>"',
        json_schema_extra={"pattern": FR_CITATION_PATTERN},
    ),
]
# A Washington calendar date: comment deadlines and hearings are days, not instants.
CalendarDate = Annotated[date, BeforeValidator(_written_date), AfterValidator(_in_range)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000)]
InferredField = Literal[INFERABLE]  # type: ignore[valid-type]
Inferred = Annotated[list[InferredField], Field(max_length=len(INFERABLE)), AfterValidator(unique), UNIQUE]

_NAFTA = {
    "docket_id": "USTR-2017-0006",
    "fr_citation": "82 FR 23699",
    "title": "Request for Comments on Negotiating Objectives Regarding Modernization of the North American Free "
    "Trade Agreement With Canada and Mexico",
    "url": "https://www.federalregister.gov/citation/82-FR-23699",
    "opens_on": "2017-05-23",
    "comments_due": "2017-06-12",
    "hearing_on": "2017-06-27",
    "note": "Hearings held June 27-29, 2017 at the USITC. The docket number was not found in a stored copy of the notice",
    "inferred": ["docket_id"],
}


class ConsultationCreate(Request):
    """A public comment docket. Dates are Washington calendar dates: `comments_due` and
    `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                _NAFTA,
                {
                    "docket_id": "USTR-2018-0035",
                    "fr_citation": "83 FR 57526",
                    "opens_on": "2018-11-15",
                    "comments_due": "2018-12-10",
                    "hearing_on": "2018-12-14",
                },
            ]
        }
    )

    docket_id: DocketId
    fr_citation: FrCitation
    title: Title | None = None
    url: BoundedHttpUrl | None = Field(None, description="The notice or the docket (http or https)")
    opens_on: CalendarDate = Field(description="The day the comment period opens: the notice's publication")
    comments_due: CalendarDate = Field(description="Written comments are due; on or after opens_on")
    hearing_on: CalendarDate | None = Field(
        None, description="The public hearing (its first day); on or after opens_on"
    )
    post_hearing_comments_due: CalendarDate | None = Field(
        None, description="Post-hearing (rebuttal) comments are due; on or after hearing_on"
    )
    note: Note | None = None
    inferred: Inferred = Field(
        [], description="Fields whose values no source states; `note` says how they were inferred"
    )


# Fields a PATCH may not clear: they are required.
_REQUIRED = ("docket_id", "fr_citation", "opens_on", "comments_due", "inferred")


def _update_schema(schema: dict[str, Any]) -> None:
    """The required fields are optional in a PATCH, but never null: the document says so."""
    for name in _REQUIRED:
        field = schema["properties"][name]
        branches = [b for b in field.pop("anyOf", []) if b.get("type") != "null"]
        if branches:
            field.update(branches[0])
        field.pop("default", None)
    schema["examples"] = [
        {"comments_due": "2017-06-14", "note": "Comment deadline extended to June 14, 2017"},
        {"hearing_on": None},
    ]


class ConsultationUpdate(Request):
    """The fields sent are changed; a field left out stays as it is. `title`, `url`, `hearing_on`,
    `post_hearing_comments_due` and `note` may be sent as null to clear them; the others may not."""

    model_config = ConfigDict(json_schema_extra=_update_schema)

    docket_id: DocketId | None = None
    fr_citation: FrCitation | None = None
    title: Title | None = None
    url: BoundedHttpUrl | None = None
    opens_on: CalendarDate | None = None
    comments_due: CalendarDate | None = None
    hearing_on: CalendarDate | None = None
    post_hearing_comments_due: CalendarDate | None = None
    note: Note | None = None
    inferred: Inferred | None = None

    @field_validator(*_REQUIRED)
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null: leave the field out to keep its value")
        return value


class ConsultationOut(BaseModel):
    id: str
    agreement_id: str
    docket_id: str
    fr_citation: str | None
    title: str | None
    url: str | None
    opens_on: date
    comments_due: date
    hearing_on: date | None
    post_hearing_comments_due: date | None
    note: str | None
    inferred: list[str]
    actor: str = Field(description="The API key (or system) that recorded or last changed it")
    created_at: datetime
    updated_at: datetime
