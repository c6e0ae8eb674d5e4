from enum import StrEnum


class FieldChangeField(StrEnum):
    FROM_STATE = "from_state"
    NOTE = "note"
    OCCURRED_AT = "occurred_at"
    REFERENCE = "reference"
    TO_STATE = "to_state"

    def __str__(self) -> str:
        return str(self.value)
