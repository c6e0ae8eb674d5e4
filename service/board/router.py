"""The board's pages: parse, check the session and its CSRF token, call the services, render.

None of these routes is in the OpenAPI document (include_in_schema=False): the API's contract and
SDK stay as they are. Every response carries the board's security headers (BoardRoute); the
app-wide ones (X-Frame-Options: DENY, nosniff, Referrer-Policy) come from RequestLog.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import ValidationError
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.datastructures import FormData
from starlette.staticfiles import StaticFiles

from service.agreements import service as agreements
from service.agreements.schemas import AUTHORITIES, TransitionCreate
from service.board import service
from service.board.service import Session
from service.config import Settings
from service.db import Database
from service.deps import DB
from service.errors import (
    AccordError,
    BoardNotConfigured,
    Forbidden,
    InvalidTransition,
    ValidationFailed,
    VersionMismatch,
)
from service.exports import calendar
from service.exports.schemas import CalendarFeedCreate
from service.pagination import Cursor
from service.principal import Scope
from service.webhooks import service as webhooks
from service.webhooks.schemas import ReplayRequest

HERE = Path(__file__).parent
SESSION_COOKIE = "accord_board"
SIGN_IN_COOKIE = "accord_board_sign_in"
PAGE_SIZE = 60
TIMELINE_PAGE = 100
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
PAGE_HEADERS = {"Content-Security-Policy": CSP, "Cache-Control": "no-store"}

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
static = StaticFiles(directory=HERE / "static")


class SignInRequired(Exception):
    """No session, or it ended: the route answers with the sign-in page."""


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    body = templates.get_template(name).render(request=request, scopes=Scope, **context)
    return HTMLResponse(body, status_code=status)


class BoardRoute(APIRoute):
    """Errors become pages (never a 500 or a JSON problem in a browser), and every response gets
    the board's Content-Security-Policy and Cache-Control: no-store."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                response = await handler(request)
            except SignInRequired:
                response = RedirectResponse("/board/sign-in", status_code=303)
                response.delete_cookie(SESSION_COOKIE, path="/board", httponly=True, samesite="strict")
            except AccordError as error:
                response = render(request, "error.html", error.status, error=error.problem(request.url.path))
            except RequestValidationError as error:
                problem = ValidationFailed(
                    "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5])
                ).problem(request.url.path)
                response = render(request, "error.html", 422, error=problem)
            for name, value in PAGE_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return page


router = APIRouter(prefix="/board", route_class=BoardRoute, include_in_schema=False)


# -- sessions ---------------------------------------------------------------------------------


async def _settings(request: Request) -> Settings:
    settings = request.app.state.settings
    if settings.board_session_secret is None:
        raise BoardNotConfigured(
            "Set ACCORD_BOARD_SESSION_SECRET (a long random value, the same in every process) to use the board. "
            "The API works without it; `make run` makes one for you."
        )
    return settings


BoardSettings = Annotated[Settings, Depends(_settings)]


async def _session(request: Request, db: DB, settings: BoardSettings) -> Session:
    session = await service.session_of(db, settings, request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise SignInRequired
    # For the access log only, as the API does.
    request.scope.setdefault("state", {})["actor"] = session.principal.name
    return session


CurrentSession = Annotated[Session, Depends(_session)]


def _require(session: Session, scope: Scope) -> None:
    if not session.may(scope):
        raise Forbidden(f"This key ({session.principal.name}) lacks the {scope.value} scope")


async def _form(request: Request, session: Session | None = None) -> FormData:
    """The posted form, with its CSRF token checked against the session's."""
    form = await request.form(max_files=0, max_fields=20)
    if session is not None and not _same(form.get("csrf_token"), session.csrf_token):
        raise Forbidden("The form's CSRF token does not match this session; open the page again and retry")
    return form


def _same(sent: Any, expected: str) -> bool:
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), expected.encode())


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _sign_in_page(request: Request, settings: Settings, *, error: str | None = None, status: int = 200) -> Response:
    token, cookie = service.new_sign_in_token(settings)
    response = render(request, "sign_in.html", status, csrf_token=token, error=error, session=None)
    response.set_cookie(
        SIGN_IN_COOKIE,
        cookie,
        max_age=service.SIGN_IN_SECONDS,
        path="/board",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


@router.get("/sign-in")
async def board_sign_in_form(request: Request, db: DB, settings: BoardSettings) -> Response:
    if await service.session_of(db, settings, request.cookies.get(SESSION_COOKIE)) is not None:
        return RedirectResponse("/board", status_code=303)
    return _sign_in_page(request, settings)


@router.post("/sign-in")
async def board_sign_in(request: Request, db: DB, settings: BoardSettings) -> Response:
    form = await _form(request)
    if not service.sign_in_token_ok(settings, request.cookies.get(SIGN_IN_COOKIE), form.get("csrf_token")):
        return _sign_in_page(request, settings, error="The form had expired. Paste the key again.", status=403)
    key = form.get("api_key")
    signed = await service.sign_in(db, settings, key.strip()) if isinstance(key, str) and key.strip() else None
    if signed is None:
        return _sign_in_page(request, settings, error="That API key is unknown, revoked or expired.", status=401)
    cookie, _expires_at = signed
    response = RedirectResponse("/board", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(settings.board_session_hours * 3600),
        path="/board",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    response.delete_cookie(SIGN_IN_COOKIE, path="/board", httponly=True, samesite="strict")
    return response


@router.post("/sign-out")
async def board_sign_out(request: Request, db: DB, session: CurrentSession) -> Response:
    await _form(request, session)
    await service.sign_out(db, session.id_hash)
    response = RedirectResponse("/board/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/board", httponly=True, samesite="strict")
    return response


# -- the board --------------------------------------------------------------------------------

PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
State = Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)]
Party = Annotated[str | None, Query(max_length=2, pattern=r"^([A-Z]{2})?$")]
Authority = Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)]
Words = Annotated[str | None, Query(max_length=200, pattern=PRINTABLE)]


