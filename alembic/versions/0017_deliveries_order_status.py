"""webhook_deliveries: the order index holds the status, so the claim's check for an earlier
active delivery of the same endpoint and agreement seeks the active ones instead of walking
every finished delivery of that agreement (it grew with the history)

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ["endpoint_id", "agreement_id", "event_position"]
_NEW = ["endpoint_id", "agreement_id", "status", "event_position"]


def _index(columns: list[str]) -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_deliveries_order")
        batch_op.create_index("ix_webhook_deliveries_order", columns, unique=False)


def upgrade() -> None:
    _index(_NEW)


def downgrade() -> None:
    _index(_OLD)
