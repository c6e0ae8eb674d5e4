"""Request and response bodies of the agreements API."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from service.schemas import EARLIEST_DATE, LATEST_DATE, UNIQUE, BoundedHttpUrl, EventDate, Party, Request, unique
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
EventName = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ClockName = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ExtensionDays = Annotated[int, Strict(), Field(ge=1, le=3650)]


def _iso_date(value: object) -> object:
    # pydantic would read "0" as a Unix time; a date is written out.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date (YYYY-MM-DD)")
    return value


def _date_in_range(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}")
    return value


# A calendar date in a query (`on=`, `as_of=`): written out as YYYY-MM-DD, within Accord's range.
QueryDate = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_date_in_range)]


# -- identity in the WTO RTA-IS vocabulary ------------------------------------------------------

RtaType = Literal["FTA", "CU", "EIA", "PSA", "FTA & EIA", "CU & EIA", "PSA & EIA"]
Coverage = Literal["goods", "services", "both"]
LegalBasis = Literal["GATT Art. XXIV", "Enabling Clause", "GATS Art. V"]
# The legal bases a notification of each coverage may cite.
LEGAL_BASES: dict[str, tuple[str, ...]] = {"goods": ("GATT Art. XXIV", "Enabling Clause"), "services": ("GATS Art. V",)}
RtaId = Annotated[int, Strict(), Field(ge=1, le=2_147_483_647)]
Day = date


class WtoNotification(Request):
    coverage: Literal["goods", "services"]
    date: QueryDate = Field(description="The date of the notification to the WTO")
    legal_basis: LegalBasis = Field(description="goods: GATT Art. XXIV or Enabling Clause; services: GATS Art. V")

    @model_validator(mode="after")
    def _basis_fits(self) -> WtoNotification:
        allowed = LEGAL_BASES[self.coverage]
        if self.legal_basis not in allowed:
            raise ValueError(f"a {self.coverage} notification cites {' or '.join(allowed)}, not {self.legal_basis}")
        return self


def notification_problems(coverage: str | None, notifications: list[dict[str, Any]]) -> list[str]:
    """Why the notifications do not fit together or with the coverage: at most one per coverage;
    coverage goods or services admits only its own, both one of each."""
    problems = []
    seen = [n["coverage"] for n in notifications]
    for kind in sorted(set(seen)):
        if seen.count(kind) > 1:
            problems.append(f"at most one {kind} notification")
        if coverage in ("goods", "services") and kind != coverage:
            problems.append(f"a {kind} notification does not fit coverage {coverage}")
    return problems


Notifications = Annotated[list[WtoNotification], Field(max_length=2)]


class IdentityFields(BaseModel):
    """The agreement's identity in the WTO RTA-IS database, shared by create and update."""

    rta_type: RtaType | None = Field(None, description="FTA, CU, EIA, PSA, or a goods type with EIA (services)")
    coverage: Coverage | None = Field(None, description="What the agreement covers: goods, services or both")
    wto_notifications: Notifications | None = Field(
        None, description="Notifications to the WTO, at most one per coverage (one of each when coverage is both)"
    )
    rta_is_id: RtaId | None = Field(None, description="The agreement's RTA ID in the WTO RTA-IS database")
    desta_id: RtaId | None = Field(None, description="The agreement's number in the DESTA database")

    @model_validator(mode="after")
    def _notifications_fit(self) -> IdentityFields:
        problems = notification_problems(self.coverage, [n.model_dump() for n in self.wto_notifications or []])
        if problems:
            raise ValueError("; ".join(problems))
        return self


class RelationIn(Request):
    kind: RelationKind
    agreement_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]


