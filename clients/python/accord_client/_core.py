"""What the sync and async clients share: one operation call (`Call`), the wrappers that turn a
function building a Call into a sync or an async method, sending and reading a response, and the
checks that turn arguments into the generated request models.

Each operation is written once, as a function returning a Call (in _resources.py); `_sync(f)` and
`_async(f)` make it a method of the sync and of the async classes, with f's signature and
docstring. The methods send through the class's `_send` (`Accord._send` / `AsyncAccord._send`).
"""

from __future__ import annotations

import datetime
import enum
import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import httpx

from . import errors
from ._generated.client import AuthenticatedClient, Client
from ._generated.types import UNSET, Unset
from ._transport import MAX_RETRIES_EXTENSION
from .pagination import AsyncPage, AsyncPager, Page, PageModel

R = TypeVar("R")
T = TypeVar("T")
P = ParamSpec("P")

EventDate = datetime.datetime | datetime.date
Day = datetime.date | str


class _Body(enum.Enum):
    NONE = "none"  # 204: the method returns None
    TEXT = "text"  # text/plain: the method returns str


NO_BODY = _Body.NONE
TEXT = _Body.TEXT


@dataclass(frozen=True)
class Call(Generic[R]):
    """One generated operation (`endpoint`, a module of accord_client.api), the keyword arguments
    of its `_get_kwargs`, and what a success returns: a model class (read with `from_dict`),
    NO_BODY or TEXT. `cursor` names the argument that selects a page, for lists."""

    endpoint: ModuleType
    kwargs: dict[str, Any]
    returns: Any
    cursor: str | None = None

    def at(self, cursor: str) -> Call[R]:
        """The same list call for the page at `cursor`."""
        assert self.cursor is not None
        return replace(self, kwargs={**self.kwargs, self.cursor: cursor})


@dataclass(frozen=True)
class Options:
    """Per-client request options that `with_options` changes; None keeps the client's default."""

    timeout: httpx.Timeout | None = None
    max_retries: int | None = None

    def request_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if self.timeout is not None:
            kwargs["timeout"] = self.timeout
        if self.max_retries is not None:
            kwargs["extensions"] = {MAX_RETRIES_EXTENSION: self.max_retries}
        return kwargs


def as_timeout(value: float | httpx.Timeout | None) -> httpx.Timeout | None:
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)


# -- sending and reading ------------------------------------------------------------------------


def request_arguments(call: Call[Any], options: Options) -> dict[str, Any]:
    return {**call.endpoint._get_kwargs(**call.kwargs), **options.request_kwargs()}


def wrap_httpx(error: Exception) -> errors.AccordError:
    return errors.APIConnectionError.from_httpx(error)  # type: ignore[arg-type]


# httpx's errors for a request that got no usable answer; never let one escape.
HTTPX_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def result(call: Call[R], response: httpx.Response, client: Client | AuthenticatedClient) -> R:
    """The value of a success answer, or the typed exception of an error answer."""
    if response.is_success:
        if call.returns is NO_BODY:
            return None  # type: ignore[return-value]
        if call.returns is TEXT:
            return response.text  # type: ignore[return-value]
        try:
            return call.returns.from_dict(response.json())
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise errors.APIResponseValidationError(
                f"{response.request.method} {response.request.url.path} answered {response.status_code} with a body "
                f"that is not a {call.returns.__name__}: {type(error).__name__}: {error}",
                response=response,
            ) from error
    parsed = None
    try:
        parsed = call.endpoint._parse_response(client=client, response=response)
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # not the declared problem model: the exception still carries the raw body
    raise errors.from_response(
        response.status_code, response.content, httpx.Headers(response.headers), parsed, response
    )


# -- one definition, two methods ----------------------------------------------------------------


def build(builder: Callable[..., Call[R]], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Call[R]:
    """Run a Call builder; a ValueError from converting its arguments becomes InvalidArgument."""
    try:
        return builder(*args, **kwargs)
    except errors.InvalidArgument:
        raise
    except ValueError as error:
        raise errors.InvalidArgument(f"{builder.__name__}: {error}") from error


def _strip_call(annotation: Any) -> Any:
    if isinstance(annotation, str) and annotation.startswith("Call[") and annotation.endswith("]"):
        return annotation[5:-1]
    return annotation


def _as_method(method: Callable[..., Any], builder: Callable[..., Any], returns: Any) -> None:
    """Give `method` the builder's docstring and signature (with self), for help() and IDEs."""
    functools.update_wrapper(method, builder)
    del method.__wrapped__  # type: ignore[attr-defined]  # inspect must not drop the first real parameter
    signature = inspect.signature(builder)
    this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[this, *signature.parameters.values()],
        return_annotation=returns if returns is not None else _strip_call(signature.return_annotation),
    )


def sync_method(builder: Callable[P, Call[R]]) -> Callable[Concatenate[Any, P], R]:
    """A method of a sync class that sends the builder's Call and returns its result."""

    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        return self._send(build(builder, args, kwargs))

    _as_method(method, builder, None)
    return method


