"""Revocation is immediate in the process that revokes, even against a lookup already in flight."""

import asyncio
import contextlib

from service.auth import service as keys
from service.auth.schemas import ApiKeyCreate, Scope
from service.principal import Principal


class _GatedConnection:
    """Runs each query, then waits at the gate before handing back the (buffered) result."""

    def __init__(self, conn, read_done: asyncio.Event, gate: asyncio.Event) -> None:
        self.conn, self.read_done, self.gate = conn, read_done, gate

    async def execute(self, *args, **kwargs):
        result = await self.conn.execute(*args, **kwargs)
        self.read_done.set()
        await self.gate.wait()
        return result


class _GatedDatabase:
    def __init__(self, db) -> None:
        self.db, self.read_done, self.gate = db, asyncio.Event(), asyncio.Event()

    @contextlib.asynccontextmanager
    async def _read(self):
        async with self.db.read() as conn:
            yield _GatedConnection(conn, self.read_done, self.gate)

    def read(self):
        return self._read()

    async def write(self, op):
        return await self.db.write(op)


async def test_a_lookup_in_flight_cannot_bring_a_revoked_key_back(db):
    admin = Principal.system("test")
    created = await keys.create_key(db, admin, ApiKeyCreate(name="racer", scopes=[Scope.AGREEMENTS_READ]))
    keys.KEY_CACHE.invalidate()
    gated = _GatedDatabase(db)
    lookup = asyncio.create_task(keys.authenticate(gated, created.key, cache_seconds=60))
    await gated.read_done.wait()  # it has read the key while it was still valid
    await keys.revoke(db, admin, created.id)
    gated.gate.set()
    await lookup
    # Whatever the in-flight lookup saw, the cache must not hold the key as valid now.
    assert await keys.authenticate(db, created.key, cache_seconds=60) is None


async def test_revocation_ends_requests_at_once(client):
    created = (await client.post("/v1/api-keys", json={"name": "soon-gone", "scopes": ["agreements:read"]})).json()
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert (await client.get("/v1/agreements", headers=headers)).status_code == 200  # now cached
    assert (await client.delete(f"/v1/api-keys/{created['id']}")).status_code == 204
    assert (await client.get("/v1/agreements", headers=headers)).status_code == 401


async def test_the_key_is_checked_before_the_body_is_read(app):
    """A request with a body and no valid key is answered 401 without the body being read."""
    received = []

    async def receive():
        received.append(True)
        return {"type": "http.request", "body": b"{}", "more_body": False}

    sent = []

    async def send(message):
        sent.append(message)

    for authorization in (None, b"Bearer acc_not_a_key"):
        received.clear()
        sent.clear()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"1000000")]
        if authorization:
            headers.append((b"authorization", authorization))
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/v1/agreements",
            "raw_path": b"/v1/agreements",
            "query_string": b"",
            "headers": headers,
            "http_version": "1.1",
            "scheme": "http",
            "server": ("t", 80),
            "client": ("c", 1),
            "root_path": "",
            "asgi": {"version": "3.0"},
        }
        await app(scope, receive, send)
        assert sent[0]["status"] == 401
        assert received == []
