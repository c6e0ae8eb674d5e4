from enum import StrEnum


class AgreementOutRtaStatus(StrEnum):
    EARLY_ANNOUNCEMENT_SIGNED = "Early announcement - Signed"
    EARLY_ANNOUNCEMENT_UNDER_NEGOTIATION = "Early announcement - Under negotiation"
    INACTIVE = "Inactive"
    IN_FORCE = "In Force"

    def __str__(self) -> str:
        return str(self.value)
