"""Every table, imported together so SQLModel.metadata is complete (Alembic's target)."""

from sqlmodel import SQLModel

from service.agreements.models import Agreement, Transition
from service.idempotency import IdempotencyKey

metadata = SQLModel.metadata

__all__ = ["Agreement", "IdempotencyKey", "Transition", "metadata"]
