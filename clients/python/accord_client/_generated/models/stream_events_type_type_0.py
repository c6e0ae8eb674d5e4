from enum import StrEnum


class StreamEventsTypeType0(StrEnum):
    AGREEMENT_CORRECTED = "agreement.corrected"
    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_DEADLINE_APPROACHING = "agreement.deadline_approaching"
    AGREEMENT_DEADLINE_MISSED = "agreement.deadline_missed"
    AGREEMENT_TRANSITIONED = "agreement.transitioned"
    AGREEMENT_UPDATED = "agreement.updated"
    AGREEMENT_VOIDED = "agreement.voided"
    CONSULTATION_CREATED = "consultation.created"
    CONSULTATION_DELETED = "consultation.deleted"
    CONSULTATION_UPDATED = "consultation.updated"
    DOCUMENT_CREATED = "document.created"
    DOCUMENT_DELETED = "document.deleted"
    DOCUMENT_UPDATED = "document.updated"
    ENDPOINT_DISABLED = "endpoint.disabled"
    ROUND_CREATED = "round.created"
    ROUND_DELETED = "round.deleted"
    ROUND_UPDATED = "round.updated"

    def __str__(self) -> str:
        return str(self.value)
