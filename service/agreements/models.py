"""Tables for agreements and their append-only transition history."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class Agreement(SQLModel, table=True):
    __tablename__ = "agreements"
    # The list's filters walk these in id order, so a page stops the walk (migration 0016).
    __table_args__ = (
        sa.Index("ix_agreements_state", "state", "id"),
        sa.Index("ix_agreements_authority", "authority", "id"),
    )

    id: str = Field(primary_key=True, max_length=32)
    title: str = Field(max_length=200)
    parties: list[str] = Field(sa_type=JSONType)
    sectors: list[str] = Field(sa_type=JSONType)
    # `metadata` is SQLModel's own attribute, so the column is named apart from the field.
    extra: dict[str, Any] = Field(sa_column=sa.Column("metadata", JSONType, nullable=False))
    workflow_name: str = Field(max_length=64)
    workflow_version: int
    # The negotiating authority (workflow v2: tpa, section_103a, existing_fta, other); None on v1.
    authority: str | None = Field(default=None, max_length=32)
    state: str = Field(max_length=64)
    suspended_from: str | None = Field(default=None, max_length=64)
    # Statutory exemptions the agreement carries (workflow v3: "4206"), and the clock triggers the
    # record lacks ([{"event", "searched", "note"}], set only by the seed loader).
    exemptions: list[str] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    unrecorded: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    # Provisions of the agreement's own text that add clocks (workflow v3: "usmca_34_7").
    provisions: list[str] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    # Identity in the WTO RTA-IS vocabulary: type (FTA, CU, EIA, PSA and combinations), coverage
    # (goods, services, both), notifications ([{"coverage", "date", "legal_basis"}]), cross-references.
    rta_type: str | None = Field(default=None, max_length=16)
    coverage: str | None = Field(default=None, max_length=16)
    wto_notifications: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    rta_is_id: int | None = None
    desta_id: int | None = None
    version: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Transition(SQLModel, table=True):
    """One entry of an agreement's history; rows are only ever inserted."""

    __tablename__ = "transitions"
    # The clock timeline reads one agreement's entries of a few events (service/agreements/timeline.py).
    __table_args__ = (sa.Index("ix_transitions_clock_events", "agreement_id", "event", "sequence"),)

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    sequence: int = Field(primary_key=True)
    event: str = Field(max_length=64)
    from_state: str | None = Field(default=None, max_length=64)
    to_state: str = Field(max_length=64)
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    recorded_at: datetime = Field(sa_type=UTCDateTime)
    actor: str = Field(max_length=200)
    note: str | None = Field(default=None, max_length=2000)
    reference: str | None = Field(default=None, max_length=2048)
    # An admin's reason for recording the event against a statutory clock.
    override_reason: str | None = Field(default=None, max_length=2000)
    # extend_deadline only: the clock extended and by how many days.
    clock: str | None = Field(default=None, max_length=64)
    days: int | None = None
    # A void entry stays in the history; clocks and answers "as of" a date ignore it.
    voided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    voided_by: str | None = Field(default=None, max_length=200)
    void_reason: str | None = Field(default=None, max_length=2000)


class TransitionCorrection(SQLModel, table=True):
    """One correction of a history entry: what each field was and became, who and why. The entry
    itself holds the corrected values; these rows are only ever inserted."""

    __tablename__ = "transition_corrections"
    __table_args__ = (
        sa.ForeignKeyConstraint(["agreement_id", "sequence"], ["transitions.agreement_id", "transitions.sequence"]),
    )

    agreement_id: str = Field(primary_key=True, max_length=32)
    sequence: int = Field(primary_key=True)
    # 1, 2, ... per entry, in the order the corrections were made.
    number: int = Field(primary_key=True)
    # [{"field", "old", "new"}], values as the API shows them (dates in ISO 8601).
    changes: list[dict[str, Any]] = Field(sa_type=JSONType)
    reason: str = Field(max_length=2000)
    # An admin's reason for making the correction against a statutory clock.
    override_reason: str | None = Field(default=None, max_length=2000)
    actor: str = Field(max_length=200)
    recorded_at: datetime = Field(sa_type=UTCDateTime)


class AgreementRelation(SQLModel, table=True):
    """`agreement_id` supersedes or amends `related_id` (USMCA supersedes NAFTA)."""

    __tablename__ = "agreement_relations"

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    kind: str = Field(primary_key=True, max_length=16)
    related_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


agreements_table: sa.Table = Agreement.__table__
transitions_table: sa.Table = Transition.__table__
relations_table: sa.Table = AgreementRelation.__table__
corrections_table: sa.Table = TransitionCorrection.__table__

_T = transitions_table


def state_change(table: sa.Table | sa.Alias = transitions_table) -> sa.ColumnElement[bool]:
    """An entry that moved the agreement to another state (the announcement included) and is not
    void. Both partial indexes below hold these rows only, a small part of a history of
    milestones; a query uses them when its WHERE repeats this predicate, as built here."""
    return table.c.from_state.is_distinct_from(table.c.to_state) & table.c.voided_at.is_(None)


STATE_CHANGE = state_change()
# The agreement's current state entry, the one before a date, the neighbours of an entry.
sa.Index(
    "ix_transitions_state_changes",
    _T.c.agreement_id,
    _T.c.sequence,
    sqlite_where=STATE_CHANGE,
    postgresql_where=STATE_CHANGE,
)
# Agreements that were in a state on a date (GET /v1/agreements?as_of=&state=), a page at a
# time in agreement order: the scan stops once the page is full.
sa.Index(
    "ix_transitions_states_entered",
    _T.c.to_state,
    _T.c.agreement_id,
    _T.c.occurred_at,
    sqlite_where=STATE_CHANGE,
    postgresql_where=STATE_CHANGE,
)


class AgreementParty(SQLModel, table=True):
    """One party of an agreement, for GET /v1/agreements?party=: the index walks one party's
    agreements in id order, so a page stops the walk. Derived from agreements.parties and kept in
    step by database triggers (migration 0016) on every write, the API's, the seed's and any other."""

    __tablename__ = "agreement_parties"
    __table_args__ = (sa.Index("ix_agreement_parties_party", "party", "agreement_id"),)

    agreement_id: str = Field(
        sa_column=sa.Column(
            sa.String(32), sa.ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    party: str = Field(primary_key=True, max_length=8)


agreement_parties_table: sa.Table = AgreementParty.__table__
# Derived objects the metadata cannot describe, made by migration 0016 and left out of the drift
# check (alembic/env.py): SQLite's FTS5 trigram table of titles (and its shadow tables) and
# PostgreSQL's pg_trgm index on the title. `q` reads them (service.agreements.search).
TITLE_SEARCH_TABLE = "agreement_titles"
TITLE_TRIGRAM_INDEX = "ix_agreements_title_trgm"
