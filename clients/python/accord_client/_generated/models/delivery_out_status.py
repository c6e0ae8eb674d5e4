from enum import StrEnum


class DeliveryOutStatus(StrEnum):
    FAILED = "failed"
    GIVEN_UP = "given_up"
    PENDING = "pending"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