@router.get("")
async def board_page(
    request: Request,
    db: DB,
    session: CurrentSession,
    state: State = None,
    party: Party = None,
    authority: Authority = None,
    q: Words = None,
    cursor: Cursor = None,
) -> Response:
    _require(session, Scope.AGREEMENTS_READ)
    filters = {"state": state or None, "party": party or None, "authority": authority or None, "q": q or None}
    page = await service.board(db, **filters, cursor=cursor, limit=PAGE_SIZE)
    kept = {k: v for k, v in filters.items() if v}
    return render(
        request,
        "board.html",
        session=session,
        page=page,
        filters=filters,
        authorities=AUTHORITIES,
        next_url=f"/board?{urlencode({**kept, 'cursor': page.next_cursor})}" if page.next_cursor else None,
        first_url=f"/board?{urlencode(kept)}" if cursor else None,
        feed_end=await webhooks.feed_end(db),
    )


@router.get("/cards/{agreement_id}")
async def board_card(request: Request, agreement_id: str, db: DB, session: CurrentSession) -> Response:
    """One card, for the live updates to swap in."""
    _require(session, Scope.AGREEMENTS_READ)
    card = await service.card(db, agreement_id)
    return render(request, "_card.html", card=card)


# -- an agreement -----------------------------------------------------------------------------


async def _agreement_page(
    request: Request,
    db: Database,
    session: Session,
    agreement_id: str,
    *,
    cursor: str | None = None,
    status: int = 200,
    **context: Any,
) -> Response:
    page = await service.agreement_page(db, agreement_id, cursor=cursor, limit=TIMELINE_PAGE)
    return render(
        request,
        "agreement.html",
        status,
        session=session,
        page=page,
        feed_end=await webhooks.feed_end(db),
        next_url=f"/board/agreements/{agreement_id}?{urlencode({'cursor': page.next_cursor})}"
        if page.next_cursor
        else None,
        **context,
    )


