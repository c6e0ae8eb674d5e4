"""Deadlines across agreements at scale (issue 11): GET /v1/deadlines from the deadlines table,
against the assembled path it replaced, and what the table costs a transition.

Loads N `tpa` agreements (workflow v3) with dated clock histories straight into a fresh migrated
database (not through the API), padded with milestones no clock reads to --history entries each,
fills the table with `deadlines.rebuild`, checks it with `deadlines.check_consistency`, then
reports on the event loop's thread, in one run:
- `GET /v1/deadlines?due_before=…` (in-process, httpx over ASGI: routing, query, serialization):
  p50/p99 and the longest event-loop stall seen by a 1 ms ticker while the requests ran;
- the path it replaced (every agreement and clock timeline read and computed in Python, as
  `across_agreements` did before the table): the same figures, fewer repetitions;
- the alert scan's read (`alerts._due_alerts`);
- the extra write: a transition that rewrites the agreement's rows (extend_deadline, a clock
  event) against one that does not (agreement_in_principle, a milestone no clock reads), the
  same extend_deadline with the rewrite switched off (its marginal cost), and `rows.refresh`
  alone in its own transaction.

    .venv/bin/python bench/deadlines.py [--agreements 20000] [--history 50] [--database-url URL]

--database-url is a PostgreSQL admin URL: a scratch database is created beside it and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

# The clock events of one agreement's history, as (event, days after its announcement). The
# dates spread the agreements' due dates over ten years, some still ahead of today.
STEPS = [
    ("start_domestic_procedures", 1),
    ("notify_congress", 30),
    ("publish_objectives", 60),
    ("open_negotiations", 130),
    ("notify_intent_to_sign", 400),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Ticker:
    """The longest gap between 1 ms sleeps: how long something held the event loop."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last - 0.001)
            last = now

    def __enter__(self) -> Ticker:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        assert self._task is not None
        self._task.cancel()


async def timed(fn, repeat: int) -> tuple[list[float], float]:
    times = []
    with Ticker() as ticker:
        for _ in range(repeat):
            started = time.perf_counter()
            await fn()
            times.append((time.perf_counter() - started) * 1000)
    return times, ticker.worst * 1000


def load_rows(n: int, history: int, now: datetime) -> tuple[list[dict], list[dict]]:
    from workflows.trade_agreement import TRADE_AGREEMENT_V3 as V3

    agreements, entries = [], []
    start = date.today() - timedelta(days=3650)
    for i in range(n):
        aid = f"agr_bench{i:08d}"
        announced = start + timedelta(days=(i * 7) % 3650)
        # One in twenty ended (its open clocks no longer apply); one in three not yet notified.
        terminated = i % 20 == 0
        steps = STEPS if i % 3 else STEPS[:4]
        agreements.append({
            "id": aid, "title": f"Bench agreement {i}", "parties": ["US", "JP"], "sectors": [], "metadata": {},
            "workflow_name": V3.name, "workflow_version": V3.version, "authority": "tpa",
            "state": "terminated" if terminated else "negotiating", "suspended_from": None, "version": 1,
            "created_at": now, "updated_at": now,
        })  # fmt: skip
        dated = [("announce", 0), *steps]
        dated += [("agreement_in_principle", 400 + k) for k in range(max(0, history - len(dated)))]
        for sequence, (event, offset) in enumerate(dated, start=1):
            at = datetime.combine(announced + timedelta(days=offset), datetime.min.time(), tzinfo=UTC) + timedelta(
                hours=12
            )
            entries.append({
                "agreement_id": aid, "sequence": sequence, "event": event,
                "from_state": None if sequence == 1 else "negotiating", "to_state": "negotiating",
                "occurred_at": min(at, now), "recorded_at": now, "actor": "bench", "note": None,
                "reference": None, "override_reason": None, "clock": None, "days": None,
            })  # fmt: skip
    return agreements, entries


