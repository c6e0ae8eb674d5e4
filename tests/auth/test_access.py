"""Access control: every route but health and docs needs a key with the right scope."""

import logging
import re
from datetime import timedelta

import httpx
import sqlalchemy as sa

from service.auth.models import api_keys_table
from service.db import utcnow
from tests.helpers import ADMIN_KEY, JAPAN, create_agreement

# A calendar feed's URL carries its own read-only token instead of an API key.
PUBLIC = {("get", "/healthz"), ("get", "/readyz"), ("get", "/v1/calendar/{token}.ics")}
# A projection writes nothing; it is a POST only because its assumptions are a body.
READS_BY_POST = {("post", "/v1/agreements/{agreement_id}/projection")}
# A read key may create, list and revoke calendar feeds for itself.
READ_SCOPE_MANAGES = ("/v1/calendar-feeds",)
READ_ONLY_ALLOWED_PREFIXES = ("/v1/agreements", "/v1/workflows", "/v1/events", "/v1/event-types", "/v1/deadlines")


async def make_key(client, name: str, *scopes: str, **extra) -> str:
    response = await client.post("/v1/api-keys", json={"name": name, "scopes": list(scopes), **extra})
    assert response.status_code == 201, response.text
    return response.json()["key"]


def operations(app):
    for path, methods in app.openapi()["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        for method in methods:
            yield method, path, concrete


async def test_every_route_needs_a_key_and_the_right_scope(app, client):
    reader = await make_key(client, "reader", "agreements:read")
    anonymous = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test")
    checked = 0
    async with anonymous:
        for method, path, url in operations(app):
            if (method, path) in PUBLIC:
                continue
            body = {} if method in ("post", "patch", "put") else None
            kwargs = {"json": body} if body is not None else {}
            response = await anonymous.request(method.upper(), url, **kwargs)
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.headers["content-type"] == "application/problem+json"

            bad = await anonymous.request(
                method.upper(), url, headers={"Authorization": "Bearer acc_not_a_key"}, **kwargs
            )
            assert bad.status_code == 401, (method, path)

            # A stream admitted would never end here (the ASGI transport waits for the whole
            # response): a forged resume cursor makes it answer 422 once past the key and scope.
            stream = {"Last-Event-ID": "bm9wZQ"} if path.endswith("/stream") else {}
            as_reader = await anonymous.request(
                method.upper(), url, headers={"Authorization": f"Bearer {reader}", **stream}, **kwargs
            )
            readable = (
                (method == "get" and path.startswith(READ_ONLY_ALLOWED_PREFIXES))
                or (method, path) in READS_BY_POST
                or path.startswith(READ_SCOPE_MANAGES)
            )
            if readable:
                assert as_reader.status_code not in (401, 403), (method, path, as_reader.status_code)
            else:
                assert as_reader.status_code == 403, (method, path, as_reader.status_code)
                assert as_reader.json()["type"].endswith("/forbidden")

            as_admin = await client.request(method.upper(), url, headers=stream, **kwargs)
            assert as_admin.status_code not in (401, 403), (method, path, as_admin.status_code)
            checked += 1
    assert checked >= 20


async def test_health_and_docs_need_no_key(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as anonymous:
        for path in ("/healthz", "/readyz", "/openapi.json", "/docs"):
            assert (await anonymous.get(path)).status_code == 200, path


async def test_scopes_separate_reading_writing_and_webhooks(client, app):
    writer = await make_key(client, "writer", "agreements:write")
    hooks = await make_key(client, "hooks", "webhooks:manage")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        as_writer = {"Authorization": f"Bearer {writer}"}
        created = await c.post("/v1/agreements", json=JAPAN, headers=as_writer)
        assert created.status_code == 201
        assert (await c.get(created.headers["location"], headers=as_writer)).status_code == 200  # write implies read
        assert (await c.get("/v1/webhook-endpoints", headers=as_writer)).status_code == 403
        assert (await c.get("/v1/api-keys", headers=as_writer)).status_code == 403
        as_hooks = {"Authorization": f"Bearer {hooks}"}
        assert (await c.get("/v1/webhook-endpoints", headers=as_hooks)).status_code == 200
        assert (await c.get("/v1/agreements", headers=as_hooks)).status_code == 403


async def test_a_key_is_shown_once_and_stored_hashed(client, db):
    response = await client.post("/v1/api-keys", json={"name": "ustr-desk", "scopes": ["agreements:write"]})
    created = response.json()
    key = created["key"]
    assert key.startswith("acc_") and len(key) > 40
    listed = (await client.get("/v1/api-keys")).json()["data"]
    assert key not in str(listed)
    assert any(k["id"] == created["id"] and k["prefix"] == key[:8] for k in listed)
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(api_keys_table))).mappings().all()
    assert key not in str([dict(r) for r in rows])
    assert ADMIN_KEY not in str([dict(r) for r in rows])


