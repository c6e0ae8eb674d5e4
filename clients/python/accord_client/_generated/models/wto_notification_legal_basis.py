from enum import StrEnum


class WtoNotificationLegalBasis(StrEnum):
    ENABLING_CLAUSE = "Enabling Clause"
    GATS_ART_V = "GATS Art. V"
    GATT_ART_XXIV = "GATT Art. XXIV"

    def __str__(self) -> str:
        return str(self.value)
