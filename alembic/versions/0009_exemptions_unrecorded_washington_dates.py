"""agreements: exemptions and unrecorded triggers; plain dates become Washington dates

Revision ID: 0009
Revises: 0008

Until now a plain date (`"occurred_at": "2019-01-14"`) was stored as midnight UTC, which in
Washington is still the day before. Clocks now count Washington calendar days, so each entry
stored at exactly midnight UTC moves to midnight in Washington of the same calendar date: it
keeps the date it was given. (An entry sent as the instant T00:00:00Z is indistinguishable and
moves too; its calendar date is kept, which is what such an entry almost always meant.)
"""

from collections.abc import Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WASHINGTON = ZoneInfo("America/New_York")
BATCH = 5000


def upgrade() -> None:
    json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exemptions", json, server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("unrecorded", json, server_default="[]", nullable=False))
    _move_plain_dates(lambda day: datetime.combine(day, time.min, tzinfo=WASHINGTON), midnight_in=UTC)


def downgrade() -> None:
    _move_plain_dates(lambda day: datetime.combine(day, time.min, tzinfo=UTC), midnight_in=WASHINGTON)
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("unrecorded")
        batch_op.drop_column("exemptions")


def _move_plain_dates(moved, *, midnight_in) -> None:
    """Entries at midnight in `midnight_in` move to `moved(their date there)`."""
    bind = op.get_bind()
    transitions = sa.table(
        'transitions', sa.column('agreement_id', sa.String), sa.column('sequence', sa.Integer),
        sa.column('occurred_at', sa.DateTime(timezone=True)),
    )  # fmt: skip
    rows = bind.execute(sa.select(transitions.c.agreement_id, transitions.c.sequence, transitions.c.occurred_at)).all()
    updates = []
    for agreement_id, sequence, occurred_at in rows:
        instant = occurred_at if occurred_at.tzinfo else occurred_at.replace(tzinfo=UTC)
        local = instant.astimezone(midnight_in)
        if local.time() == time.min:
            new = moved(local.date()).astimezone(UTC)
            updates.append(
                {
                    "a": agreement_id,
                    "s": sequence,
                    "at": new if bind.dialect.name != "sqlite" else new.replace(tzinfo=None),
                }
            )
    statement = (
        sa.update(transitions)
        .where((transitions.c.agreement_id == sa.bindparam("a")) & (transitions.c.sequence == sa.bindparam("s")))
        .values(occurred_at=sa.bindparam("at"))
    )
    for start in range(0, len(updates), BATCH):
        bind.execute(statement, updates[start : start + BATCH])
