"""Every table, imported together so SQLModel.metadata is complete (Alembic's target)."""

from sqlmodel import SQLModel

from service.agreements.models import Agreement, AgreementRelation, Transition
from service.auth.models import ApiKey
from service.board.models import BoardSession
from service.consultations.models import Consultation
from service.deadlines.models import DeadlineAlert, DeadlineBuild, DeadlineRow
from service.documents.models import Document
from service.exports.models import CalendarFeed
from service.idempotency import IdempotencyKey
from service.rounds.models import Round
from service.webhooks.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint

metadata = SQLModel.metadata

__all__ = [
    "Agreement",
    "AgreementRelation",
    "ApiKey",
    "BoardSession",
    "CalendarFeed",
    "Consultation",
    "DeadlineAlert",
    "DeadlineBuild",
    "DeadlineRow",
    "Document",
    "Event",
    "IdempotencyKey",
    "Round",
    "Transition",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "metadata",
]
