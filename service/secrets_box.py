"""Encryption at rest for webhook signing secrets (Fernet, from `cryptography`).

With ACCORD_SECRET_KEY set, values are stored as `fernet:<token>`; without it they are stored
in clear (and read back either way, so a key can be introduced later: secrets are encrypted as
they are next written, e.g. on rotation).
"""

from __future__ import annotations

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken

PREFIX = "fernet:"
_fernet: Fernet | None = None


def configure(key: str | None) -> None:
    global _fernet
    _fernet = Fernet(key.encode()) if key else None


def seal(value: str) -> str:
    return PREFIX + _fernet.encrypt(value.encode()).decode() if _fernet else value


def open_(value: str) -> str:
    if not value.startswith(PREFIX):
        return value
    if _fernet is None:
        raise RuntimeError("a secret is encrypted but ACCORD_SECRET_KEY is not set")
    try:
        return _fernet.decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise RuntimeError("ACCORD_SECRET_KEY does not decrypt a stored secret (was the key changed?)") from None


class EncryptedString(sa.TypeDecorator):
    """A string column whose values are sealed on the way in and opened on the way out."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else seal(value)

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return None if value is None else open_(value)
