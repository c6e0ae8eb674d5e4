"""deadlines table (issue 11): each clock of each agreement, so deadlines across agreements
answer from an index; and deadline_builds, the clock definitions the rows were built from

The rows are derived, so this migration only creates the tables. `accord migrate` then fills
them (service/deadlines/service.py: `rebuild_if_stale`) with the code's own computation: an
existing database ends up consistent, and a later deploy that changes a clock is rebuilt the
same way. Calling the service from here instead would tie this revision to whatever the code
reads at a later head (columns a later migration adds would not exist yet when it runs).

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from service.db import UTCDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_String = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "deadlines",
        sa.Column("agreement_id", _String(length=32), nullable=False),
        sa.Column("clock", _String(length=64), nullable=False),
        sa.Column("sort_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("resolution", _String(length=16), nullable=False),
        sa.Column("event", _String(length=64), nullable=False),
        sa.Column("trigger", _String(length=64), nullable=False),
        sa.Column("trigger_date", sa.Date(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("extension_days", sa.Integer(), nullable=False),
        sa.Column("bound", _String(length=8), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("closes", sa.Date(), nullable=True),
        sa.Column("exemption", _String(length=500), nullable=True),
        sa.Column("legal_basis", _String(length=500), nullable=False),
        sa.Column("description", _String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], name=op.f("fk_deadlines_agreement_id_agreements")),
        sa.PrimaryKeyConstraint("agreement_id", "clock", name=op.f("pk_deadlines")),
    )
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index("ix_deadlines_sort_date", ["sort_date", "agreement_id", "clock"], unique=False)
        batch_op.create_index(
            "ix_deadlines_resolution", ["resolution", "bound", "sort_date", "agreement_id", "clock"], unique=False
        )
    op.create_table(
        "deadline_builds",
        sa.Column("fingerprint", _String(length=64), nullable=False),
        sa.Column("built_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_deadline_builds")),
    )


def downgrade() -> None:
    op.drop_table("deadline_builds")
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_deadlines_resolution")
        batch_op.drop_index("ix_deadlines_sort_date")
    op.drop_table("deadlines")
