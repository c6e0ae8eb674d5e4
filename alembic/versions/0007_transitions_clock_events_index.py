"""transitions: index for the clock timeline (agreement, event, sequence)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_transitions_clock_events", "transitions", ["agreement_id", "event", "sequence"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_transitions_clock_events", table_name="transitions")