class AgreementCreate(IdentityFields, Request):
    # Examples from the seed (service/seed/agreements.json), each with its source.
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "United States-Japan Trade Agreement (Stage 1)",
                    "parties": ["US", "JP"],
                    "sectors": ["agriculture", "autos"],
                    "announced_at": "2018-09-26",
                    "authority": "section_103a",
                    "note": "Joint statement of President Trump and Prime Minister Abe at the UN General Assembly",
                    "reference": "https://trumpwhitehouse.archives.gov/briefings-statements/joint-statement-united-states-japan/",
                },
                {"title": "US-Japan Trade Agreement", "parties": ["US", "JP"], "announced_at": "2018-09-26"},
            ]
        }
    )

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
    exemptions: Annotated[list[Annotated[str, StringConstraints(max_length=16)]], Field(max_length=4)] = Field(
        [], description="Statutory exemptions the agreement carries (workflow v3: 4206, under authority tpa)"
    )
    provisions: Annotated[list[Annotated[str, StringConstraints(max_length=32)]], Field(max_length=4)] = Field(
        [], description="Provisions of the agreement's own text that add clocks (workflow v3: usmca_34_7)"
    )
    note: Note | None = None
    reference: Reference | None = None


class AgreementUpdate(IdentityFields, Request):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"sectors": ["agriculture", "autos", "digital-trade"]}, {"title": "USJTA"}]}
    )

    title: Title | None = None
    sectors: Annotated[list[Sector], Field(max_length=32), AfterValidator(unique), UNIQUE] | None = None
    metadata: Metadata | None = None


class TransitionCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"event": "start_domestic_procedures", "occurred_at": "2018-09-26"},
                {
                    "event": "notify_congress",
                    "occurred_at": "2018-10-16",
                    "note": "USTR Lighthizer notifies Congress under TPA-2015 of the intent to negotiate with Japan",
                    "reference": "https://ustr.gov/about-us/policy-offices/press-office/press-releases/2018/october/trump-administration-announces",
                },
                {"event": "start_domestic_procedures"},
                {"event": "extend_deadline", "clock": "itc_report", "days": 30, "note": "Extended by the committees"},
            ]
        }
    )

    event: EventName
    occurred_at: EventDate | None = Field(
        None,
        description="When it happened; defaults to now; not in the future. An event that changes the state may not "
        "predate the latest entry that changed it; a milestone may carry its true, earlier date (not before the "
        "announcement) and is checked against the clocks where it falls",
    )
    note: Note | None = None
    reference: Reference | None = None
    clock: ClockName | None = Field(None, description="extend_deadline only: the clock to extend")
    days: ExtensionDays | None = Field(None, description="extend_deadline only: days added to the clock")
    override_reason: Reason | None = Field(
        None,
        description="Records the event against a statutory clock that refuses it; kept in the history and the "
        "webhook payload. Admin only",
    )


