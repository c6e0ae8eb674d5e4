"""The service's cursor-paginated lists, `{"data": [...], "next_cursor": ...}`, as pages that
fetch the next ones for you.

    page = accord.agreements.list(limit=50)      # one request: the first page
    page.data, page.next_cursor                   # that page
    for agreement in page: ...                    # every item of every page, fetched as needed

    pager = accord_async.agreements.list()        # AsyncAccord: nothing sent yet
    page = await pager                            # the first page
    async for agreement in pager: ...             # every item of every page
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, Protocol, TypeVar

from .errors import APIResponseValidationError

T = TypeVar("T")

__all__ = ["AsyncPage", "AsyncPager", "Page", "aiter_items", "aiter_pages", "iter_items", "iter_pages"]


class PageModel(Protocol[T]):
    data: list[T]
    next_cursor: Any  # str, or None / UNSET on the last page


def _cursor(model: PageModel[Any]) -> str | None:
    cursor = model.next_cursor
    return cursor if isinstance(cursor, str) and cursor else None


def _check_new(cursor: str, seen: set[str]) -> None:
    if cursor in seen:  # a server bug must not become an endless loop
        raise APIResponseValidationError(f"the service returned cursor {cursor!r} twice")
    seen.add(cursor)


class Page(Generic[T]):
    """One page of a list. Iterating over it yields its items and then those of every later page,
    fetched as needed. `data` and `next_cursor` are this page's; other attributes (`to_dict`...)
    are the generated page model's."""

    def __init__(self, model: PageModel[T], fetch: Callable[[str], Page[T]]) -> None:
        self.model = model
        self._fetch = fetch

    @property
    def data(self) -> list[T]:
        """The items of this page only."""
        return self.model.data

    @property
    def next_cursor(self) -> str | None:
        """The cursor of the next page, None on the last one."""
        return _cursor(self.model)

    def has_next_page(self) -> bool:
        """Whether a later page exists."""
        return self.next_cursor is not None

    def next_page(self) -> Page[T] | None:
        """Fetch the next page; None after the last one."""
        cursor = self.next_cursor
        return None if cursor is None else self._fetch(cursor)

    def iter_pages(self) -> Iterator[Page[T]]:
        """This page, then each later one."""
        page: Page[T] | None = self
        seen: set[str] = set()
        while page is not None:
            yield page
            cursor = page.next_cursor
            if cursor is None:
                return
            _check_new(cursor, seen)
            page = page._fetch(cursor)

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data

    def __getattr__(self, name: str) -> Any:
        if name == "model":  # not set yet: do not recurse
            raise AttributeError(name)
        return getattr(self.model, name)

    def __repr__(self) -> str:
        return f"Page(items={len(self.data)}, next_cursor={self.next_cursor!r})"


class AsyncPage(Generic[T]):
    """The asyncio twin of Page: `async for` yields the items of this and every later page."""

    def __init__(self, model: PageModel[T], fetch: Callable[[str], Awaitable[AsyncPage[T]]]) -> None:
        self.model = model
        self._fetch = fetch

    @property
    def data(self) -> list[T]:
        """The items of this page only."""
        return self.model.data

    @property
    def next_cursor(self) -> str | None:
        """The cursor of the next page, None on the last one."""
        return _cursor(self.model)

    def has_next_page(self) -> bool:
        """Whether a later page exists."""
        return self.next_cursor is not None

    async def next_page(self) -> AsyncPage[T] | None:
        """Fetch the next page; None after the last one."""
        cursor = self.next_cursor
        return None if cursor is None else await self._fetch(cursor)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then each later one."""
        page: AsyncPage[T] | None = self
        seen: set[str] = set()
        while page is not None:
            yield page
            cursor = page.next_cursor
            if cursor is None:
                return
            _check_new(cursor, seen)
            page = await page._fetch(cursor)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item

    def __getattr__(self, name: str) -> Any:
        if name == "model":
            raise AttributeError(name)
        return getattr(self.model, name)

    def __repr__(self) -> str:
        return f"AsyncPage(items={len(self.data)}, next_cursor={self.next_cursor!r})"


class AsyncPager(Generic[T]):
    """What an async `list` returns before anything is sent: `await` it for the first page, or
    `async for` over it for every item of every page."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item


# -- the plain functions of earlier versions, over any fetch(cursor) -> page model ---------------


def iter_pages(fetch: Callable[[str | None], PageModel[T]]) -> Iterator[PageModel[T]]:
    """Call `fetch(cursor)` from the first page (cursor None) until next_cursor is null."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = fetch(cursor)
        yield page
        cursor = _cursor(page)
        if cursor is None:
            return
        _check_new(cursor, seen)


def iter_items(fetch: Callable[[str | None], PageModel[T]]) -> Iterator[T]:
    """Every item of every page `fetch(cursor)` returns."""
    for page in iter_pages(fetch):
        yield from page.data


async def aiter_pages(fetch: Callable[[str | None], Awaitable[PageModel[T]]]) -> AsyncIterator[PageModel[T]]:
    """The asyncio twin of iter_pages."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = await fetch(cursor)
        yield page
        cursor = _cursor(page)
        if cursor is None:
            return
        _check_new(cursor, seen)


async def aiter_items(fetch: Callable[[str | None], Awaitable[PageModel[T]]]) -> AsyncIterator[T]:
    """The asyncio twin of iter_items."""
    async for page in aiter_pages(fetch):
        for item in page.data:
            yield item
