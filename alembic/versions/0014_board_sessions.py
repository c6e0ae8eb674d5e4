"""board sessions (issue 14): people signed in to /board with an API key

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from service.db import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_sessions",
        sa.Column("id_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("csrf_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_board_sessions")),
    )
    with op.batch_alter_table("board_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_sessions_key_id"), ["key_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_board_sessions_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("board_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_board_sessions_key_id"))
    op.drop_table("board_sessions")
