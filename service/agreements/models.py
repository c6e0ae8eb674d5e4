"""Tables for agreements and their append-only transition history."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class Agreement(SQLModel, table=True):
    __tablename__ = "agreements"

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
    state: str = Field(max_length=64, index=True)
    suspended_from: str | None = Field(default=None, max_length=64)
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
