from enum import StrEnum


class DeadlineSource(StrEnum):
    CONSULTATION = "consultation"
    STATUTORY = "statutory"

    def __str__(self) -> str:
        return str(self.value)
