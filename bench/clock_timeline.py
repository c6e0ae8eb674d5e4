"""What a statutory-clock check costs on an agreement with a long history (issue 9, item 9).

Builds one `tpa` agreement with N history entries (mostly milestones, some clock triggers) in a
fresh migrated database, then times, on the event loop's thread:
- `full`: reading the whole history and building every Occurrence (what the first build did);
- `reduced`: service/agreements/timeline.py's loader (first and last entry of each clock event);
and checks both give the same clock answers. Usage:

    .venv/bin/python bench/clock_timeline.py [--entries 10000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)


async def main() -> None:
    import sqlalchemy as sa

    from service.agreements.models import agreements_table as A
    from service.agreements.models import transitions_table as T
    from service.agreements.timeline import clock_timeline
    from service.db import Database
    from tests.helpers import create_postgres_database, drop_postgres_database, migrate
    from workflows import Occurrence
    from workflows.trade_agreement import TRADE_AGREEMENT_V2 as V2

    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--database-url", help="PostgreSQL admin URL; SQLite in a temp dir if omitted")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    drop = None
    if args.database_url:
        import tests.helpers as helpers

        helpers.POSTGRES_URL = args.database_url
        url = await create_postgres_database("accord_bench_clock")
        drop = drop_postgres_database
    else:
        url = f"sqlite+aiosqlite:///{tmp}/clock.db"
    await asyncio.to_thread(migrate, url)
    db = Database(url)
    now = datetime.now(UTC)
    events = ["agreement_in_principle"] * 9 + ["notify_intent_to_sign"]
    rows = [
        {"agreement_id": "agr_bench", "sequence": i + 2, "event": events[i % 10], "from_state": "negotiating",
         "to_state": "negotiating", "occurred_at": datetime.combine(date(2018, 1, 1) + timedelta(days=i // 50),
         datetime.min.time(), tzinfo=UTC), "recorded_at": now, "actor": "bench", "note": None, "reference": None,
         "override_reason": None, "clock": None, "days": None}
        for i in range(args.entries)
    ]  # fmt: skip

    def load(conn):
        conn.execute(sa.insert(A), {
            "id": "agr_bench", "title": "Bench", "parties": ["US", "JP"], "sectors": [], "metadata": {},
            "workflow_name": V2.name, "workflow_version": V2.version, "authority": "tpa", "state": "negotiating",
            "suspended_from": None, "version": 1, "created_at": now, "updated_at": now,
        })  # fmt: skip
        conn.execute(sa.insert(T), rows)

    await db.write(load)
    full_query = sa.select(T.c.event, T.c.occurred_at, T.c.clock, T.c.days).where(T.c.agreement_id == "agr_bench")

    def full(conn):
        return [
            Occurrence(r.event, r.occurred_at.date(), r.clock, r.days)
            for r in conn.execute(full_query.order_by(T.c.sequence))
        ]

    def reduced(conn):
        return clock_timeline(conn, "agr_bench", V2, "tpa")

    results = {}
    for name, read in (("full", full), ("reduced", reduced)):
        times = []
        async with db.read() as conn:
            for _ in range(args.repeat):
                started = time.perf_counter()
                timeline = await conn.run_sync(read)
                V2.deadlines("tpa", timeline, today=date(2026, 1, 1), closed=False)
                for event in V2.events:
                    V2.clock_refusals("tpa", event, date(2026, 1, 1), timeline)
                times.append((time.perf_counter() - started) * 1000)
        results[name] = (statistics.median(times), max(times), len(timeline))
    await db.dispose()
    if drop:
        await drop(url)
    print(f"| loader | entries read | median ms | max ms |  ({args.entries} history entries, {db.dialect})")
    print("|---|---:|---:|---:|")
    for name, (median, worst, count) in results.items():
        print(f"| {name} | {count} | {median:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    asyncio.run(main())
