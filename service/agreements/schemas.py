"""Request and response bodies of the agreements API."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic_core import core_schema

from service.config import get_settings
from workflows import list_definitions
from workflows.clocks import DEADLINE_STATUSES
from workflows.trade_agreement import AUTHORITIES, RTA_IS_STATUS

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
class Party(str):
    """A party code, validated as a plain string but documented once, as the `Party` schema, so
    every field that takes parties refers to it (the SDK gets one enum, not one per field)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        text = core_schema.str_schema(min_length=2, max_length=2)
        return core_schema.no_info_after_validator_function(_party, text, ref="Party")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        reference = handler(schema)
        named = handler.resolve_ref_schema(reference)
        named["enum"] = sorted(PARTY_CODES)
        named["description"] = "ISO 3166-1 alpha-2 code, or EU"
        return reference
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


def _authority(value: str) -> str:
    if value not in AUTHORITIES:
        raise ValueError(f"must be one of {', '.join(AUTHORITIES)}")
    return value


Authority = Annotated[str, AfterValidator(_authority), Field(json_schema_extra={"enum": list(AUTHORITIES)})]
RelationKind = Literal["supersedes", "amends"]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]


class RelationIn(_Request):
    kind: RelationKind
    agreement_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]


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
    authority: Authority | None = Field(
        None, description="The negotiating authority; sets the path and the statutory clocks. Defaults to tpa"
    )
    relations: Annotated[list[RelationIn], Field(max_length=10)] = Field(
        [], description="Agreements this one supersedes or amends"
    )
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
    clock: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        None, description="extend_deadline only: the clock to extend"
    )
    days: Annotated[int, Field(ge=1, le=3650)] | None = Field(None, description="extend_deadline only: days added to the clock")
    override_reason: Reason | None = Field(
        None,
        description="Records the event against a statutory clock that refuses it; kept in the history and the "
        "webhook payload. Admin only once API keys exist (issue 5); accepted from any caller until then",
    )


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
    authority: str | None = Field(None, description="The negotiating authority (workflow v2); null on v1")
    state: str
    rta_status: str | None = Field(
        None, description="The state in the WTO RTA-IS vocabulary", json_schema_extra={"enum": sorted(set(RTA_IS_STATUS.values()))}
    )
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
    override_reason: str | None = None
    clock: str | None = None
    days: int | None = None


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


class Deadline(BaseModel):
    agreement_id: str
    clock: str
    event: str = Field(description="The event the clock bounds")
    trigger: str = Field(description="The event that starts the clock")
    trigger_date: date | None
    days: int
    extension_days: int = 0
    bound: Literal["earliest", "latest"] = Field(description="earliest: the event may not come before the due date; latest: it must come by it")
    due_date: date | None
    status: Annotated[str, Field(json_schema_extra={"enum": list(DEADLINE_STATUSES)})] = Field(
        description="pending: started, not yet due or met; met; missed (also an earliest clock overridden); "
        "not_applicable: the trigger has not happened, or the agreement ended first"
    )
    occurred_on: date | None = Field(None, description="When the bounded event happened")
    legal_basis: str
    description: str


class DeadlineList(BaseModel):
    data: list[Deadline]


class Relation(BaseModel):
    kind: RelationKind = Field(description="supersedes or amends, read from this agreement")
    agreement_id: str
    direction: Literal["outgoing", "incoming"] = Field(description="outgoing: this agreement supersedes/amends the other")


class Diagram(BaseModel):
    agreement_id: str
    workflow: WorkflowRef
    state: str
    path: list[str] = Field(description="The states this agreement went through, in order")
    mermaid: str = Field(description="A Mermaid stateDiagram-v2: the path taken and the current state are marked")
