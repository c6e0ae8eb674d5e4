"""Opaque keyset cursors: a page continues after the last key it returned, so rows inserted
while a client pages never shift or repeat what it sees."""

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from service.errors import ValidationFailed

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page")


def encode_cursor(kind: str, key: Any) -> str:
    raw = json.dumps([kind, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> Any:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found_kind, key = json.loads(raw)
    except (ValueError, TypeError):
        raise ValidationFailed("cursor is not one this service issued", errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}]) from None
    if found_kind != kind:
        raise ValidationFailed("cursor belongs to another list", errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}])
    return key
