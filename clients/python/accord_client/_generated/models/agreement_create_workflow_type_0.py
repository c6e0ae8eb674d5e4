from enum import StrEnum


class AgreementCreateWorkflowType0(StrEnum):
    TRADE_AGREEMENT = "trade-agreement"

    def __str__(self) -> str:
        return str(self.value)