async def test_revoked_and_expired_keys_are_refused(client, app, db):
    key = await make_key(client, "temp", "agreements:read")
    soon = await make_key(client, "soon", "agreements:read", expires_at=(utcnow() + timedelta(hours=1)).isoformat())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        assert (await c.get("/v1/agreements", headers={"Authorization": f"Bearer {key}"})).status_code == 200
        key_id = next(k["id"] for k in (await client.get("/v1/api-keys")).json()["data"] if k["name"] == "temp")
        assert (await client.delete(f"/v1/api-keys/{key_id}")).status_code == 204
        refused = await c.get("/v1/agreements", headers={"Authorization": f"Bearer {key}"})
        assert refused.status_code == 401
        assert (await client.get("/v1/api-keys")).json()["data"][-1]["revoked"] in (True, False)

        assert (await c.get("/v1/agreements", headers={"Authorization": f"Bearer {soon}"})).status_code == 200
        await db.write(
            lambda conn: conn.execute(
                sa.update(api_keys_table)
                .where(api_keys_table.c.name == "soon")
                .values(expires_at=utcnow() - timedelta(seconds=1))
            )
        )
        from service.auth.service import KEY_CACHE

        KEY_CACHE.invalidate()  # another process would see the expiry within ACCORD_AUTH_CACHE_SECONDS
        assert (await c.get("/v1/agreements", headers={"Authorization": f"Bearer {soon}"})).status_code == 401


async def test_the_actor_is_the_keys_name_never_the_body(client, app):
    key = await make_key(client, "ustr-desk", "agreements:write")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://accord.test",
        headers={"Authorization": f"Bearer {key}"},
    ) as c:
        agreement = (await c.post("/v1/agreements", json=JAPAN)).json()
        url = f"/v1/agreements/{agreement['id']}/transitions"
        spoofed = await c.post(url, json={"event": "start_domestic_procedures", "actor": "the president"})
        assert spoofed.status_code == 422
        fired = await c.post(url, json={"event": "start_domestic_procedures"})
        assert fired.json()["transition"]["actor"] == "ustr-desk"
        history = (await c.get(url)).json()["data"]
    assert [e["actor"] for e in history] == ["ustr-desk", "ustr-desk"]


async def test_keys_and_secrets_never_reach_the_logs(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    key = await make_key(client, "leak-check", "agreements:write")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        await c.get("/v1/agreements", headers={"Authorization": "Bearer acc_wrong_key_for_the_log_test"})
        await c.get("/v1/agreements", headers={"Authorization": f"Bearer {key}"})
        await c.post("/v1/agreements", json=JAPAN, headers={"Authorization": f"Bearer {key}"})
    endpoint = await client.post("/v1/webhook-endpoints", json={"url": "https://example.com/hook"})
    secret = endpoint.json().get("secret", "")
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for needle in (key, ADMIN_KEY, "acc_wrong_key_for_the_log_test", secret or "unused-needle"):
        assert needle not in text


async def test_metrics_need_an_admin_key(client, app):
    await create_agreement(client)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        assert (await c.get("/metrics")).status_code == 401
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    for name in (
        "accord_http_requests_total",
        "accord_http_request_duration_seconds",
        "accord_transitions_total",
        "accord_webhook_deliveries_total",
        "accord_outbox_oldest_pending_seconds",
        "accord_webhook_deliveries_pending",
    ):
        assert name in metrics.text


async def test_security_headers_and_no_cors_by_default(client):
    response = await client.get("/v1/agreements", headers={"Origin": "https://evil.example"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in response.headers


async def test_only_admins_may_override_a_clock(client, app):
    writer = await make_key(client, "desk", "agreements:write")
    agreement = await create_agreement(client)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://accord.test",
        headers={"Authorization": f"Bearer {writer}"},
    ) as c:
        refused = await c.post(
            f"/v1/agreements/{agreement['id']}/transitions",
            json={"event": "start_domestic_procedures", "override_reason": "sources disagree"},
        )
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("/forbidden")


def test_keys_create_command_prints_a_working_key(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from service.auth.service import hash_key

    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"}
    subprocess.run([accord, "migrate"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [accord, "keys", "create", "--name", "ops", "--scope", "admin"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    key = out[-1]
    assert key.startswith("acc_")
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    with engine.connect() as conn:
        row = conn.execute(sa.select(api_keys_table.c.name, api_keys_table.c.key_hash)).one()
    engine.dispose()
    assert row.name == "ops" and row.key_hash == hash_key(key)


async def test_start_up_logs_the_bootstrap_key_by_name_only(settings, caplog):
    """At info level (the default of `accord serve`), start-up logs the bootstrap key's name."""
    from asgi_lifespan import LifespanManager

    from service.main import create_app

    caplog.set_level(logging.INFO)
    async with LifespanManager(create_app(settings)):
        pass
    assert "bootstrap admin API key added" in caplog.text
    assert ADMIN_KEY not in caplog.text + "".join(str(r.__dict__) for r in caplog.records)
