"""Request and response bodies of the agreements API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, Strict, StringConstraints

from service.schemas import UNIQUE, BoundedHttpUrl, EventDate, Party, Request, unique
from workflows import authorities, list_definitions, rta_statuses

WORKFLOW_NAMES = sorted({d.name for d in list_definitions()})
AUTHORITIES = authorities()

Sector = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$")]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000)]
Reference = Annotated[BoundedHttpUrl, Field(description="A source URL for the event")]
# Its size is bounded by ACCORD_MAX_METADATA_BYTES, checked by the service (settings are read at
# run time, never at import).
Metadata = Annotated[dict[str, Any], Field(description="Free JSON, bounded by ACCORD_MAX_METADATA_BYTES serialized")]


def _authority(value: str) -> str:
    if value not in AUTHORITIES:
        raise ValueError(f"must be one of {', '.join(AUTHORITIES)}")
    return value


Authority = Annotated[str, AfterValidator(_authority), Field(json_schema_extra={"enum": list(AUTHORITIES)})]
RelationKind = Literal["supersedes", "amends"]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]


class RelationIn(Request):
    kind: RelationKind
    agreement_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]


class AgreementCreate(Request):
    title: Title
    parties: Annotated[list[Party], Field(min_length=2, max_length=50), AfterValidator(unique), UNIQUE] = Field(
        description="ISO 3166-1 alpha-2 codes, or EU; at least two, unique"
    )
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(unique), UNIQUE] = []
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


class AgreementUpdate(Request):
    title: Title | None = None
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(unique), UNIQUE] | None = None
    metadata: Metadata | None = None


class TransitionCreate(Request):
    event: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    occurred_at: EventDate | None = Field(
        None, description="When it happened; defaults to now. Not before the latest entry, not in the future"
    )
    note: Note | None = None
    reference: Reference | None = None
    clock: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        None, description="extend_deadline only: the clock to extend"
    )
    days: Annotated[int, Strict(), Field(ge=1, le=3650)] | None = Field(
        None, description="extend_deadline only: days added to the clock"
    )
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
        None, description="The state in the WTO RTA-IS vocabulary", json_schema_extra={"enum": list(rta_statuses())}
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


class Relation(BaseModel):
    kind: RelationKind = Field(description="supersedes or amends, read from this agreement")
    agreement_id: str
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this agreement supersedes/amends the other"
    )


class Diagram(BaseModel):
    agreement_id: str
    workflow: WorkflowRef
    state: str
    path: list[str] = Field(description="The states this agreement went through, in order")
    mermaid: str = Field(description="A Mermaid stateDiagram-v2: the path taken and the current state are marked")
