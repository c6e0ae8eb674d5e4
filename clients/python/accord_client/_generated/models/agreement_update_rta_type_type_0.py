from enum import StrEnum


class AgreementUpdateRtaTypeType0(StrEnum):
    CU = "CU"
    CU_EIA = "CU & EIA"
    EIA = "EIA"
    FTA = "FTA"
    FTA_EIA = "FTA & EIA"
    PSA = "PSA"
    PSA_EIA = "PSA & EIA"

    def __str__(self) -> str:
        return str(self.value)
