from enum import StrEnum


class ListEventsType(StrEnum):
    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_TRANSITIONED = "agreement.transitioned"
    AGREEMENT_UPDATED = "agreement.updated"
    ENDPOINT_DISABLED = "endpoint.disabled"

    def __str__(self) -> str:
        return str(self.value)
