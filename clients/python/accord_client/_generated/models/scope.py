from enum import StrEnum


class Scope(StrEnum):
    ADMIN = "admin"
    AGREEMENTSREAD = "agreements:read"
    AGREEMENTSWRITE = "agreements:write"
    WEBHOOKSMANAGE = "webhooks:manage"

    def __str__(self) -> str:
        return str(self.value)
