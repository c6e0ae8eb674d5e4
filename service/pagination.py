"""Opaque keyset cursors: a page continues after the last key it returned, so rows inserted
while a client pages never shift or repeat what it sees.

Every list uses `Limit`, `Cursor` and `keyset_page`: fetch `limit + 1` rows ordered by the key,
and the extra row, if any, says there is a next page.
"""

import base64
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from service.errors import ValidationFailed

T = TypeVar("T")
R = TypeVar("R")
# The largest integer key a cursor may carry (a 64-bit column's range).
MAX_INT_KEY = 2**63 - 1

Limit = Annotated[int, Query(ge=1, le=200, description="Page size")]
Cursor = Annotated[
    str | None, Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$", description="next_cursor of the previous page")
]


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page")


def encode_cursor(kind: str, key: Any) -> str:
    raw = json.dumps([kind, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid(message: str = "cursor is not one this service issued") -> ValidationFailed:
    return ValidationFailed(message, errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}])


def decode_cursor(kind: str, cursor: str | None, key_type: type | None = None, *, max_length: int = 64) -> Any:
    """The key a cursor of `kind` carries, checked to be a `key_type` (str, or an int in range;
    None takes either): a forged cursor must give a 422, never reach the database as something
    it cannot compare."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found_kind, key = json.loads(raw)
    except (ValueError, TypeError):
        raise _invalid() from None
    if found_kind != kind:
        raise _invalid("cursor belongs to another list")
    # bool is an int in Python; a cursor holding `true` is not a position.
    if type(key) not in ((key_type,) if key_type else (str, int)):
        raise _invalid()
    if type(key) is int and not 0 <= key <= MAX_INT_KEY:
        raise _invalid()
    if type(key) is str and (len(key) > max_length or not key.isprintable()):
        raise _invalid()
    return key


def keyset_page(
    rows: Sequence[Any], limit: int, kind: str, to_item: Callable[[Any], R], key: Callable[[R], Any]
) -> Page[R]:
    """A page from `limit + 1` rows: the first `limit` as items, and a cursor after the last one
    when the extra row shows there is more."""
    items = [to_item(row) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(data=items, next_cursor=encode_cursor(kind, key(items[-1])) if more and items else None)
