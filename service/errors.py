"""Domain errors that carry their HTTP status, and the one RFC 9457 renderer.

Every error the service returns is `application/problem+json` with a `type` from PROBLEM_TYPES;
docs/problems.md describes each.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

log = logging.getLogger("accord.errors")
PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://accord.dev/problems/"


class Problem(BaseModel):
    """RFC 9457 problem details. Extension members depend on `type`."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI naming the kind of problem; see docs/problems.md")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationProblem(Problem):
    errors: list[ValidationIssue] = []


class InvalidTransitionProblem(Problem):
    """409. The extension members are present when `type` ends in `invalid-transition`."""

    current_state: str | None = None
    event: str | None = None
    allowed_events: list[str] | None = None
    reasons: list[str] | None = None


class VersionMismatchProblem(Problem):
    current_version: int | None = None


class AccordError(Exception):
    headers: ClassVar[dict[str, str]] = {}
    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal error"
    # The detail and extension members of openapi.yaml's example of this problem (default: the title).
    example: ClassVar[dict[str, Any]] = {}

    def __init__(self, detail: str | None = None, **extensions: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.extensions = extensions

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        return problem_body(self.status, self.slug, self.title, self.detail, instance, **self.extensions)


class MalformedRequest(AccordError):
    status, slug, title = 400, "malformed-request", "The request could not be parsed"


class NotFound(AccordError):
    status, slug, title = 404, "not-found", "Not found"
    example: ClassVar[dict[str, Any]] = {"detail": "No agreement 'agr_01M86R0ZFX2GMM1F7A343544DY'"}


class Unauthorized(AccordError):
    status, slug, title = 401, "unauthorized", "An API key is required"
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer realm="accord"'}
    example: ClassVar[dict[str, Any]] = {"detail": "Send Authorization: Bearer <API key>"}


class Forbidden(AccordError):
    status, slug, title = 403, "forbidden", "The API key lacks the scope this needs"
    example: ClassVar[dict[str, Any]] = {"detail": "This key (dashboard) lacks the agreements:write scope"}


class MethodNotAllowed(AccordError):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"


class RequestTimeout(AccordError):
    status, slug, title = 408, "request-timeout", "The request did not arrive in time"


class HeadersTooLarge(AccordError):
    status, slug, title = 431, "request-header-fields-too-large", "The request line and headers are too large"


class InvalidTransition(AccordError):
    status, slug, title = 409, "invalid-transition", "The event is not allowed now"
    example: ClassVar[dict[str, Any]] = {
        "detail": "open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified on "
        "2018-10-16 (19 U.S.C. 4204(a)(1)(A))",
        "current_state": "congressional_notification",
        "event": "open_negotiations",
        "allowed_events": ["publish_objectives", "suspend", "terminate"],
        "reasons": [
            "open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified on 2018-10-16 "
            "(19 U.S.C. 4204(a)(1)(A))"
        ],
    }


class HistoryConflict(AccordError):
    status, slug, title = 409, "history-conflict", "The history entry cannot be changed this way"


class RoundOutsideNegotiation(AccordError):
    status, slug, title = 409, "round-outside-negotiation", "The agreement was not negotiating on the round's dates"
    example: ClassVar[dict[str, Any]] = {
        "detail": "Agreement 'agr_01M86R170JVN5GVK6Q8XN0P164' was preliminary on 2019-09-23, the round's first day "
        "(since 2019-08-25, reach_preliminary); rounds are recorded only for days it was negotiating",
        "state": "preliminary",
        "on": "2019-09-23",
    }


class RoundConflict(AccordError):
    status, slug, title = 409, "round-conflict", "Rounds are numbered without gaps, in the order they were held"
    example: ClassVar[dict[str, Any]] = {
        "detail": "Round 9 would leave a gap: the next round of agreement 'agr_01M86R0ZECFF390YXQ0ZQQ8E2X' is 8",
        "expected_number": 8,
    }


class LimitReached(AccordError):
    status, slug, title = 409, "limit-reached", "A configured limit of this installation is reached"


class AlreadyExists(AccordError):
    status, slug, title = 409, "already-exists", "A record with this key already exists"
    example: ClassVar[dict[str, Any]] = {
        "detail": "Agreement 'agr_01M86R0ZECFF390YXQ0ZQQ8E2X' already has a consultation with docket USTR-2017-0006",
        "existing_id": "con_01M86R0ZF3TZ7Q8J2K1M4N6P5R",
    }


class IdempotencyInProgress(AccordError):
    status, slug, title = 409, "idempotency-in-progress", "A request with this Idempotency-Key is still running"


class VersionMismatch(AccordError):
    status, slug, title = 412, "version-mismatch", "The agreement has changed since the version you hold"
    example: ClassVar[dict[str, Any]] = {
        "detail": 'If-Match is "3" but the agreement is at version 4; read it again',
        "current_version": 4,
    }


class PayloadTooLarge(AccordError):
    status, slug, title = 413, "payload-too-large", "The request body is too large"


class UnsupportedMediaType(AccordError):
    status, slug, title = 415, "unsupported-media-type", "The request body must be application/json"


class ValidationFailed(AccordError):
    status, slug, title = 422, "validation-error", "The request body or parameters are invalid"
    example: ClassVar[dict[str, Any]] = {
        "detail": "body.parties: List should have at least 2 items",
        "errors": [{"loc": ["body", "parties"], "msg": "List should have at least 2 items", "type": "too_short"}],
    }


class WebhookUrlRefused(AccordError):
    status, slug, title = 422, "webhook-url-refused", "The webhook URL is not allowed"


class IdempotencyKeyReused(AccordError):
    status, slug, title = 422, "idempotency-key-reused", "This Idempotency-Key was used with a different request"


class PreconditionRequired(AccordError):
    status, slug, title = 428, "precondition-required", "This request needs an If-Match header"


class ServiceUnavailable(AccordError):
    status, slug, title = 503, "service-unavailable", "The service is not ready"


class BoardNotConfigured(AccordError):
    status, slug, title = 503, "board-not-configured", "The board is not configured"


PROBLEM_TYPES: dict[str, type[AccordError]] = {
    cls.slug: cls
    for cls in (
        AccordError,
        MalformedRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        InvalidTransition,
        HistoryConflict,
        RoundOutsideNegotiation,
        RoundConflict,
        IdempotencyInProgress,
        VersionMismatch,
        PayloadTooLarge,
        UnsupportedMediaType,
        ValidationFailed,
        IdempotencyKeyReused,
        PreconditionRequired,
        ServiceUnavailable,
        BoardNotConfigured,
        WebhookUrlRefused,
        LimitReached,
        AlreadyExists,
        RequestTimeout,
        HeadersTooLarge,
    )
}


def problem_body(
    status: int, slug: str, title: str, detail: str | None, instance: str | None = None, **ext: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(ext)
    return body


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=body["status"], headers=headers, media_type=PROBLEM_JSON)


_ERROR_MODELS: dict[type[AccordError], type[Problem]] = {
    InvalidTransition: InvalidTransitionProblem,
    VersionMismatch: VersionMismatchProblem,
    ValidationFailed: ValidationProblem,
}


def example_of(error: type[AccordError]) -> dict[str, Any]:
    """openapi.yaml's example of one problem type."""
    example = {"detail": error.title, **error.example}
    return {"summary": error.title, "value": problem_body(error.status, error.slug, error.title, **example)}


def responses(*errors: type[AccordError], body: bool = False) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that may raise `errors`, each with an example. Every route may
    answer 422 and 500; routes with a body also 400, 413 and 415. Main.py moves these schemas to
    problem+json."""
    implied = (MalformedRequest, PayloadTooLarge, UnsupportedMediaType) if body else ()
    declared: dict[int | str, dict[str, Any]] = {}
    for error in (*errors, *implied, ValidationFailed, AccordError):
        model = _ERROR_MODELS.get(error, Problem)
        entry = declared.get(error.status)
        if entry is None:
            entry = declared[error.status] = {
                "model": model,
                "description": error.title,
                "content": {"application/json": {"examples": {}}},
            }
        entry["content"]["application/json"]["examples"].setdefault(error.slug, example_of(error))
        if error.title not in entry["description"]:
            entry["description"] += f"; or: {error.title}"
            if entry["model"] is Problem:
                entry["model"] = model
    return declared


def _validation_issues(exc: RequestValidationError) -> list[dict[str, Any]]:
    # The offending input is not echoed back: it may be large or hold secrets.
    return [
        {
            "loc": [str(p) if not isinstance(p, int) else p for p in e.get("loc", ())],
            "msg": e.get("msg", ""),
            "type": e.get("type", ""),
        }
        for e in exc.errors()
    ]


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Methods of every documented operation on `path` (Starlette's Allow names only the first
    route that matches)."""
    methods: set[str] = set()
    for template, operations in app.openapi()["paths"].items():
        if compile_path(template)[0].match(path):
            methods.update(m.upper() for m in operations)
    return sorted(methods)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(AccordError)
    async def _accord_error(request: Request, exc: AccordError) -> JSONResponse:
        headers = {"Retry-After": "1"} if isinstance(exc, ServiceUnavailable) else exc.headers
        return problem_response(exc.problem(request.url.path), headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = _validation_issues(exc)
        if any(i["loc"] == ["header", "If-Match"] and i["type"] == "missing" for i in issues):
            return problem_response(
                PreconditionRequired("Send If-Match with the ETag from your last read of this agreement").problem(
                    request.url.path
                )
            )
        if any(i["type"] == "json_invalid" for i in issues):
            return problem_response(MalformedRequest("The body is not valid JSON").problem(request.url.path))
        detail = "; ".join(f"{'.'.join(map(str, i['loc']))}: {i['msg']}" for i in issues[:5])
        return problem_response(ValidationFailed(detail, errors=issues).problem(request.url.path))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        known = {
            400: MalformedRequest,
            404: NotFound,
            405: MethodNotAllowed,
            413: PayloadTooLarge,
            415: UnsupportedMediaType,
        }
        error = known.get(exc.status_code)
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 404:
            body = NotFound(f"No route {request.method} {request.url.path}").problem(request.url.path)
        elif exc.status_code == 405:
            # Starlette's Allow names only the first route matching the path; list them all.
            headers["Allow"] = ", ".join(_allowed_methods(app, request.url.path))
            body = MethodNotAllowed(f"{request.url.path} allows {headers['Allow']}").problem(request.url.path)
        elif error is not None:
            body = error(str(exc.detail)).problem(request.url.path)
        else:
            body = problem_body(exc.status_code, "http-error", str(exc.detail), None, request.url.path)
        return problem_response(body, headers or None)

    def _database_unavailable(request: Request, cause: BaseException) -> JSONResponse:
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, type(cause).__name__)
        error = ServiceUnavailable("The database is unavailable; retry shortly")
        return problem_response(error.problem(request.url.path), {"Retry-After": "1"})

    @app.exception_handler(sa_exc.DBAPIError)
    async def _database_error(request: Request, exc: sa_exc.DBAPIError) -> JSONResponse:
        if exc.connection_invalidated or isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return _database_unavailable(request, exc.orig or exc)
        return await _unexpected(request, exc)

    # Connecting to PostgreSQL fails with the socket's own errors, unwrapped by SQLAlchemy.
    for connect_error in (ConnectionError, TimeoutError):
        app.add_exception_handler(connect_error, lambda request, exc: _database_unavailable(request, exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            AccordError("An unexpected error occurred; it has been logged").problem(request.url.path)
        )
