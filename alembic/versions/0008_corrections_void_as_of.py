"""history corrections, void entries, and the indexes of state changes (as of a date)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

import service.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The predicate of both partial indexes, as each database writes it (service.agreements.models.STATE_CHANGE).
STATE_CHANGE = {
    "sqlite_where": sa.text("from_state IS NOT to_state AND voided_at IS NULL"),
    "postgresql_where": sa.text("from_state IS DISTINCT FROM to_state AND voided_at IS NULL"),
}


def upgrade() -> None:
    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", service.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("voided_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))
    op.create_index("ix_transitions_state_changes", "transitions", ["agreement_id", "sequence"], **STATE_CHANGE)
    op.create_index(
        "ix_transitions_states_entered", "transitions", ["to_state", "agreement_id", "occurred_at"], **STATE_CHANGE
    )
    op.create_table(
        "transition_corrections",
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "changes", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("override_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("recorded_at", service.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id", "sequence"],
            ["transitions.agreement_id", "transitions.sequence"],
            name=op.f("fk_transition_corrections_agreement_id_transitions"),
        ),
        sa.PrimaryKeyConstraint("agreement_id", "sequence", "number", name=op.f("pk_transition_corrections")),
    )


def downgrade() -> None:
    op.drop_table("transition_corrections")
    op.drop_index("ix_transitions_states_entered", table_name="transitions")
    op.drop_index("ix_transitions_state_changes", table_name="transitions")
    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_by")
        batch_op.drop_column("voided_at")
