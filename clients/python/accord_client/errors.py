"""Every exception the client raises, all subclasses of `AccordError`.

    AccordError                        base of everything below; `request_id`, `status` (or None)
    ├── ConfigurationError             the client cannot be built (no API key); also a ValueError
    ├── InvalidArgument                a value the API cannot take, refused before sending; also a ValueError
    ├── APIConnectionError             no answer: refused, reset, DNS... (`__cause__` is httpx's error)
    │   └── APITimeoutError            no answer in time
    ├── APIResponseValidationError     a success answer this client cannot read
    └── APIStatusError                 an error answer: RFC 9457 problem details
        ├── MalformedRequest (400)  AuthenticationError (401)  PermissionDenied (403)  NotFound (404)
        ├── MethodNotAllowed (405)  RequestTimeout (408)
        ├── Conflict (409): InvalidTransition, HistoryConflict, LimitReached, IdempotencyInProgress,
        │                   RoundOutsideNegotiation, RoundConflict, AlreadyExists
        ├── VersionMismatch (412)  PayloadTooLarge (413)  UnsupportedMediaType (415)
        ├── ValidationError (422): WebhookUrlRefused;  IdempotencyKeyReused (422)
        ├── PreconditionRequired (428)  RateLimited (429)  HeadersTooLarge (431)
        └── ServerError (5xx): InternalServerError (500), ServiceUnavailable (503)

Each problem class matches one problem `type` the service sends
(https://accord.dev/problems/<slug>, see PROBLEM_TYPES); a problem of a type this client does
not know falls back to a class chosen by its HTTP status, so a newer server never breaks it.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, ClassVar

import httpx

PROBLEM_BASE = "https://accord.dev/problems/"
REQUEST_ID_HEADER = "X-Request-ID"

__all__ = [
    "PROBLEM_BASE",
    "PROBLEM_TYPES",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AccordError",
    "AlreadyExists",
    "AuthenticationError",
    "BoardNotConfigured",
    "ConfigurationError",
    "Conflict",
    "HeadersTooLarge",
    "HistoryConflict",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InternalServerError",
    "InvalidArgument",
    "InvalidTransition",
    "LimitReached",
    "MalformedRequest",
    "MethodNotAllowed",
    "NotFound",
    "PayloadTooLarge",
    "PermissionDenied",
    "PreconditionRequired",
    "RateLimited",
    "RequestTimeout",
    "RoundConflict",
    "RoundOutsideNegotiation",
    "ServerError",
    "ServiceUnavailable",
    "UnsupportedMediaType",
    "ValidationError",
    "VersionMismatch",
    "WebhookUrlRefused",
    "error_class",
    "from_response",
]


class AccordError(Exception):
    """Base of every exception this client raises.

    `request_id` is the X-Request-ID of the HTTP request (the server logs it on every line), or
    None when no request was made. `status` is the HTTP status of an error answer, else None.
    """

    status: int | None = None
    request_id: str | None = None

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request_id = request_id


class ConfigurationError(AccordError, ValueError):
    """The client cannot be built as asked, e.g. it has no API key."""


class InvalidArgument(AccordError, ValueError):
    """A value passed to the client that the API cannot take (an unknown scope, event type,
    party code, a date that is not YYYY-MM-DD...). Raised before any request is sent.

    `name` is the argument, `value` what was passed and `allowed` the accepted values when the
    argument is an enumeration."""

    def __init__(
        self, message: str, *, name: str | None = None, value: Any = None, allowed: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.name = name
        self.value = value
        self.allowed = allowed


def _request_id_of(request: httpx.Request | None) -> str | None:
    return request.headers.get(REQUEST_ID_HEADER) if request is not None else None


def _answer_id(headers: httpx.Headers | None, response: httpx.Response | None) -> str | None:
    """The id the server echoed, else the one the client sent (a proxy's answer carries none)."""
    if headers is not None and headers.get(REQUEST_ID_HEADER):
        return headers[REQUEST_ID_HEADER]
    if response is None:
        return None
    try:
        return response.headers.get(REQUEST_ID_HEADER) or _request_id_of(response.request)
    except RuntimeError:  # a response built without a request
        return None


class APIConnectionError(AccordError):
    """The request got no answer: the connection was refused or reset, the name did not
    resolve... after the client's retries. `__cause__` is httpx's exception."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request_id=_request_id_of(request))
        self.request = request

    @classmethod
    def from_httpx(cls, error: httpx.HTTPError) -> APIConnectionError:
        """The client's exception for one of httpx's (a timeout becomes APITimeoutError)."""
        try:
            request: httpx.Request | None = error.request
        except RuntimeError:  # httpx raises when an error has no request attached
            request = None
        target = f" to {request.method} {request.url}" if request is not None else ""
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"No answer in time{target} ({type(error).__name__})", request=request)
        detail = str(error) or type(error).__name__
        return APIConnectionError(f"No answer{target}: {detail}", request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, sending, waiting for or reading the answer). Set the
    limit with `Accord(timeout=...)` or per call with `accord.with_options(timeout=...)`."""


class APIResponseValidationError(AccordError):
    """A success answer whose body this client cannot read (not JSON, or not the declared model)."""

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        super().__init__(message, request_id=_answer_id(None, response))
        self.response = response
        self.status = response.status_code if response is not None else None


class APIStatusError(AccordError):
    """An error answer from the service. `problem` is the whole problem+json body; `status`,
    `type`, `title`, `detail` and `instance` are its members; `headers` the answer's headers;
    `parsed` the generated model of the body (Problem, InvalidTransitionProblem...) when the
    operation declares one."""

    slug: ClassVar[str | None] = None  # the problem type's last path segment, for mapped classes
    http_status: ClassVar[int | None] = None  # the status the service sends this type with

    def __init__(
        self,
        problem: dict[str, Any],
        *,
        headers: httpx.Headers | None = None,
        parsed: Any = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.problem = problem
        self.headers = headers if headers is not None else httpx.Headers()
        self.parsed = parsed
        self.response = response
        self.status = problem.get("status")
        self.type: str | None = problem.get("type")
        self.title: str | None = problem.get("title")
        self.detail: str | None = problem.get("detail")
        self.instance: str | None = problem.get("instance")
        super().__init__(self.detail or self.title or f"HTTP {self.status}", request_id=_answer_id(headers, response))

    def __str__(self) -> str:
        head = f"{self.status} {self.title}" if self.title else f"HTTP {self.status}"
        text = f"{head}: {self.detail}" if self.detail and self.detail != self.title else head
        return f"{text} (request {self.request_id})" if self.request_id else text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, detail={self.detail!r}, "
            f"request_id={self.request_id!r})"
        )


class MalformedRequest(APIStatusError):
    """400: the body is not valid JSON or could not be parsed."""

    slug, http_status = "malformed-request", 400


class AuthenticationError(APIStatusError):
    """401: no API key, or one that is unknown, revoked or expired."""

    slug, http_status = "unauthorized", 401


class PermissionDenied(APIStatusError):
    """403: the API key lacks the scope the operation needs."""

    slug, http_status = "forbidden", 403


class NotFound(APIStatusError):
    """404: no such agreement, history entry, workflow, endpoint, event, key or route."""

    slug, http_status = "not-found", 404


class MethodNotAllowed(APIStatusError):
    """405: the path exists, but not with this method."""

    slug, http_status = "method-not-allowed", 405


class RequestTimeout(APIStatusError):
    """408: the request's headers or body did not reach the server in time (retried when safe)."""

    slug, http_status = "request-timeout", 408


class Conflict(APIStatusError):
    """409; also the class of a 409 of a type this client does not know."""

    http_status = 409


class InvalidTransition(Conflict):
    """409: the event cannot fire in the agreement's current state, or a statutory clock refuses
    it on its date. `current_state`, `event`, `allowed_events` and `reasons` say why."""

    slug = "invalid-transition"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.current_state: str | None = problem.get("current_state")
        self.event: str | None = problem.get("event")
        self.allowed_events: list[str] = list(problem.get("allowed_events") or [])
        self.reasons: list[str] = list(problem.get("reasons") or [])


class HistoryConflict(Conflict):
    """409: the history entry cannot be changed this way (voiding an entry other than the latest
    state change, correcting a void entry). `sequence`; `voidable_sequence` when one may be voided."""

    slug = "history-conflict"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.sequence: int | None = problem.get("sequence")
        self.voidable_sequence: int | None = problem.get("voidable_sequence")


class LimitReached(Conflict):
    """409: a configured limit of the installation (such as the number of webhook endpoints)."""

    slug = "limit-reached"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.limit: int | None = problem.get("limit")


class RoundOutsideNegotiation(Conflict):
    """409: a round's dates are not days the agreement was negotiating. `state` is the state it
    was in (None if not yet announced) and `on` the day (YYYY-MM-DD) that breaks the rule."""

    slug = "round-outside-negotiation"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.state: str | None = problem.get("state")
        self.on: str | None = problem.get("on")


class RoundConflict(Conflict):
    """409: rounds are numbered without gaps, in the order they were held: the number is taken
    or leaves a gap (`expected_number` is the next one), the dates put it out of order, or a
    round other than the last is deleted."""

    slug = "round-conflict"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.expected_number: int | None = problem.get("expected_number")


class AlreadyExists(Conflict):
    """409: a record with this key already exists (a consultation with the same docket on the
    agreement); `existing_id` is its id."""

    slug = "already-exists"

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.existing_id: str | None = problem.get("existing_id")


class IdempotencyInProgress(Conflict):
    """409: a request with this Idempotency-Key is still running (retried by the client)."""

    slug = "idempotency-in-progress"


class VersionMismatch(APIStatusError):
    """412: If-Match named a version the agreement no longer has; `current_version` is its version."""

    slug, http_status = "version-mismatch", 412

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.current_version: int | None = problem.get("current_version")


class PayloadTooLarge(APIStatusError):
    """413: the body is over the server's limit (1 MiB by default)."""

    slug, http_status = "payload-too-large", 413


class UnsupportedMediaType(APIStatusError):
    """415: a body that is not application/json."""

    slug, http_status = "unsupported-media-type", 415


class ValidationError(APIStatusError):
    """422: the request body or parameters are invalid; `errors` lists each issue (loc, msg, type)."""

    slug, http_status = "validation-error", 422

    def __init__(self, problem: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(problem, **kwargs)
        self.errors: list[dict[str, Any]] = list(problem.get("errors") or [])


class WebhookUrlRefused(ValidationError):
    """422: the webhook URL is not http(s), holds credentials, or resolves to a private,
    loopback, link-local or metadata address."""

    slug = "webhook-url-refused"


class IdempotencyKeyReused(APIStatusError):
    """422: the Idempotency-Key was used before with a different request."""

    slug, http_status = "idempotency-key-reused", 422


class PreconditionRequired(APIStatusError):
    """428: the operation needs If-Match (pass the version you read)."""

    slug, http_status = "precondition-required", 428


class RateLimited(APIStatusError):
    """429 (from a proxy in front of Accord), still answered after the client's retries."""

    http_status = 429


class HeadersTooLarge(APIStatusError):
    """431: the request line and headers are over the server's limit."""

    slug, http_status = "request-header-fields-too-large", 431


class ServerError(APIStatusError):
    """5xx; also the class of a server error of a type this client does not know (502, 504...)."""


class InternalServerError(ServerError):
    """500: a bug in the service; quote `request_id` when you report it."""

    slug, http_status = "internal-error", 500


class ServiceUnavailable(ServerError):
    """503: the database does not answer or the server is at its connection limit (retried
    when safe, honouring Retry-After)."""

    slug, http_status = "service-unavailable", 503


class BoardNotConfigured(ServiceUnavailable):
    """503 from the browser board (/board) when the server has no ACCORD_BOARD_SESSION_SECRET;
    the API itself never sends it. Listed so every problem type has its class."""

    slug, http_status = "board-not-configured", 503


# Every problem type the service sends, by slug. tests/sdk/test_errors.py fails when the server
# gains a type this mapping lacks.
PROBLEM_TYPES: dict[str, type[APIStatusError]] = {
    cls.slug: cls
    for cls in (
        MalformedRequest,
        AuthenticationError,
        PermissionDenied,
        NotFound,
        MethodNotAllowed,
        RequestTimeout,
        InvalidTransition,
        HistoryConflict,
        LimitReached,
        RoundOutsideNegotiation,
        RoundConflict,
        AlreadyExists,
        IdempotencyInProgress,
        VersionMismatch,
        PayloadTooLarge,
        UnsupportedMediaType,
        ValidationError,
        WebhookUrlRefused,
        IdempotencyKeyReused,
        PreconditionRequired,
        HeadersTooLarge,
        InternalServerError,
        ServiceUnavailable,
        BoardNotConfigured,
    )
    if cls.slug
}
_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: MalformedRequest,
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    405: MethodNotAllowed,
    408: RequestTimeout,
    409: Conflict,
    412: VersionMismatch,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationError,
    428: PreconditionRequired,
    429: RateLimited,
    431: HeadersTooLarge,
    500: InternalServerError,
    503: ServiceUnavailable,
}
_PHRASES = {s.value for s in HTTPStatus}


def error_class(status: int, problem_type: str | None) -> type[APIStatusError]:
    """The class for an error answer: by problem type, else by status."""
    if problem_type and problem_type.startswith(PROBLEM_BASE):
        cls = PROBLEM_TYPES.get(problem_type.removeprefix(PROBLEM_BASE))
        if cls is not None:
            return cls
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else APIStatusError


def from_response(
    status: int,
    content: bytes,
    headers: httpx.Headers | None = None,
    parsed: Any = None,
    response: httpx.Response | None = None,
) -> APIStatusError:
    """The exception for an error answer; a body that is not a problem still gives an
    APIStatusError of the status's class."""
    try:
        body = json.loads(content) if content else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    problem = {"status": status, "title": HTTPStatus(status).phrase if status in _PHRASES else None, **body}
    cls = error_class(status, problem.get("type"))
    return cls(problem, headers=headers, parsed=parsed, response=response)
