from enum import StrEnum


class RelationKind(StrEnum):
    AMENDS = "amends"
    SUPERSEDES = "supersedes"

    def __str__(self) -> str:
        return str(self.value)
