"""Iterate over the service's cursor-paginated lists: `{"data": [...], "next_cursor": ...}`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Page(Protocol[T]):
    data: list[T]
    next_cursor: Any  # str, or None / UNSET on the last page


def _next(page: Page[Any], seen: set[str]) -> str | None:
    cursor = page.next_cursor
    if not isinstance(cursor, str) or not cursor:
        return None
    if cursor in seen:  # a server bug must not become an endless loop
        raise RuntimeError(f"the service returned cursor {cursor!r} twice")
    seen.add(cursor)
    return cursor


def iter_pages(fetch: Callable[[str | None], Page[T]]) -> Iterator[Page[T]]:
    """Call `fetch(cursor)` from the first page (cursor None) until next_cursor is null."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = fetch(cursor)
        yield page
        cursor = _next(page, seen)
        if cursor is None:
            return


def iter_items(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    for page in iter_pages(fetch):
        yield from page.data


async def aiter_pages(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[Page[T]]:
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = await fetch(cursor)
        yield page
        cursor = _next(page, seen)
        if cursor is None:
            return


async def aiter_items(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
    async for page in aiter_pages(fetch):
        for item in page.data:
            yield item
