from enum import StrEnum


class AgreementUpdateCoverageType0(StrEnum):
    BOTH = "both"
    GOODS = "goods"
    SERVICES = "services"

    def __str__(self) -> str:
        return str(self.value)
