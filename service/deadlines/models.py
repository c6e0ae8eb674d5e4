"""The deadlines tables: each clock of each agreement (derived), and the alerts already emitted."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import UTCDateTime


class DeadlineRow(SQLModel, table=True):
    """One row per (agreement, clock): what the clock says whatever the day. Derived from the
    agreement's row and its clock timeline by `deadlines.service.of_row` and rewritten in the
    transaction of every write that can change them, so deadlines across agreements answer from
    an index. `resolution` is the status that no longer depends on the day (met, missed,
    not_applicable, unrecorded) or `open`: pending, and for a `latest` clock missed once its due
    date is over (`service.status_on`)."""

    __tablename__ = "deadlines"
    __table_args__ = (
        # GET /v1/deadlines without a status, the calendar: soonest due first, keyset by the key.
        sa.Index("ix_deadlines_sort_date", "sort_date", "agreement_id", "clock"),
        # With a status, and the alert scan: each status is an equality prefix and a date range.
        sa.Index("ix_deadlines_resolution", "resolution", "bound", "sort_date", "agreement_id", "clock"),
    )

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    clock: str = Field(primary_key=True, max_length=64)
    # The due date, or 9999-12-31 when there is none yet: the API lists undated clocks last.
    sort_date: date
    due_date: date | None = None
    resolution: str = Field(max_length=16)
    event: str = Field(max_length=64)
    trigger: str = Field(max_length=64)
    trigger_date: date | None = None
    days: int
    extension_days: int
    bound: str = Field(max_length=8)
    occurred_on: date | None = None
    closes: date | None = None
    exemption: str | None = Field(default=None, max_length=500)
    legal_basis: str = Field(max_length=500)
    description: str = Field(max_length=2000)


class DeadlineBuild(SQLModel, table=True):
    """The clock definitions the `deadlines` rows were last rebuilt from (a fingerprint of the
    workflows' clocks, exemptions and provisions). `accord migrate` rebuilds the rows when the code's
    fingerprint is not here: after migration 0015 on an existing database, or a deploy that changed
    a clock."""

    __tablename__ = "deadline_builds"

    fingerprint: str = Field(primary_key=True, max_length=64)
    built_at: datetime = Field(sa_type=UTCDateTime)


class DeadlineAlert(SQLModel, table=True):
    """One row per (agreement, clock, kind) whose webhook event was emitted: the primary key makes
    each alert happen once, across restarts and processes. Kind `not_news:agreement.deadline_missed`
    is no alert: a deadline missed before its agreement was recorded, noted with its due date so the
    scan does not read it again (alerts.py)."""

    __tablename__ = "deadline_alerts"

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    clock: str = Field(primary_key=True, max_length=64)
    kind: str = Field(primary_key=True, max_length=64)
    due_date: date
    created_at: datetime = Field(sa_type=UTCDateTime)


deadlines_table: sa.Table = DeadlineRow.__table__
deadline_builds_table: sa.Table = DeadlineBuild.__table__
deadline_alerts_table: sa.Table = DeadlineAlert.__table__
