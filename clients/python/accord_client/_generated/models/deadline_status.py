from enum import StrEnum


class DeadlineStatus(StrEnum):
    MET = "met"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"
    PASSED = "passed"
    PENDING = "pending"
    UNRECORDED = "unrecorded"

    def __str__(self) -> str:
        return str(self.value)
