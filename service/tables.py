"""Every table, imported together so SQLModel.metadata is complete (Alembic's target)."""

from sqlmodel import SQLModel

from service.agreements.models import Agreement, AgreementRelation, Transition
from service.auth.models import ApiKey
from service.deadlines.models import DeadlineAlert
from service.idempotency import IdempotencyKey
from service.webhooks.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint

metadata = SQLModel.metadata

__all__ = [
    "Agreement",
    "AgreementRelation",
    "ApiKey",
    "DeadlineAlert",
    "Event",
    "IdempotencyKey",
    "Transition",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "metadata",
]
