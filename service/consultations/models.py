"""The consultations table."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class Consultation(SQLModel, table=True):
    """A public comment docket (USTR-YYYY-NNNN) with its dates; one docket once per agreement."""

    __tablename__ = "consultations"
    __table_args__ = (
        sa.UniqueConstraint("agreement_id", "docket_id", name="uq_consultations_agreement_docket"),
        sa.Index("ix_consultations_agreement_opens", "agreement_id", "opens_on", "id"),
        # Deadlines across agreements by date (GET /v1/deadlines, the calendar feed, the alerts).
        sa.Index("ix_consultations_comments_due", "comments_due"),
        sa.Index("ix_consultations_hearing_on", "hearing_on"),
        sa.Index("ix_consultations_post_hearing_comments_due", "post_hearing_comments_due"),
    )

    id: str = Field(primary_key=True, max_length=32)
    agreement_id: str = Field(foreign_key="agreements.id", max_length=32)
    docket_id: str = Field(max_length=16)
    title: str | None = Field(default=None, max_length=300)
    fr_citation: str | None = Field(default=None, max_length=32)
    url: str | None = Field(default=None, max_length=2048)
    opens_on: date
    comments_due: date
    hearing_on: date | None = None
    post_hearing_comments_due: date | None = None
    note: str | None = Field(default=None, max_length=2000)
    inferred: list[Any] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    actor: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


consultations_table: sa.Table = Consultation.__table__
