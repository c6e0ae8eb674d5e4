"""Request and response bodies of the agreements API."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, AnyHttpUrl, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from service.config import get_settings

PARTY_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | {"EU"}
MAX_METADATA_BYTES = get_settings().max_metadata_bytes


def _party(code: str) -> str:
    if code not in PARTY_CODES:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code or EU")
    return code


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("values must be unique")
    return values


def _bounded_metadata(value: dict[str, Any]) -> dict[str, Any]:
    size = len(json.dumps(value, separators=(",", ":")).encode())
    if size > MAX_METADATA_BYTES:
        raise ValueError(f"metadata is {size} bytes serialized; the limit is {MAX_METADATA_BYTES}")
    return value


def as_utc(value: datetime | date | None) -> datetime | None:
    """RFC 3339 date-times keep their instant; a plain date means midnight UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time.min, tzinfo=UTC)


Party = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_party)]
Sector = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$")]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000)]
Reference = Annotated[AnyHttpUrl, Field(description="A source URL for the event")]
Metadata = Annotated[dict[str, Any], AfterValidator(_bounded_metadata), Field(description=f"Free JSON, at most {MAX_METADATA_BYTES} bytes serialized")]
EventDate = Annotated[
    AwareDatetime | date,
    Field(description="When the event happened in the world: an RFC 3339 date-time, or a date (midnight UTC)"),
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgreementCreate(_Request):
    title: Title
    parties: Annotated[list[Party], Field(min_length=2, max_length=50), AfterValidator(_unique)] = Field(
        description="ISO 3166-1 alpha-2 codes, or EU; at least two, unique"
    )
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(_unique)] = []
    metadata: Metadata = {}
    workflow: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        None, description="Workflow name; defaults to trade-agreement at its latest version"
    )
    announced_at: EventDate | None = Field(None, description="Date of the announcement; defaults to now")
    note: Note | None = None
    reference: Reference | None = None


class AgreementUpdate(_Request):
    title: Title | None = None
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(_unique)] | None = None
    metadata: Metadata | None = None


class TransitionCreate(_Request):
    event: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    occurred_at: EventDate | None = Field(None, description="When it happened; defaults to now. Not before the latest entry, not in the future")
    note: Note | None = None
    reference: Reference | None = None


class WorkflowRef(BaseModel):
    name: str
    version: int


class AgreementOut(BaseModel):
    id: str
    title: str
    parties: list[str]
    sectors: list[str]
    metadata: dict[str, Any]
    workflow: WorkflowRef
    state: str
    version: int = Field(description="Grows by one on every change; the ETag and If-Match token")
    created_at: datetime
    updated_at: datetime


class TransitionOut(BaseModel):
    sequence: int
    event: str
    from_state: str | None
    to_state: str
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    note: str | None
    reference: str | None


class TransitionResult(BaseModel):
    transition: TransitionOut
    agreement: AgreementOut


class AvailableTransition(BaseModel):
    event: str
    allowed: bool
    to_state: str | None = Field(None, description="Where the event would lead, when allowed")
    reasons: list[str] = Field(default_factory=list, description="Why it is refused, in words")


class AvailableTransitions(BaseModel):
    agreement_id: str
    state: str
    version: int
    events: list[AvailableTransition]
