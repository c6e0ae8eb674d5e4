"""trade policy: authority, clocks, overrides, relations, deadline alerts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 06:41:48.572637
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import service.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement_relations",
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("related_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_agreement_relations_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(
            ["related_id"], ["agreements.id"], name=op.f("fk_agreement_relations_related_id_agreements")
        ),
        sa.PrimaryKeyConstraint("agreement_id", "kind", "related_id", name=op.f("pk_agreement_relations")),
    )
    with op.batch_alter_table("agreement_relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_relations_related_id"), ["related_id"], unique=False)

    op.create_table(
        "deadline_alerts",
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("clock", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_deadline_alerts_agreement_id_agreements")
        ),
        sa.PrimaryKeyConstraint("agreement_id", "clock", "kind", name=op.f("pk_deadline_alerts")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("authority", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))

    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("override_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))
        batch_op.add_column(sa.Column("clock", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.drop_column("days")
        batch_op.drop_column("clock")
        batch_op.drop_column("override_reason")

    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("authority")

    op.drop_table("deadline_alerts")
    with op.batch_alter_table("agreement_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_relations_related_id"))

    op.drop_table("agreement_relations")
