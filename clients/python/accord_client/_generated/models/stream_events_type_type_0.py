from enum import StrEnum


class StreamEventsTypeType0(StrEnum):
    AGREEMENT_CORRECTED = "agreement.corrected"
    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_DEADLINE_APPROACHING = "agreement.deadline_approaching"
    AGREEMENT_DEADLINE_MISSED = "agreement.deadline_missed"
    AGREEMENT_TRANSITIONED = "agreement.transitioned"
    AGREEMENT_UPDATED = "agreement.updated"
    AGREEMENT_VOIDED = "agreement.voided"
    ENDPOINT_DISABLED = "endpoint.disabled"

    def __str__(self) -> str:
        return str(self.value)
