"""The API's own documentation: the OpenAPI document's description, and the /docs (Swagger UI)
and /redoc pages. Their scripts and styles are vendored in service/static/vendor/ and served by
Accord, so the pages work without internet access; like /openapi.json they need no API key."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"
STATIC_URL = "/static"
SWAGGER_UI = f"{STATIC_URL}/vendor/swagger-ui"
REDOC = f"{STATIC_URL}/vendor/redoc"

DESCRIPTION = """\
Accord tracks trade agreements through their negotiation lifecycle as auditable state machines.
It refuses events the workflow does not allow and says why, keeps an append-only dated history of
every change, and publishes signed webhooks. Everything is under `/v1`, JSON in and out.

## Quick start

1. On the server's machine, `make run`: it migrates `./accord.db` (SQLite), loads the seed
   agreements, serves on http://127.0.0.1:8000 and prints a local admin API key (kept in
   `.accord-admin-key`).
2. List the agreements:

   ```sh
   curl -s 127.0.0.1:8000/v1/agreements -H "Authorization: Bearer $(cat .accord-admin-key)"
   ```
3. Record a transition on one of them (take an `id` from the list;
   `GET /v1/agreements/{id}/available-transitions` says which events are allowed now):

   ```sh
   curl -s -X POST 127.0.0.1:8000/v1/agreements/<id>/transitions \\
     -H "Authorization: Bearer $(cat .accord-admin-key)" -H 'Content-Type: application/json' \\
     -H "Idempotency-Key: $(uuidgen)" -d '{"event": "suspend", "note": "talks paused"}'
   ```

## Authentication

Every route needs `Authorization: Bearer <API key>`, except `/healthz`, `/readyz`,
`/openapi.json` and these documentation pages (here, **Authorize** takes the key). Keys look like
`acc_...`. The first admin key comes from the command line, `accord keys create --name ops --scope
admin`, which prints it once; admins make more with `POST /v1/api-keys`. Accord keeps only a hash
of each key. No key, or an unknown, revoked or expired one, gets 401 with `WWW-Authenticate:
Bearer`; a key without the route's scope gets 403.

| scope | allows |
|---|---|
| `agreements:read` | reading agreements, history, workflows, deadlines and the event feed |
| `agreements:write` | creating, changing and transitioning agreements (and reading them) |
| `webhooks:manage` | webhook endpoints, deliveries, redelivery and replay |
| `admin` | everything, including `/v1/api-keys`, `/metrics` and clock overrides |

The key's name is recorded as the `actor` of every change made with it.

## Errors

Every error is an RFC 9457 `application/problem+json` body: `type` (a URI naming the kind of
problem), `title`, `status`, `detail`, and members that depend on the type. Each operation below
lists the problems it can return. A refused transition is a 409 `invalid-transition` naming the
`current_state`, the `event` and the `allowed_events`, with the reasons (a statutory clock, its
trigger date, the earliest allowed date and the legal basis). Validation errors (422) carry
`errors`, each with the `loc` of the problem. A 503 (the database is busy or unreachable, or
the server is at its connection limit) carries `Retry-After`: retry after that many seconds.

## Idempotency keys

Send `Idempotency-Key` (any unique string, e.g. a UUID) on a POST to retry it safely. The same key
with the same body replays the first response, errors included, with `Idempotent-Replayed: true`;
with a different body it is a 422 `idempotency-key-reused`; while the first request is still
running it is a 409 `idempotency-in-progress`. Keys are kept 24 hours and belong to the API key
that sent them.

## Pagination

Lists return `{"data": [...], "next_cursor": ...}`, oldest first. Pass `next_cursor` back as
`cursor` for the next page, with `limit` for its size; `next_cursor` is `null` on the last page.
Cursors are opaque keyset positions: stable while rows are inserted.

## Concurrency: ETag and If-Match

An agreement's `version` grows by one on every change and is its `ETag` (`"7"`). Send it back in
`If-Match` to make a change conditional: if someone changed the agreement first, the answer is 412
`version-mismatch`. `PATCH /v1/agreements/{id}` requires `If-Match` (428 without); transitions
accept it. `If-None-Match` on `GET /v1/agreements/{id}` gives 304 when nothing changed.
"""

router = APIRouter(include_in_schema=False)


def _root(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_swagger_ui_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} API",
        swagger_js_url=f"{root}{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url=f"{root}{SWAGGER_UI}/favicon-32x32.png",
        # The online validator badge would send the document to validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_redoc_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} API",
        redoc_js_url=f"{root}{REDOC}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{SWAGGER_UI}/favicon-32x32.png",
        with_google_fonts=False,
    )


def install(app: FastAPI) -> None:
    """/docs, /redoc and the files they load, under /static. Create the app with docs_url=None
    and redoc_url=None: FastAPI's own pages load them from a CDN."""
    app.include_router(router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="static")
