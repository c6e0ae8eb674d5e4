"""Exceptions carrying the RFC 9457 problem details the service answers with.

Each error class matches one problem `type` (https://accord.dev/problems/<slug>); a problem
with an unknown type falls back to a class chosen by its HTTP status.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, ClassVar

import httpx

PROBLEM_BASE = "https://accord.dev/problems/"


class AccordError(Exception):
    """An error answer from the service. `problem` is the whole problem+json body."""

    slug: ClassVar[str | None] = None

    def __init__(self, problem: dict[str, Any], *, headers: httpx.Headers | None = None, parsed: Any = None) -> None:
        self.problem = problem
        self.headers = headers if headers is not None else httpx.Headers()
        # The generated client's model of the body (Problem, InvalidTransitionProblem...), when it parsed one.
        self.parsed = parsed
        self.status: int | None = problem.get("status")
        self.type: str | None = problem.get("type")
        self.title: str | None = problem.get("title")
        self.detail: str | None = problem.get("detail")
        self.instance: str | None = problem.get("instance")
        super().__init__(self.detail or self.title or f"HTTP {self.status}")

    def __str__(self) -> str:
        head = f"{self.status} {self.title}" if self.title else f"HTTP {self.status}"
        return f"{head}: {self.detail}" if self.detail and self.detail != self.title else head

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, detail={self.detail!r})"


class MalformedRequest(AccordError):
    slug = "malformed-request"


class NotFound(AccordError):
    slug = "not-found"


class MethodNotAllowed(AccordError):
    slug = "method-not-allowed"


class Conflict(AccordError):
    """A 409 of a type this client does not know."""


class InvalidTransition(Conflict):
    """The event cannot fire in the agreement's current state."""

    slug = "invalid-transition"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.current_state: str | None = problem.get("current_state")
        self.event: str | None = problem.get("event")
        self.allowed_events: list[str] = list(problem.get("allowed_events") or [])
        self.reasons: list[str] = list(problem.get("reasons") or [])


class IdempotencyInProgress(Conflict):
    slug = "idempotency-in-progress"


class LimitReached(Conflict):
    """A configured limit of the installation (such as the number of webhook endpoints)."""

    slug = "limit-reached"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.limit: int | None = problem.get("limit")


class RequestTimeout(AccordError):
    """The request's headers or body did not reach the server in time."""

    slug = "request-timeout"


class HeadersTooLarge(AccordError):
    slug = "request-header-fields-too-large"


class VersionMismatch(AccordError):
    """If-Match named a version the agreement no longer has."""

    slug = "version-mismatch"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.current_version: int | None = problem.get("current_version")


class PayloadTooLarge(AccordError):
    slug = "payload-too-large"


class UnsupportedMediaType(AccordError):
    slug = "unsupported-media-type"


class ValidationError(AccordError):
    """The request body or parameters are invalid; `errors` lists each issue (loc, msg, type)."""

    slug = "validation-error"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.errors: list[dict[str, Any]] = list(problem.get("errors") or [])


class IdempotencyKeyReused(AccordError):
    slug = "idempotency-key-reused"


class PreconditionRequired(AccordError):
    slug = "precondition-required"


class RateLimited(AccordError):
    """429, still answered after the client's retries."""


class ServerError(AccordError):
    slug = "internal-error"


class ServiceUnavailable(ServerError):
    slug = "service-unavailable"


_BY_SLUG: dict[str, type[AccordError]] = {
    cls.slug: cls
    for cls in (
        MalformedRequest,
        NotFound,
        MethodNotAllowed,
        InvalidTransition,
        IdempotencyInProgress,
        LimitReached,
        RequestTimeout,
        HeadersTooLarge,
        VersionMismatch,
        PayloadTooLarge,
        UnsupportedMediaType,
        ValidationError,
        IdempotencyKeyReused,
        PreconditionRequired,
        ServerError,
        ServiceUnavailable,
    )
    if cls.slug
}
_PHRASES = {s.value for s in HTTPStatus}
_BY_STATUS: dict[int, type[AccordError]] = {
    400: MalformedRequest,
    404: NotFound,
    405: MethodNotAllowed,
    408: RequestTimeout,
    409: Conflict,
    412: VersionMismatch,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationError,
    428: PreconditionRequired,
    431: HeadersTooLarge,
    429: RateLimited,
    503: ServiceUnavailable,
}


def error_class(status: int, problem_type: str | None) -> type[AccordError]:
    if problem_type and problem_type.startswith(PROBLEM_BASE):
        cls = _BY_SLUG.get(problem_type.removeprefix(PROBLEM_BASE))
        if cls is not None:
            return cls
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else AccordError


def from_response(status: int, content: bytes, headers: httpx.Headers | None = None, parsed: Any = None) -> AccordError:
    """The exception for an error response; a body that is not a problem still gives an AccordError."""
    try:
        body = json.loads(content) if content else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    problem = {"status": status, "title": HTTPStatus(status).phrase if status in _PHRASES else None, **body}
    return error_class(status, problem.get("type"))(problem, headers=headers, parsed=parsed)