async def main() -> None:
    import httpx
    import sqlalchemy as sa
    from asgi_lifespan import LifespanManager

    from service.agreements import service as agreements
    from service.agreements.models import agreements_table as A
    from service.agreements.models import transitions_table as T
    from service.agreements.schemas import TransitionCreate
    from service.agreements.timeline import clock_date
    from service.config import Settings
    from service.db import utcnow
    from service.deadlines import alerts, rows
    from service.deadlines import service as deadlines
    from service.main import create_app
    from service.principal import Principal
    from tests.helpers import ADMIN_KEY, AUTH, create_postgres_database, drop_postgres_database, migrate

    parser = argparse.ArgumentParser()
    parser.add_argument("--agreements", type=int, default=20_000)
    parser.add_argument("--history", type=int, default=50, help="history entries per agreement")
    parser.add_argument("--database-url", help="PostgreSQL admin URL; SQLite in a temp dir if omitted")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--old-requests", type=int, default=5, help="repetitions of the replaced path")
    parser.add_argument("--transitions", type=int, default=200)
    args = parser.parse_args()

    drop = None
    if args.database_url:
        import tests.helpers as helpers

        helpers.POSTGRES_URL = args.database_url
        url = await create_postgres_database("accord_bench_deadlines")
        drop = drop_postgres_database
    else:
        url = f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/deadlines.db"
    await asyncio.to_thread(migrate, url)
    settings = Settings(database_url=url, log_json=False, bootstrap_admin_key=ADMIN_KEY, deadline_scan_enabled=False)
    app = create_app(settings)
    report: list[str] = []
    async with LifespanManager(app):
        db = app.state.db
        now = utcnow()
        started = time.perf_counter()
        agreement_rows, entries = load_rows(args.agreements, args.history, now)
        for chunk in range(0, len(agreement_rows), 1000):
            await db.write(lambda conn, c=chunk: conn.execute(sa.insert(A), agreement_rows[c : c + 1000]))
        for chunk in range(0, len(entries), 5000):
            await db.write(lambda conn, c=chunk: conn.execute(sa.insert(T), entries[c : c + 5000]))
        entries.clear()
        # A million loaded dicts, once freed, are no part of what is measured: keep the collector
        # from walking the survivors during the timings.
        gc.collect()
        gc.freeze()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        written = await deadlines.rebuild(db)
        rebuilt = time.perf_counter() - started
        started = time.perf_counter()
        problems = await deadlines.check_consistency(db)
        checked = time.perf_counter() - started
        async with db.read() as conn:
            history_rows = (await conn.execute(sa.select(sa.func.count()).select_from(T))).scalar()
        today = clock_date(utcnow())
        due_before = today + timedelta(days=30)
        report.append(
            f"{args.agreements} agreements, {history_rows} history rows, {written} deadline rows ({db.dialect}); "
            f"loaded in {loaded:.1f} s, rebuilt in {rebuilt:.1f} s, checked in {checked:.1f} s: "
            f"{len(problems)} differences"
        )

        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://accord.test", headers=AUTH
        ) as client:

            async def table_page() -> None:
                response = await client.get("/v1/deadlines", params={"due_before": due_before.isoformat()})
                assert response.status_code == 200, response.text

            async def pending_page() -> None:
                params = {"due_before": due_before.isoformat(), "status": "pending"}
                response = await client.get("/v1/deadlines", params=params)
                assert response.status_code == 200, response.text

            async def old_path() -> None:  # across_agreements before the table, limit 200
                found = [
                    d
                    for d in await deadlines.all_deadlines_on(db, today)
                    if d.due_date is not None and d.due_date < due_before
                ]
                found += await deadlines.consultation_deadlines_across(
                    db, today=today, due_before=due_before, limit=200
                )
                found.sort(key=deadlines.order)
                assert len(found[:200]) == 200

            async def alert_scan() -> None:
                await alerts._due_alerts(db, today=today, approaching_days=14)

            async def first_scan() -> None:  # notes the deadlines missed before the agreements were recorded
                await alerts.scan_once(db, approaching_days=14)

            async def scanning() -> None:
                while True:
                    await alert_scan()
                    await asyncio.sleep(0)

            await table_page()  # warm
            results = {
                "GET /v1/deadlines?due_before= (table)": await timed(table_page, args.requests),
                "GET /v1/deadlines?due_before=&status=pending (table)": await timed(pending_page, args.requests),
                "first alert scan, scan_once (reads and notes every past deadline)": await timed(first_scan, 1),
                "alert scan read, _due_alerts, after it": await timed(alert_scan, 20),
            }
            scan = asyncio.create_task(scanning())
            results["GET /v1/deadlines?due_before= while the alert scan runs"] = await timed(table_page, args.requests)
            scan.cancel()
            results["assembled path it replaced (service call)"] = await timed(old_path, args.old_requests)

        # The extra write: a clock event rewrites the agreement's rows; a milestone no clock reads does not.
        principal = Principal.system("bench")
        target = [r["id"] for r in agreement_rows if r["state"] == "negotiating"][: args.transitions]
        clock_event = TransitionCreate(event="extend_deadline", clock="itc_report", days=1)
        milestone = TransitionCreate(event="agreement_in_principle")

        def fire(command: TransitionCreate):
            ids = iter(target * 2)

            async def one() -> None:
                await agreements.transition(db, principal, next(ids), command, expected_version=None)

            return one

        async def refresh_only() -> None:
            aid = target[0]
            async with db.read() as conn:
                row = (await conn.execute(sa.select(A).where(A.c.id == aid))).mappings().one()
            await db.write(lambda conn: rows.refresh(conn, row))

        results["transition, milestone (no rewrite)"] = await timed(fire(milestone), len(target))
        results["transition, extend_deadline (rewrites rows)"] = await timed(fire(clock_event), len(target))
        # The same transition without the table's write: its marginal cost, in the same run.
        refresh = agreements.deadline_rows.refresh
        agreements.deadline_rows.refresh = lambda *args, **kwargs: None
        try:
            results["transition, extend_deadline, rows not rewritten"] = await timed(fire(clock_event), len(target))
        finally:
            agreements.deadline_rows.refresh = refresh
        await deadlines.rebuild(db)  # the skipped rewrites
        results["rows.refresh alone (read the row, then one write)"] = await timed(refresh_only, len(target))
        assert await deadlines.check_consistency(db) == []
    await asyncio.sleep(0)
    if drop:
        await drop(url)
    print(report[0])
    print()
    print("| measure | runs | p50 ms | p99 ms | longest loop stall ms |")
    print("|---|---:|---:|---:|---:|")
    for name, (times, stall) in results.items():
        print(
            f"| {name} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 0.99):.1f} | {stall:.1f} |"
        )


if __name__ == "__main__":
    asyncio.run(main())
