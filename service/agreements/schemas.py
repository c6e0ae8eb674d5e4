"""Request and response bodies of the agreements API."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BeforeValidator, model_validator, AnyHttpUrl, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from service.config import get_settings
from workflows import list_definitions

PARTY_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | {"EU"}
MAX_METADATA_BYTES = get_settings().max_metadata_bytes
WORKFLOW_NAMES = sorted({d.name for d in list_definitions()})


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


UNIQUE = Field(json_schema_extra={"uniqueItems": True})
Party = Annotated[
    str,
    StringConstraints(min_length=2, max_length=2),
    AfterValidator(_party),
    Field(json_schema_extra={"enum": sorted(PARTY_CODES)}),
]
Sector = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$")]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000)]
Reference = Annotated[AnyHttpUrl, Field(description="A source URL for the event")]
Metadata = Annotated[dict[str, Any], AfterValidator(_bounded_metadata), Field(description=f"Free JSON, at most {MAX_METADATA_BYTES} bytes serialized")]
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$")


def _rfc3339_text(value: Any) -> Any:
    # pydantic would also take numbers and "0" as Unix times; an event date must be written out.
    if isinstance(value, str) and not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, or a date (YYYY-MM-DD)")
    if isinstance(value, (int, float)):
        raise ValueError("must be a string: an RFC 3339 date-time or a date")
    return value


EventDate = Annotated[
    AwareDatetime | date,
    BeforeValidator(_rfc3339_text),
    Field(description="When the event happened in the world: an RFC 3339 date-time, or a date (midnight UTC)"),
]


def storable(value: Any) -> Any:
    """Refuse what PostgreSQL cannot store: NUL characters and lone UTF-16 surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text may not contain NUL (\\u0000) characters")
        try:
            value.encode()
        except UnicodeEncodeError:
            raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            storable(key)
            storable(item)
    elif isinstance(value, list):
        for item in value:
            storable(item)
    return value


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        return storable(data)


class AgreementCreate(_Request):
    title: Title
    parties: Annotated[list[Party], Field(min_length=2, max_length=50), AfterValidator(_unique), UNIQUE] = Field(
        description="ISO 3166-1 alpha-2 codes, or EU; at least two, unique"
    )
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(_unique), UNIQUE] = []
    metadata: Metadata = {}
    workflow: Annotated[str, Field(json_schema_extra={"enum": WORKFLOW_NAMES})] | None = Field(
        None, description="Workflow name; defaults to trade-agreement at its latest version"
    )
    announced_at: EventDate | None = Field(None, description="Date of the announcement; defaults to now")
    note: Note | None = None
    reference: Reference | None = None


class AgreementUpdate(_Request):
    title: Title | None = None
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(_unique), UNIQUE] | None = None
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
