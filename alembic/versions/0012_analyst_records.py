"""analysts' records: documents, rounds, consultations, calendar feeds; agreements' RTA-IS identity

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

import service.db

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", service.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_calendar_feeds_agreement_id_agreements")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    op.create_table(
        "consultations",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("docket_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("fr_citation", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("comments_due", sa.Date(), nullable=False),
        sa.Column("hearing_on", sa.Date(), nullable=True),
        sa.Column("post_hearing_comments_due", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("inferred", JSON, server_default="[]", nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_consultations_agreement_id_agreements")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("agreement_id", "docket_id", name="uq_consultations_agreement_docket"),
    )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.create_index("ix_consultations_agreement_opens", ["agreement_id", "opens_on", "id"], unique=False)
        batch_op.create_index("ix_consultations_comments_due", ["comments_due"], unique=False)
        batch_op.create_index("ix_consultations_hearing_on", ["hearing_on"], unique=False)
        batch_op.create_index("ix_consultations_post_hearing_comments_due", ["post_hearing_comments_due"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("fr_citation", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("inferred", JSON, server_default="[]", nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], name=op.f("fk_documents_agreement_id_agreements")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_agreement_published", ["agreement_id", "published_on", "id"], unique=False)
        batch_op.create_index("ix_documents_agreement_sequence", ["agreement_id", "sequence"], unique=False)

    op.create_table(
        "rounds",
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("chapters", JSON, server_default="[]", nullable=False),
        sa.Column("summary_url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("inferred", JSON, server_default="[]", nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", service.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], name=op.f("fk_rounds_agreement_id_agreements")),
        sa.PrimaryKeyConstraint("agreement_id", "number", name=op.f("pk_rounds")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rta_type", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column("coverage", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column("wto_notifications", JSON, server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("rta_is_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("desta_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("desta_id")
        batch_op.drop_column("rta_is_id")
        batch_op.drop_column("wto_notifications")
        batch_op.drop_column("coverage")
        batch_op.drop_column("rta_type")

    op.drop_table("rounds")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_agreement_sequence")
        batch_op.drop_index("ix_documents_agreement_published")

    op.drop_table("documents")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_index("ix_consultations_post_hearing_comments_due")
        batch_op.drop_index("ix_consultations_hearing_on")
        batch_op.drop_index("ix_consultations_comments_due")
        batch_op.drop_index("ix_consultations_agreement_opens")

    op.drop_table("consultations")
    op.drop_table("calendar_feeds")
