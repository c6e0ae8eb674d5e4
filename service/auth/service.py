"""Creating, listing, revoking and checking API keys."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from ulid import ULID

from service.auth.models import api_keys_table as K
from service.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut, Scope
from service.db import Database, utcnow
from service.errors import NotFound, ValidationFailed
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal

KEY_PREFIX = "acc_"
BOOTSTRAP_NAME = "bootstrap-admin"
MIN_BOOTSTRAP_LENGTH = 32
# last_used_at is written at most this often per key: a write per request would cost the hot path.
TOUCH_INTERVAL = timedelta(minutes=1)

# Everything about a key but its hash: what is never selected is never logged.
_PUBLIC_COLUMNS = [c for c in K.c if c.name != "key_hash"]
_LOOKUP = sa.select(*_PUBLIC_COLUMNS).where(K.c.key_hash == sa.bindparam("key_hash"))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def _out(row) -> ApiKeyOut:
    return ApiKeyOut(
        id=row["id"],
        name=row["name"],
        scopes=row["scopes"],
        prefix=row["prefix"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        expires_at=row["expires_at"],
        revoked=row["revoked_at"] is not None,
    )


def create(conn: Connection, data: ApiKeyCreate, *, key: str | None = None, key_id: str | None = None) -> ApiKeyCreated:
    now = utcnow()
    if data.expires_at is not None and data.expires_at <= now:
        raise ValidationFailed(
            "expires_at is in the past",
            errors=[{"loc": ["body", "expires_at"], "msg": "is in the past", "type": "past_date"}],
        )
    key = key or new_key()
    row = {
        "id": key_id or f"key_{ULID()}",
        "name": data.name,
        "scopes": sorted({s.value for s in data.scopes}),
        "key_hash": hash_key(key),
        "prefix": key[:8],
        "created_at": now,
        "last_used_at": None,
        "expires_at": data.expires_at,
        "revoked_at": None,
    }
    conn.execute(sa.insert(K), row)
    return ApiKeyCreated(**_out(row).model_dump(), key=key)


_BOOTSTRAP_LOCK = 0x4B455953  # "KEYS": an advisory lock key of its own


def ensure_bootstrap(conn: Connection, key: str) -> bool:
    """Make `key` a working admin key named bootstrap-admin; True if it was added now."""
    if len(key) < MIN_BOOTSTRAP_LENGTH:
        raise ValueError(f"ACCORD_BOOTSTRAP_ADMIN_KEY must be at least {MIN_BOOTSTRAP_LENGTH} characters")
    if conn.dialect.name == "postgresql":
        # Every worker of `accord serve --workers N` runs this at start: the first adds the key,
        # the others wait here and then find it (without the lock, one failed on the unique hash
        # and uvicorn stopped the whole server).
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_BOOTSTRAP_LOCK)))
    if conn.execute(sa.select(K.c.id).where(K.c.key_hash == hash_key(key))).first() is not None:
        return False
    create(conn, ApiKeyCreate(name=BOOTSTRAP_NAME, scopes=[Scope.ADMIN]), key=key)
    return True


async def create_key(db: Database, principal: Principal, data: ApiKeyCreate) -> ApiKeyCreated:
    return await db.write(lambda conn: create(conn, data))


async def revoke(db: Database, principal: Principal, key_id: str) -> ApiKeyOut:
    def op(conn: Connection) -> ApiKeyOut:
        row = (
            conn.execute(sa.select(*_PUBLIC_COLUMNS).where(K.c.id == key_id)).mappings().first()
            if _short(key_id)
            else None
        )
        if row is None:
            raise NotFound(f"No API key {key_id!r}")
        revoked_at = row["revoked_at"] or utcnow()
        conn.execute(sa.update(K).where(K.c.id == key_id), {"revoked_at": revoked_at})
        return _out({**row, "revoked_at": revoked_at})

    try:
        return await db.write(op)
    finally:
        # After the commit: a lookup that read the key before it would otherwise cache it again.
        KEY_CACHE.invalidate()


def _short(value: str) -> bool:
    return len(value) <= 64 and value.isprintable()


async def list_keys(db: Database, *, limit: int, cursor: str | None) -> Page[ApiKeyOut]:
    after = decode_cursor("api_keys", cursor, str)
    query = sa.select(*_PUBLIC_COLUMNS).order_by(K.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(K.c.id > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "api_keys", _out, key=lambda k: k.id)


class _KeyCache:
    """Recently checked keys, by hash, for `ttl` seconds: a database read per request would
    cost the hot path. A revocation in this process invalidates it at once; in another process
    it takes effect within `ttl` (ACCORD_AUTH_CACHE_SECONDS).

    `generation` closes a race: a lookup that read the database before a revocation committed
    and finishes after it must not put the stale answer back. It fills the cache only if no
    invalidation happened since it started."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, Principal | None]] = {}
        self.generation = 0

    def get(self, key_hash: str, ttl: float) -> tuple[bool, Principal | None]:
        entry = self._entries.get(key_hash)
        if entry is None or time.monotonic() - entry[0] > ttl:
            return False, None
        return True, entry[1]

    def put(self, key_hash: str, principal: Principal | None, *, generation: int) -> None:
        if generation != self.generation:
            return
        if len(self._entries) > 10_000:  # unknown keys must not grow it without bound
            self._entries.clear()
        self._entries[key_hash] = (time.monotonic(), principal)

    def invalidate(self) -> None:
        self.generation += 1
        self._entries.clear()


KEY_CACHE = _KeyCache()


async def authenticate(db: Database, key: str, *, cache_seconds: float) -> Principal | None:
    """The principal a key stands for, or None if it is unknown, revoked or expired."""
    return await authenticate_hash(db, hash_key(key), cache_seconds=cache_seconds)


async def authenticate_hash(db: Database, key_hash: str, *, cache_seconds: float) -> Principal | None:
    """`authenticate` by the key's hash: the board's sessions keep the hash, never the key."""
    found, principal = KEY_CACHE.get(key_hash, cache_seconds)
    while not found:
        generation = KEY_CACHE.generation
        async with db.read() as conn:
            row = (await conn.execute(_LOOKUP, {"key_hash": key_hash})).mappings().first()
        principal = None
        if row is not None and row["revoked_at"] is None:
            principal = Principal(
                row["id"], row["name"], frozenset(row["scopes"]), row["expires_at"], row["last_used_at"]
            )
        # A revocation committed while this lookup ran: read again, after it.
        found = generation == KEY_CACHE.generation
        KEY_CACHE.put(key_hash, principal, generation=generation)
    now = utcnow()
    if principal is None or (principal.expires_at is not None and principal.expires_at <= now):
        return None
    if principal.last_used_at is None or now - principal.last_used_at > TOUCH_INTERVAL:
        touched = Principal(principal.key_id, principal.name, principal.scopes, principal.expires_at, now)
        KEY_CACHE.put(key_hash, touched, generation=KEY_CACHE.generation)
        await db.write(lambda conn: conn.execute(sa.update(K).where(K.c.id == principal.key_id), {"last_used_at": now}))
    return principal