def async_method(builder: Callable[P, Call[R]]) -> Callable[Concatenate[Any, P], Awaitable[R]]:
    """A coroutine method of an async class that sends the builder's Call."""

    async def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        return await self._send(build(builder, args, kwargs))

    _as_method(method, builder, None)
    return method


def sync_list(builder: Callable[P, Call[PageModel[T]]]) -> Callable[Concatenate[Any, P], Page[T]]:
    """A method returning the first Page of a list; iterating over it follows the cursors."""

    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> Page[T]:
        return self._send_page(build(builder, args, kwargs))

    _as_method(method, builder, "Page")
    return method


def async_list(builder: Callable[P, Call[PageModel[T]]]) -> Callable[Concatenate[Any, P], AsyncPager[T]]:
    """A method returning an AsyncPager: await it for the first page, `async for` for every item.
    The arguments are checked at the call, before anything is awaited."""

    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]:
        call = build(builder, args, kwargs)
        return AsyncPager(lambda: self._send_page(call))

    _as_method(method, builder, "AsyncPager")
    return method


def sync_iter(builder: Callable[P, Call[PageModel[T]]]) -> Callable[Concatenate[Any, P], Any]:
    """A method yielding every item of every page (the `iter_*` methods of version 0.1)."""

    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> Any:
        return iter(self._send_page(build(builder, args, kwargs)))

    _as_method(method, builder, "Iterator")
    return method


def async_iter(builder: Callable[P, Call[PageModel[T]]]) -> Callable[Concatenate[Any, P], Any]:
    """The async `iter_*` methods of version 0.1: an async iterator over every item."""

    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> Any:
        call = build(builder, args, kwargs)
        return AsyncPager(lambda: self._send_page(call)).__aiter__()

    _as_method(method, builder, "AsyncIterator")
    return method


def sync_page(send: Callable[[Call[Any]], Any], call: Call[Any]) -> Page[Any]:
    return Page(send(call), lambda cursor: sync_page(send, call.at(cursor)))


async def async_page(send: Callable[[Call[Any]], Awaitable[Any]], call: Call[Any]) -> AsyncPage[Any]:
    return AsyncPage(await send(call), lambda cursor: async_page(send, call.at(cursor)))


# -- arguments ----------------------------------------------------------------------------------


def opt(value: Any) -> Any:
    """None (the methods' "not given") as the generated code's UNSET."""
    return UNSET if value is None else value


def if_match(version: int | None) -> str | Unset:
    return UNSET if version is None else f'"{version}"'


def choice(enum_cls: type[enum.Enum], value: Any, name: str) -> Any:
    """`value` as a member of a generated enum, or InvalidArgument naming the accepted values."""
    if value is None:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        allowed = sorted(str(member.value) for member in enum_cls)
        listed = ", ".join(allowed) if len(allowed) <= 12 else f"{', '.join(allowed[:8])}, ... ({len(allowed)} codes)"
        raise errors.InvalidArgument(
            f"{name}: {value!r} is not one of {listed}", name=name, value=value, allowed=allowed
        ) from None


def choices(enum_cls: type[enum.Enum], values: Iterable[Any] | None, name: str) -> list[Any] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise errors.InvalidArgument(f"{name} is a list of values, not the string {values!r}", name=name, value=values)
    return [choice(enum_cls, v, name) for v in values]


def day(value: Day | None, name: str = "date") -> datetime.date | Unset:
    """A calendar date from a date or its YYYY-MM-DD text."""
    if value is None:
        return UNSET
    if isinstance(value, datetime.datetime):
        raise errors.InvalidArgument(f"{name}: give a date (YYYY-MM-DD), not a date-time", name=name, value=value)
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise errors.InvalidArgument(f"{name}: {value!r} is not a date (YYYY-MM-DD)", name=name, value=value) from None


def when(value: EventDate | str | None, name: str = "date") -> EventDate | None:
    """A date or an aware date-time, from itself or its RFC 3339 text ("2027-03-01",
    "2027-03-01T12:00:00Z"). A plain date means that day in Washington."""
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise errors.InvalidArgument(
            f"{name}: {value!r} is not a date (YYYY-MM-DD) or an RFC 3339 date-time", name=name, value=value
        ) from None


def instant(value: datetime.datetime | str | None, name: str) -> datetime.datetime | None:
    """A date-time from itself or its RFC 3339 text."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise errors.InvalidArgument(
            f"{name}: {value!r} is not an RFC 3339 date-time", name=name, value=value
        ) from None


def body(model: type[T], fields: Mapping[str, Any], **dates: Any) -> T:
    """A request model from plain values, through the generated from_dict, so nested models and
    enums follow the spec; None leaves a field out. Dates are set afterwards: from_dict would read
    "2018-09-26" as a naive midnight date-time, which the service refuses."""
    try:
        result = model.from_dict({k: v for k, v in fields.items() if v is not None})  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError) as error:
        raise errors.InvalidArgument(f"invalid {model.__name__}: {error}") from error
    for name, value in dates.items():
        if value is not None:
            setattr(result, name, value)
    return result
