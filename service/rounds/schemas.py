"""Request and response bodies of an agreement's negotiating rounds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.agreements.schemas import QueryDate
from service.schemas import UNIQUE, BoundedHttpUrl, Request, unique

InferableField = Literal["starts_on", "ends_on", "location", "chapters", "summary_url"]
Location = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Chapter = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Chapters = Annotated[
    list[Chapter],
    Field(max_length=100, description="The chapters (or subjects) discussed, as the sources name them"),
    AfterValidator(unique),
    UNIQUE,
]
Note = Annotated[str, StringConstraints(max_length=2000)]
Inferred = Annotated[
    list[InferableField],
    Field(max_length=5, description="The fields whose values are inferred, not read in a source; say why in `note`"),
    AfterValidator(unique),
    UNIQUE,
]
Day = Annotated[QueryDate, Field(description="A date (YYYY-MM-DD)")]
RoundNumber = Annotated[int, Field(ge=1, le=2**31 - 1)]

# The NAFTA renegotiation's first round, as the seed records it (service/seed/rounds.json).
_EXAMPLE = {
    "starts_on": "2017-08-16",
    "ends_on": "2017-08-20",
    "location": "Washington, D.C., United States",
    "summary_url": "https://www.thompsonhinesmartrade.com/2017/07/nafta-renegotiations-begin-august-16/",
    "note": "USTR announced the round for August 16-20, 2017 in Washington, D.C.",
}


class RoundCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={"examples": [_EXAMPLE, {**_EXAMPLE, "number": 1, "chapters": ["rules of origin"]}]}
    )

    number: RoundNumber | None = Field(
        None, description="The round's number: the next one (rounds are numbered without gaps); defaults to it"
    )
    starts_on: Day
    ends_on: Day = Field(description="The last day of the round; not before starts_on")
    location: Location = Field(description="Where the round was held: city, country")
    chapters: Chapters = []
    summary_url: BoundedHttpUrl | None = Field(None, description="A summary or statement on the round (http or https)")
    note: Note | None = None
    inferred: Inferred = []


REQUIRED_FIELDS = ("starts_on", "ends_on", "location", "chapters", "inferred")


class RoundUpdate(Request):
    """The fields sent are changed; a field left out stays as it is. `summary_url` and `note` may be
    sent as null to clear them. The number stays: rounds are numbered in the order they were held."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"ends_on": "2017-08-20"}, {"chapters": ["rules of origin", "dairy"]}]}
    )

    starts_on: Day | None = None
    ends_on: Day | None = None
    location: Location | None = None
    chapters: Chapters | None = None
    summary_url: BoundedHttpUrl | None = None
    note: Note | None = None
    inferred: Inferred | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> RoundUpdate:
        cleared = [f for f in REQUIRED_FIELDS if f in self.model_fields_set and getattr(self, f) is None]
        if cleared:
            raise ValueError(f"{', '.join(cleared)} may not be null; only summary_url and note can be cleared")
        return self


class RoundOut(BaseModel):
    agreement_id: str
    number: int = Field(description="1, 2, ... without gaps, in the order the rounds were held")
    starts_on: date
    ends_on: date
    location: str
    chapters: list[str]
    summary_url: str | None
    note: str | None
    inferred: list[str] = Field(description="The fields whose values are inferred, not read in a source")
    actor: str = Field(description="Who recorded or last changed it")
    created_at: datetime
    updated_at: datetime
