from enum import StrEnum


class WtoNotificationCoverage(StrEnum):
    GOODS = "goods"
    SERVICES = "services"

    def __str__(self) -> str:
        return str(self.value)
