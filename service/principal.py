"""Who makes a request, as every service sees it. Auth (service/auth/) turns an API key into a
Principal; resources only read it, so they need not know how keys work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Scope(StrEnum):
    AGREEMENTS_READ = "agreements:read"
    AGREEMENTS_WRITE = "agreements:write"
    WEBHOOKS_MANAGE = "webhooks:manage"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    """Who makes a request: an API key, or Accord itself (the seed, the CLI). `name` is recorded
    as the actor of every change; `key_id` scopes what belongs to the key (idempotency keys)."""

    key_id: str
    name: str
    scopes: frozenset[str]
    expires_at: datetime | None = None
    last_used_at: datetime | None = None

    @classmethod
    def system(cls, name: str) -> Principal:
        """Accord acting on its own behalf, with every scope."""
        return cls(key_id=f"system:{name}", name=name, scopes=frozenset({Scope.ADMIN}))

    @property
    def admin(self) -> bool:
        return Scope.ADMIN in self.scopes

    def allows(self, scope: str) -> bool:
        if Scope.ADMIN in self.scopes or scope in self.scopes:
            return True
        return scope == Scope.AGREEMENTS_READ and Scope.AGREEMENTS_WRITE in self.scopes
