"""The record of deadline alerts already emitted."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import UTCDateTime


class DeadlineAlert(SQLModel, table=True):
    """One row per (agreement, clock, kind) whose webhook event was emitted: the primary key makes
    each alert happen once, across restarts and processes."""

    __tablename__ = "deadline_alerts"

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    clock: str = Field(primary_key=True, max_length=64)
    kind: str = Field(primary_key=True, max_length=64)
    due_date: date
    created_at: datetime = Field(sa_type=UTCDateTime)


deadline_alerts_table: sa.Table = DeadlineAlert.__table__
