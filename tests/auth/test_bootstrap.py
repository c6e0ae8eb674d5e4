"""The bootstrap admin key when several workers start at once (`accord serve --workers N`): each
runs ensure_bootstrap; exactly one adds the key and none fails (one used to fail on the unique
key hash, and uvicorn then stopped the whole server)."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from service.auth import service as keys
from service.auth.models import api_keys_table as K
from service.db import Database

KEY = "acc_test_bootstrap_for_several_workers_0123456789"


async def test_several_workers_bootstrap_one_key(db, database_url):
    workers = [Database(database_url) for _ in range(4)]
    try:
        # Connected first, so the four start together rather than one connection setup apart.
        await asyncio.gather(*(w.write(lambda conn: conn.execute(sa.text("SELECT 1"))) for w in workers))
        added = await asyncio.gather(*(w.write(lambda conn: keys.ensure_bootstrap(conn, KEY)) for w in workers))
    finally:
        for w in workers:
            await w.dispose()
    assert sorted(added) == [False, False, False, True]
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(K.c.name).where(K.c.key_hash == keys.hash_key(KEY)))).all()
    assert [r.name for r in rows] == [keys.BOOTSTRAP_NAME]
