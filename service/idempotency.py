"""Idempotency-Key for POST requests, as Stripe does it.

- The first request with a key claims it (committed at once, so other processes see it).
- Its outcome, success or a domain error, is stored in the same transaction as its change,
  so a committed change always has its stored response, and a crash leaves only a claim that
  expires after `idempotency_lock_seconds`.
- The same key and body replays the stored response (`Idempotent-Replayed: true`); the same key
  with another request is 422; a key still running is 409. Keys are kept `idempotency_ttl_hours`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from service.config import Settings
from service.db import JSONType, UTCDateTime, utcnow
from service.deps import WriteContext
from service.errors import PROBLEM_JSON, AccordError, IdempotencyInProgress, IdempotencyKeyReused, ValidationFailed

MAX_KEY_LENGTH = 255


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    principal: str = Field(primary_key=True, max_length=200)
    key: str = Field(primary_key=True, max_length=MAX_KEY_LENGTH)
    fingerprint: str = Field(max_length=64)
    status_code: int | None = Field(default=None, description="null while the first request runs")
    response_headers: dict[str, str] | None = Field(default=None, sa_type=JSONType)
    response_body: str | None = None
    locked_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


K = IdempotencyKey.__table__


@dataclass
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = "application/json"

    def render(self, *, replayed: bool = False) -> Response:
        headers = dict(self.headers)
        if replayed:
            headers["Idempotent-Replayed"] = "true"
        return Response(self.body, status_code=self.status, headers=headers, media_type=self.media_type)


@dataclass(frozen=True)
class IdempotentRequest:
    principal: str
    key: str
    fingerprint: str


async def idempotent_request(request: Request, key: str | None, principal: str) -> IdempotentRequest | None:
    """The Idempotency-Key of a request, with a fingerprint of what it asks for."""
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters",
            errors=[{"loc": ["header", "Idempotency-Key"], "msg": "invalid length", "type": "idempotency_key"}],
        )
    body = await request.body()
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    digest = hashlib.sha256(f"{request.method} {request.scope['path']}\n".encode() + canonical).hexdigest()
    return IdempotentRequest(principal=principal, key=key, fingerprint=digest)


def _claim(conn: Connection, req: IdempotentRequest, settings: Settings) -> StoredResponse | None:
    now = utcnow()
    where = (K.c.principal == req.principal) & (K.c.key == req.key)
    conn.execute(sa.delete(K).where(where & (K.c.expires_at <= now)))
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    inserted = conn.execute(
        dialect_insert(K)
        .values(
            principal=req.principal,
            key=req.key,
            fingerprint=req.fingerprint,
            locked_at=now,
            expires_at=now + timedelta(hours=settings.idempotency_ttl_hours),
        )
        .on_conflict_do_nothing()
    )
    if inserted.rowcount == 1:
        return None
    row = conn.execute(sa.select(K).where(where)).mappings().one()
    if row["fingerprint"] != req.fingerprint:
        raise IdempotencyKeyReused("Use a new Idempotency-Key for a different request")
    if row["status_code"] is None:
        if row["locked_at"] + timedelta(seconds=settings.idempotency_lock_seconds) > now:
            raise IdempotencyInProgress("Retry once the first request with this key has finished")
        conn.execute(sa.update(K).where(where), {"locked_at": now})  # its process died: take over
        return None
    headers = dict(row["response_headers"] or {})
    media_type = headers.pop("content-type", "application/json")
    return StoredResponse(row["status_code"], row["response_body"], headers, media_type)


def _complete(conn: Connection, req: IdempotentRequest, response: StoredResponse) -> None:
    conn.execute(
        sa.update(K).where((K.c.principal == req.principal) & (K.c.key == req.key)),
        {
            "status_code": response.status,
            "response_body": response.body,
            "response_headers": {**response.headers, "content-type": response.media_type},
        },
    )


def _release(conn: Connection, req: IdempotentRequest) -> None:
    conn.execute(sa.delete(K).where((K.c.principal == req.principal) & (K.c.key == req.key)))


def purge_expired(conn: Connection) -> int:
    return conn.execute(sa.delete(K).where(K.c.expires_at <= utcnow())).rowcount


async def run(
    context: WriteContext,
    request: Request,
    key: str | None,
    op: Callable[[Connection], StoredResponse],
) -> Response:
    """Run the write `op`, once per Idempotency-Key."""
    db, settings, instance = context.db, context.settings, context.path
    req = await idempotent_request(request, key, context.actor)
    if req is None:
        return (await db.write(op)).render()
    stored = await db.write(lambda conn: _claim(conn, req, settings))
    if stored is not None:
        return stored.render(replayed=True)

    def op_and_store(conn: Connection) -> StoredResponse:
        response = op(conn)
        _complete(conn, req, response)
        return response

    try:
        return (await db.write(op_and_store)).render()
    except AccordError as error:
        problem = StoredResponse(error.status, json.dumps(error.problem(instance)), media_type=PROBLEM_JSON)
        await db.write(lambda conn: _complete(conn, req, problem))
        raise
    except BaseException:
        await db.write(lambda conn: _release(conn, req))
        raise
