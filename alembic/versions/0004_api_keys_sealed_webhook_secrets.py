"""api keys, sealed webhook secrets

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:00:22.091820
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

import service.db
import service.secrets_box

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column(
            "scopes", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", service.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", service.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", service.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.alter_column(
            "secret",
            existing_type=sa.VARCHAR(length=100),
            type_=service.secrets_box.EncryptedString(length=512),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "previous_secret",
            existing_type=sa.VARCHAR(length=100),
            type_=service.secrets_box.EncryptedString(length=512),
            existing_nullable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.alter_column(
            "previous_secret",
            existing_type=service.secrets_box.EncryptedString(length=512),
            type_=sa.VARCHAR(length=100),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "secret",
            existing_type=service.secrets_box.EncryptedString(length=512),
            type_=sa.VARCHAR(length=100),
            existing_nullable=False,
        )

    op.drop_table("api_keys")