@router.get("/agreements/{agreement_id}")
async def board_agreement(
    request: Request,
    agreement_id: str,
    db: DB,
    session: CurrentSession,
    cursor: Cursor = None,
    recorded: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    _require(session, Scope.AGREEMENTS_READ)
    return await _agreement_page(request, db, session, agreement_id, cursor=cursor, recorded=recorded)


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


@router.post("/agreements/{agreement_id}/events")
async def board_record_event(request: Request, agreement_id: str, db: DB, session: CurrentSession) -> Response:
    """Record an event with the version the page was read at (the API's If-Match): a page that is
    stale says so rather than overwrite."""
    _require(session, Scope.AGREEMENTS_WRITE)
    form = await _form(request, session)
    sent = {k: _text(form, k) for k in ("event", "occurred_at", "note", "reference")}
    version = _text(form, "version")
    refusal: dict[str, Any] | None = None
    try:
        if version is None or not version.isdigit():
            raise ValidationFailed("The form lacks the agreement's version; open the page again")
        command = TransitionCreate.model_validate({k: v for k, v in sent.items() if v is not None})
        done = await agreements.transition(db, session.principal, agreement_id, command, expected_version=int(version))
    except ValidationError as error:
        refusal = {
            "kind": "invalid",
            "detail": "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5]),
        }
    except VersionMismatch:
        refusal = {"kind": "stale", "detail": "This agreement changed since you opened the page."}
    except InvalidTransition as error:
        refusal = {"kind": "refused", "detail": error.detail, "reasons": error.extensions.get("reasons") or []}
    except ValidationFailed as error:
        refusal = {"kind": "invalid", "detail": error.detail}
    if refusal is not None:
        status = {"stale": 412, "refused": 409}.get(refusal["kind"], 422)
        return await _agreement_page(request, db, session, agreement_id, status=status, refusal=refusal, sent=sent)
    sequence = done.value.transition.sequence
    return RedirectResponse(f"/board/agreements/{agreement_id}?recorded={sequence}#entry-{sequence}", status_code=303)


# -- deadlines --------------------------------------------------------------------------------


@router.get("/deadlines")
async def board_deadlines(request: Request, db: DB, session: CurrentSession) -> Response:
    _require(session, Scope.AGREEMENTS_READ)
    return await _deadlines_page(request, db, session)


async def _deadlines_page(request: Request, db: Database, session: Session, **context: Any) -> Response:
    page = await service.deadlines_page(db, limit=200)
    return render(
        request,
        "deadlines.html",
        session=session,
        upcoming=page.upcoming,
        missed=page.missed,
        titles=page.titles,
        **context,
    )


@router.post("/calendar-feeds")
async def board_create_calendar_feed(request: Request, db: DB, session: CurrentSession) -> Response:
    """A calendar feed (a token for the .ics URL, not an API key): its URL is shown once, here."""
    _require(session, Scope.AGREEMENTS_READ)
    await _form(request, session)
    created = await calendar.create(db, session.principal, CalendarFeedCreate(name="board"))
    url = str(request.base_url).rstrip("/") + created.url
    return await _deadlines_page(request, db, session, feed_url=url)


# -- webhooks ---------------------------------------------------------------------------------


@router.get("/webhooks")
async def board_webhooks(request: Request, db: DB, session: CurrentSession) -> Response:
    _require(session, Scope.WEBHOOKS_MANAGE)
    return await _webhooks_page(request, db, session)


async def _webhooks_page(request: Request, db: Database, session: Session, **context: Any) -> Response:
    return render(request, "webhooks.html", session=session, endpoints=await service.webhooks_page(db), **context)


@router.post("/webhooks/{endpoint_id}/deliveries/{delivery_id}/redeliver")
async def board_redeliver(
    request: Request, endpoint_id: str, delivery_id: str, db: DB, session: CurrentSession
) -> Response:
    _require(session, Scope.WEBHOOKS_MANAGE)
    await _form(request, session)
    delivery = await webhooks.redeliver(db, session.principal, endpoint_id, delivery_id)
    return await _webhooks_page(request, db, session, notice=f"Delivery {delivery.id} queued: {delivery.event_type}")


@router.post("/webhooks/{endpoint_id}/replay")
async def board_replay(request: Request, endpoint_id: str, db: DB, session: CurrentSession) -> Response:
    _require(session, Scope.WEBHOOKS_MANAGE)
    form = await _form(request, session)
    try:
        since = date.fromisoformat(_text(form, "since") or "")
        window = ReplayRequest.model_validate({"since": f"{since.isoformat()}T00:00:00Z"})
    except (ValueError, ValidationError):
        raise ValidationFailed("since: give a date, YYYY-MM-DD, in the past") from None
    result = await webhooks.replay(db, session.principal, endpoint_id, window)
    return await _webhooks_page(request, db, session, notice=f"{result.deliveries} deliveries queued")


# -- live updates -----------------------------------------------------------------------------


@router.get("/stream")
async def board_stream(
    request: Request,
    db: DB,
    settings: BoardSettings,
    session: CurrentSession,
    after: Cursor = None,
    last_event_id: Annotated[
        str | None, Header(alias="Last-Event-ID", max_length=512, pattern=r"^[A-Za-z0-9_-]+$")
    ] = None,
) -> Response:
    """The event feed for this session's pages, live: GET /v1/events/stream's own loop, ended
    when the session or its key is."""
    _require(session, Scope.AGREEMENTS_READ)
    resume = last_event_id or after

    async def still_allowed() -> bool:
        return await service.still_signed_in(db, settings, session.id_hash)

    events = webhooks.stream_events(
        db, request.app.state.feed_signal, after=resume, type=None, agreement_id=None,
        include_endpoint_events=False, poll_seconds=settings.event_stream_poll_seconds, still_allowed=still_allowed,
    )  # fmt: skip

    async def messages() -> AsyncIterator[ServerSentEvent]:
        async for cursor, event in events:
            data = {"type": event.type, "agreement_id": event.agreement_id}
            yield ServerSentEvent(id=cursor, data=_json(data))

    return EventSourceResponse(messages(), ping=15, headers={"Cache-Control": "no-store"})


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"))


def install(app: Any) -> None:
    """The board's routes and its static files (served by Accord: no CDN)."""
    app.include_router(router)
    app.mount("/board/static", static, name="board-static")
