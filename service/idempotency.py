"""Idempotency-Key for writes, as Stripe does it, beneath the router: it wraps a service's write
and stores the service's result, not an HTTP response.

- A key belongs to the API key that sent it (its id, not its name: two keys may share a name).
- The first request with a key claims it (committed at once, so other processes see it).
- Its outcome, the result or a domain error, is stored in the same transaction as its change, so
  a committed change always has its stored result, and a crash leaves only a claim that expires
  after `idempotency_lock_seconds`.
- The same key and command replays the stored outcome; the same key with another command is
  422; a key still running is 409. Keys are kept `idempotency_ttl_hours`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from service.config import Settings
from service.db import Database, JSONType, UTCDateTime, utcnow
from service.errors import AccordError, IdempotencyInProgress, IdempotencyKeyReused, ValidationFailed

MAX_KEY_LENGTH = 255
# The status stored for a result; a stored error keeps its own (4xx).
RESULT = 200
R = TypeVar("R", bound=BaseModel)


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    # The id of the API key that sent it.
    principal: str = Field(primary_key=True, max_length=200)
    key: str = Field(primary_key=True, max_length=MAX_KEY_LENGTH)
    fingerprint: str = Field(max_length=64)
    status_code: int | None = Field(default=None, description="null while the first request runs")
    response_headers: dict[str, str] | None = Field(default=None, sa_type=JSONType)
    response_body: str | None = None
    locked_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


K = IdempotencyKey.__table__


@dataclass(frozen=True)
class Once(Generic[R]):
    """A write's result, and whether it is the stored result of an earlier request."""

    value: R
    replayed: bool = False


class ReplayedProblem(AccordError):
    """The stored error of the first request with this key, sent again as it was."""

    headers = {"Idempotent-Replayed": "true"}

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body.get("detail"))
        self.body = body
        self.status = body["status"]  # type: ignore[misc] - this instance's own status

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        return {**self.body, "instance": instance} if instance else dict(self.body)


@dataclass(frozen=True)
class _Claim:
    principal: str
    key: str
    fingerprint: str


def fingerprint(operation: str, command: Any) -> str:
    """What a request asks for: the operation, its target and its parsed command."""
    canonical = json.dumps(command, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{operation}\n{canonical}".encode()).hexdigest()


def _check_key(key: str) -> None:
    if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationFailed(
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters",
            errors=[{"loc": ["header", "Idempotency-Key"], "msg": "invalid", "type": "idempotency_key"}],
        )


def _where(claim: _Claim) -> sa.ColumnElement[bool]:
    return (K.c.principal == claim.principal) & (K.c.key == claim.key)


def _claim(conn: Connection, claim: _Claim, settings: Settings) -> tuple[int, str] | None:
    """Claim the key, or return the stored (status, body) of the request that holds it."""
    now = utcnow()
    conn.execute(sa.delete(K).where(_where(claim) & (K.c.expires_at <= now)))
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    inserted = conn.execute(
        dialect_insert(K)
        .values(
            principal=claim.principal,
            key=claim.key,
            fingerprint=claim.fingerprint,
            locked_at=now,
            expires_at=now + timedelta(hours=settings.idempotency_ttl_hours),
        )
        .on_conflict_do_nothing()
    )
    if inserted.rowcount == 1:
        return None
    row = conn.execute(sa.select(K).where(_where(claim))).mappings().one()
    if row["fingerprint"] != claim.fingerprint:
        raise IdempotencyKeyReused("Use a new Idempotency-Key for a different request")
    if row["status_code"] is None:
        if row["locked_at"] + timedelta(seconds=settings.idempotency_lock_seconds) > now:
            raise IdempotencyInProgress("Retry once the first request with this key has finished")
        conn.execute(sa.update(K).where(_where(claim)), {"locked_at": now})  # its process died: take over
        return None
    return row["status_code"], row["response_body"]


def _complete(conn: Connection, claim: _Claim, status: int, body: str) -> None:
    conn.execute(sa.update(K).where(_where(claim)), {"status_code": status, "response_body": body})


def _release(conn: Connection, claim: _Claim) -> None:
    conn.execute(sa.delete(K).where(_where(claim)))


def purge_expired(conn: Connection) -> int:
    return conn.execute(sa.delete(K).where(K.c.expires_at <= utcnow())).rowcount


async def once(
    db: Database,
    principal_id: str,
    key: str | None,
    *,
    operation: str,
    command: Any,
    op: Callable[[Connection], R],
    result: type[R],
) -> Once[R]:
    """Run the write `op` in one transaction, at most once per (API key, Idempotency-Key).
    `operation` and `command` (JSON-ready) identify what is asked, to tell a retry from a reuse."""
    if key is None:
        return Once(await db.write(op))
    _check_key(key)
    claim = _Claim(principal_id, key, fingerprint(operation, command))
    stored = await db.write(lambda conn: _claim(conn, claim, db.settings))
    if stored is not None:
        status, body = stored
        if status != RESULT:
            raise ReplayedProblem(json.loads(body))
        return Once(result.model_validate_json(body), replayed=True)

    def op_and_store(conn: Connection) -> R:
        value = op(conn)
        _complete(conn, claim, RESULT, value.model_dump_json())
        return value

    try:
        return Once(await db.write(op_and_store))
    except AccordError as error:
        status, problem = error.status, json.dumps(error.problem())
        await db.write(lambda conn: _complete(conn, claim, status, problem))
        raise
    except BaseException:
        await db.write(lambda conn: _release(conn, claim))
        raise
