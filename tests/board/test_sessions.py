"""Board sessions in-process, on SQLite and PostgreSQL: what is stored, how a session ends, and the
board without its secret. (The browser tests in test_board.py run on SQLite only.)"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa
from asgi_lifespan import LifespanManager

from service.board.models import board_sessions_table as S
from service.config import Settings
from service.db import utcnow
from service.main import create_app
from tests.board.conftest import SECRET
from tests.helpers import ADMIN_KEY, AUTH


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(
        database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY, board_session_secret=SECRET
    )


@pytest.fixture
async def person(app):
    """A browser-like client: no Authorization header, cookies kept."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        yield c


async def _sign_in(person: httpx.AsyncClient, key: str = ADMIN_KEY) -> httpx.Response:
    form = (await person.get("/board/sign-in")).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    return await person.post("/board/sign-in", data={"csrf_token": token, "api_key": key})


async def test_a_session_stores_only_hashes_and_the_cookie_only_a_signed_id(person, db):
    response = await _sign_in(person)
    assert response.status_code == 303 and response.headers["location"] == "/board"
    cookie = person.cookies["accord_board"]
    session_id = cookie.rsplit(".", 2)[0]
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(S))).mappings().all()
    assert len(rows) == 1
    row = rows[0]
    assert row["id_hash"] == hashlib.sha256(session_id.encode()).hexdigest()
    assert row["key_hash"] == hashlib.sha256(ADMIN_KEY.encode()).hexdigest()
    assert ADMIN_KEY not in str(dict(row)) and ADMIN_KEY not in cookie and session_id not in str(dict(row))
    assert timedelta(hours=7.9) < row["expires_at"] - row["created_at"] <= timedelta(hours=8)
    assert (await person.get("/board")).status_code == 200
    assert (await person.get("/board/sign-in")).headers["location"] == "/board"  # signed in already


async def test_bad_input_gets_a_page_saying_so_never_a_500(person):
    await _sign_in(person)
    for path, status in (
        ("/board?party=usa", 422),
        ("/board?cursor=not-ours", 422),
        ("/board/agreements/agr_nope", 404),
        ("/board/cards/" + "x" * 300, 404),
        ("/board/stream?after=%00", 422),
    ):
        response = await person.get(path)
        assert response.status_code == status, (path, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")
        assert "Content-Security-Policy" in response.headers


async def test_a_tampered_or_expired_session_sends_back_to_sign_in(person, db):
    await _sign_in(person)
    cookie = person.cookies["accord_board"]
    person.cookies.clear()
    tampered = await person.get("/board", cookies={"accord_board": "x" + cookie[1:]})
    assert tampered.status_code == 303 and tampered.headers["location"] == "/board/sign-in"
    await db.write(lambda conn: conn.execute(sa.update(S).values(expires_at=utcnow() - timedelta(seconds=1))))
    expired = await person.get("/board", cookies={"accord_board": cookie})
    assert expired.status_code == 303 and expired.headers["location"] == "/board/sign-in"


async def test_sign_in_needs_its_form_token_and_a_working_key(person, client):
    no_cookie = await person.post("/board/sign-in", data={"csrf_token": "made-up", "api_key": ADMIN_KEY})
    assert no_cookie.status_code == 403 and "accord_board" not in person.cookies
    wrong = await _sign_in(person, "acc_wrong_0123456789abcdefghijklmnopqrstuvwxyz")
    assert wrong.status_code == 401 and "unknown, revoked or expired" in wrong.text
    assert "acc_wrong" not in wrong.text
    created = (await client.post("/v1/api-keys", json={"name": "hooks", "scopes": ["webhooks:manage"]})).json()
    assert (await _sign_in(person, created["key"])).status_code == 303
    # A key without agreements:read gets the webhooks page, and a page saying why elsewhere.
    assert (await person.get("/board/webhooks")).status_code == 200
    refused = await person.get("/board")
    assert refused.status_code == 403 and "agreements:read" in refused.text


async def test_board_posts_take_forms_only_and_no_api_key(person, client):
    await _sign_in(person)
    as_json = await person.post("/board/sign-out", json={"csrf_token": "x"})
    assert as_json.status_code == 415
    # The API still takes JSON only, and still needs its key before reading a body.
    assert (await client.post("/v1/agreements", data={"title": "x"})).status_code == 415
    async with httpx.AsyncClient(transport=person._transport, base_url="http://accord.test") as anonymous:
        assert (await anonymous.post("/v1/agreements", json={"title": "x"})).status_code == 401


async def test_without_its_secret_the_board_says_it_is_not_configured(database_url):
    settings = Settings(database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY)
    app = create_app(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://accord.test") as c:
            for path in ("/board", "/board/sign-in"):
                response = await c.get(path)
                assert response.status_code == 503 and "ACCORD_BOARD_SESSION_SECRET" in response.text
                assert response.headers["content-type"].startswith("text/html")
            assert (await c.get("/v1/agreements", headers=AUTH)).status_code == 200


async def test_the_board_is_not_in_the_api_contract(app):
    assert not [path for path in app.openapi()["paths"] if path.startswith("/board")]