class CorrectionCreate(Request):
    """The fields sent are corrected; a field left out stays as it is. `note` and `reference` may be
    sent as null to clear them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"occurred_at": "2018-10-16", "reason": "The notice letters are dated 16 October 2018 (USTR release)"},
                {"reference": None, "reason": "The link pointed at the wrong release"},
            ]
        }
    )

    occurred_at: EventDate | None = Field(
        None,
        description="The true date of the event. An entry that changed the state stays between the state changes "
        "before and after it; a milestone stays on or after the announcement",
    )
    note: Note | None = None
    reference: Reference | None = None
    reason: Reason = Field(description="Why the entry is corrected; kept with the correction")
    override_reason: Reason | None = Field(
        None, description="Makes a correction that a statutory clock refuses; kept with the correction. Admin only"
    )


class VoidCreate(Request):
    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "Recorded on the wrong agreement"}]})

    reason: Reason = Field(description="Why the entry is void; kept on the entry")


class FieldChange(BaseModel):
    field: Literal["occurred_at", "note", "reference", "from_state", "to_state"] = Field(
        description="from_state and to_state change with a milestone's date: the state it happened in"
    )
    old: str | None
    new: str | None


class CorrectionOut(BaseModel):
    number: int = Field(description="1, 2, ... per entry, in the order made")
    changes: list[FieldChange]
    reason: str
    override_reason: str | None = None
    actor: str
    recorded_at: datetime


class WorkflowRef(BaseModel):
    name: str
    version: int


class UnrecordedTrigger(BaseModel):
    event: str = Field(description="The milestone no source dates")
    searched: list[str] = Field([], description="What was searched for it")
    note: str | None = None


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
    as_of: date | None = Field(
        None, description="Set when asked `as_of` a date: state and rta_status are those of that date"
    )
    exemptions: list[str] = Field(
        [], description="Statutory exemptions the agreement carries, e.g. 4206 (19 U.S.C. 4206: TPP)"
    )
    unrecorded: list[UnrecordedTrigger] = Field(
        [], description="Clock triggers the record lacks; their clocks read `unrecorded`, neither met nor missed"
    )
    provisions: list[str] = Field(
        [], description="Provisions of the agreement's own text that add clocks, e.g. usmca_34_7 (USMCA Art. 34.7)"
    )
    rta_type: RtaType | None = Field(None, description="The type in the WTO RTA-IS vocabulary")
    coverage: Coverage | None = None
    wto_notifications: list[WtoNotification] = Field([], description="Notifications to the WTO")
    rta_is_id: int | None = Field(None, description="The RTA ID in the WTO RTA-IS database")
    desta_id: int | None = Field(None, description="The number in the DESTA database")
    signed_on: Day | None = Field(
        None, description="The date of the latest signature (sign) in the history, never set directly; null if none"
    )
    entered_into_force_on: Day | None = Field(
        None, description="The date of entry into force (implement) in the history, never set directly; null if none"
    )


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
    voided_at: datetime | None = Field(None, description="Set on a void entry: clocks and as-of answers ignore it")
    voided_by: str | None = None
    void_reason: str | None = None
    corrections: list[CorrectionOut] = Field(
        default_factory=list, description="Every correction of the entry, oldest first; the fields above are current"
    )


class TransitionResult(BaseModel):
    transition: TransitionOut
    agreement: AgreementOut


class CorrectionResult(BaseModel):
    correction: CorrectionOut
    transition: TransitionOut
    agreement: AgreementOut


class AvailableTransition(BaseModel):
    event: str
    allowed: bool
    to_state: str | None = Field(None, description="Where the event would lead, when allowed")
    reasons: list[str] = Field(default_factory=list, description="Why it is refused, in words")


class AvailableTransitions(BaseModel):
    agreement_id: str
    state: str = Field(description="The state on `on`")
    version: int
    on: date = Field(description="The date answered for: today unless asked `on` another")
    events: list[AvailableTransition]


class AssumedEvent(Request):
    event: EventName
    occurred_at: EventDate
    clock: ClockName | None = Field(None, description="extend_deadline only: the clock to extend")
    days: ExtensionDays | None = Field(None, description="extend_deadline only: days added to the clock")


class ProjectionCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "events": [
                        {"event": "notify_congress", "occurred_at": "2027-03-01"},
                        {"event": "open_negotiations", "occurred_at": "2027-06-01"},
                    ]
                }
            ]
        }
    )

    events: Annotated[list[AssumedEvent], Field(max_length=50)] = Field(
        description="Events assumed to happen, with their dates; placed in the timeline by date"
    )


class AssumedOutcome(BaseModel):
    event: str
    on: date
    allowed: bool = Field(description="Whether the clocks allow it on that date, given what comes before it")
    reasons: list[str] = Field(default_factory=list)


class ProjectedClock(BaseModel):
    clock: str
    event: str = Field(description="The event the clock bounds")
    trigger: str = Field(description="The event that starts the clock")
    bound: Literal["earliest", "latest"]
    trigger_date: date | None
    extension_days: int = 0
    earliest: date | None = Field(None, description="An earliest clock: the first date its event may happen")
    latest: date | None = Field(None, description="A latest clock: the last date its event may happen")
    status: str = Field(description="As of the last assumed date, or today if later")
    legal_basis: str
    description: str


class ProjectedEvent(BaseModel):
    event: str
    earliest: date | None = Field(
        description="The first date, from the last date of the timeline on, on which every clock allows the event; "
        "null if none does"
    )
    reasons: list[str] = Field(default_factory=list, description="Why not on the last date of the timeline")


class Projection(BaseModel):
    agreement_id: str
    state: str = Field(description="The state once the assumed events have happened")
    assumed: list[AssumedOutcome]
    clocks: list[ProjectedClock]
    events: list[ProjectedEvent] = Field(description="Each event a clock guards, and when the clocks first allow it")


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
