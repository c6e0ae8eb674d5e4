"""events: a partial index on the events still to fan out (position WHERE fanned_out_at IS NULL)
replaces the index on fanned_out_at, which held every event: the dispatcher's first unfanned
event is one seek however long the feed (SQLite with ANALYZE statistics walked the whole table)

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNFANNED = sa.text("fanned_out_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_fanned_out_at")
        batch_op.create_index(
            "ix_events_unfanned", ["position"], unique=False, sqlite_where=_UNFANNED, postgresql_where=_UNFANNED
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_unfanned", sqlite_where=_UNFANNED, postgresql_where=_UNFANNED)
        batch_op.create_index("ix_events_fanned_out_at", ["fanned_out_at"], unique=False)
