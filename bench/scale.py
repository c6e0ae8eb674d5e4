"""Every figure of issue 11 at a million rows: 20,000 `tpa` agreements, 1,000,000 history rows and
1,000,000 events against a small database, in one run.

For each of a small and a large database (a SQLite file, or a scratch PostgreSQL database beside
--database-url, dropped at the end) the script migrates it and bulk-loads it directly, not through
the API (executemany on SQLite, COPY on PostgreSQL):
- agreements and histories from bench/agreement_list.py's generator (valid walks of the v3
  workflow), under `tpa` so their statutory clocks apply; each agreement's `version` is its last
  history sequence, as the service keeps it;
- one event per history row, shaped as the outbox writes it (`agreement.created` for the first
  entry, `agreement.transitioned` after: {"transition", "agreement"}), already fanned out
  (`fanned_out_at` set, no cursor; on PostgreSQL `tx` older than any running transaction) and
  no webhook endpoint, so the dispatcher has nothing to deliver;
- the deadlines table, by `deadlines.rebuild` with big batches (timed);
- the search side tables, by the triggers of migration 0016 as the rows arrive.
Then it checks them (a failed check fails the script): the search indexes, the deadlines table
against a full recomputation, the event count, and every agreement's version and state against
its last history row. Then it starts a real `accord serve` and times, one request at a time:
transitions (suspend/resume on `tpa` agreements in negotiation), quiet and beside CPU-burning
processes; the deadlines, list, history and event-feed reads, quiet, beside the CPU burners, and
while the deadline alert scan runs back to back in the server (ACCORD_DEADLINE_SCAN_INTERVAL_SECONDS);
and the server's RSS at the end. It prints a Markdown table and writes it to
bench/results/scale-<db>.md and .json.

    .venv/bin/python bench/scale.py                                   # SQLite
    .venv/bin/python bench/scale.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # import service and bench from this checkout

from bench.agreement_list import AS_OF, RARE_PARTY, STAMP, generate, load_postgres, load_sqlite  # noqa: E402
from bench.transition_rate import (  # noqa: E402
    BENCH_KEY,
    drop_database,
    fresh_database,
    rss_kb,
    start_server,
    stop_server,
    wait_ready,
)
from service.agreements import search  # noqa: E402
from service.cli import migrate  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import Database  # noqa: E402
from service.deadlines import service as deadlines  # noqa: E402
from service.pagination import encode_cursor  # noqa: E402

RESULTS = ROOT / "bench" / "results"
CPU_BURNER = "while True: pass"
TARGETS = {"transition": "p50 ratio ≤ 1.25×, also under load", "read": "p99 ≤ 50 ms", "rss": "≤ 150 MB"}
STAMP_JSON = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- load ------------------------------------------------------------------------------------------


def event_json(agreement: tuple, sequence: int, entry: tuple) -> str:
    """The event of one history row as the outbox writes it (service/agreements/events.py
    `payload`: the transition result whole), the agreement as it stood after the row."""
    aid, title, parties, _state, _from = agreement
    event, from_state, to_state, occurred = entry[2], entry[3], entry[4], entry[5]
    transition = {
        "sequence": sequence, "event": event, "from_state": from_state, "to_state": to_state,
        "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"), "recorded_at": STAMP_JSON, "actor": "bench",
        "note": None, "reference": None, "override_reason": None, "clock": None, "days": None,
        "voided_at": None, "voided_by": None, "void_reason": None, "corrections": [],
    }  # fmt: skip
    body = {
        "id": aid, "title": title, "parties": json.loads(parties), "sectors": [], "metadata": {},
        "workflow": {"name": "trade-agreement", "version": 3}, "authority": "tpa", "state": to_state,
        "version": sequence, "created_at": STAMP_JSON, "updated_at": STAMP_JSON, "as_of": None,
        "exemptions": [], "unrecorded": [], "provisions": [], "wto_notifications": [],
    }  # fmt: skip
    return json.dumps({"transition": transition, "agreement": body}, separators=(",", ":"))


def event_time(n: int) -> datetime:
    """When event n was written and fanned out: a millisecond apart, as the dispatcher stamps
    them (each fan-out step its own time). Before migration 0018, one shared time with ANALYZE
    statistics made SQLite scan the whole table for the fan-out's first unfanned event
    (docs/performance.md); the partial index ix_events_unfanned does not depend on it."""
    return STAMP + timedelta(milliseconds=n)


def dataset(agreements: int, history_rows: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """(agreement rows with their version, history rows, event rows) in load order."""
    rows, entries = generate(agreements, history_rows)
    by_id = {r[0]: r for r in rows}
    last: dict[str, int] = {}
    events = []
    for n, entry in enumerate(entries, 1):
        aid, sequence = entry[0], entry[1]
        last[aid] = sequence
        kind = "agreement.created" if sequence == 1 else "agreement.transitioned"
        events.append((f"evt_bench{n:020d}", kind, aid, event_json(by_id[aid], sequence, entry), event_time(n)))
    return [(*r, last[r[0]]) for r in rows], entries, events


async def fill_and_check(url: str, history_rows: int) -> dict:
    """Fill the deadlines table, then every consistency check; returns what was found and timed."""
    db = Database.from_settings(Settings(database_url=url), pool_size=2)
    out: dict = {}
    try:
        began = time.perf_counter()
        out["deadline_rows"] = await deadlines.rebuild(db, batch=2000)
        out["deadlines_fill_s"] = round(time.perf_counter() - began, 1)
        began = time.perf_counter()
        problems = {"search indexes": await search.check_search_indexes(db)}
        problems["deadlines table vs recomputation (all agreements)"] = await deadlines.check_consistency(
            db, batch=2000
        )
        async with db.read() as conn:
            sql = conn.exec_driver_sql
            count = (await sql("SELECT count(*) FROM events")).scalar()
            unfanned = (await sql("SELECT count(*) FROM events WHERE fanned_out_at IS NULL")).scalar()
            endpoints = (await sql("SELECT count(*) FROM webhook_endpoints")).scalar()
            history = (await sql("SELECT count(*) FROM transitions")).scalar()
            wrong = (
                await sql(
                    "SELECT a.id FROM agreements a WHERE a.version <> "
                    "(SELECT max(t.sequence) FROM transitions t WHERE t.agreement_id = a.id) OR a.state <> "
                    "(SELECT t.to_state FROM transitions t WHERE t.agreement_id = a.id ORDER BY t.sequence DESC LIMIT 1)"
                )
            ).all()
        problems["events: one per history row, all fanned out, no endpoint"] = (
            ([f"{count} events for {history} history rows"] if count != history or history != history_rows else [])
            + ([f"{unfanned} events not fanned out"] if unfanned else [])
            + ([f"{endpoints} endpoints"] if endpoints else [])
        )
        problems["agreement version/state = last history row"] = [f"{r[0]} differs" for r in wrong]
        out["checks_s"] = round(time.perf_counter() - began, 1)
        out["checks"] = {name: (found[:5] or "consistent") for name, found in problems.items()}
        out["failed"] = any(problems.values())
    finally:
        await db.dispose()
    return out


# -- timing ----------------------------------------------------------------------------------------


def summary(latencies: list[float]) -> dict:
    lat = sorted(latencies)
    return {
        "n": len(lat),
        "p50_ms": round(lat[len(lat) // 2], 2),
        "p99_ms": round(lat[min(len(lat) - 1, int(0.99 * len(lat)))], 2),
    }


async def time_gets(session: aiohttp.ClientSession, base: str, path: str, requests: int) -> dict:
    latencies = []
    for i in range(requests + 10):
        began = time.perf_counter()
        async with session.get(base + path) as resp:
            body = await resp.read()
            if resp.status != 200:
                raise RuntimeError(f"{path}: {resp.status} {body[:300]!r}")
        if i >= 10:  # the first ten warm the caches
            latencies.append((time.perf_counter() - began) * 1000)
    return summary(latencies)


async def time_transitions(session: aiohttp.ClientSession, base: str, ids: list[str], requests: int) -> dict:
    """Suspend then resume each agreement in turn, one request at a time (each ends as it began)."""
    latencies = []
    count = 0
    while count < requests + 10:
        aid = ids[(count // 2) % len(ids)]
        for event in ("suspend", "resume"):
            began = time.perf_counter()
            async with session.post(f"{base}/v1/agreements/{aid}/transitions", json={"event": event}) as resp:
                body = await resp.read()
                if resp.status != 201:
                    raise RuntimeError(f"{aid} {event}: {resp.status} {body[:300]!r}")
            if count >= 10:
                latencies.append((time.perf_counter() - began) * 1000)
            count += 1
    return summary(latencies)


def read_cases(rows: list[tuple], history_page_of: str, deep_position: int) -> dict[str, str]:
    due_before = (date.today() + timedelta(days=365)).isoformat()
    title_word = "minerals"  # in about 1 title in 8 (bench/agreement_list.py KINDS)
    return {
        "deadlines ?due_before": f"/v1/deadlines?due_before={due_before}",
        "deadlines ?due_before&status=missed": f"/v1/deadlines?due_before={due_before}&status=missed",
        "agreements ?limit=50": "/v1/agreements?limit=50",
        f"agreements ?q={title_word}": f"/v1/agreements?limit=50&q={title_word}",
        f"agreements ?party={RARE_PARTY} (rare)": f"/v1/agreements?limit=50&party={RARE_PARTY}",
        f"agreements ?as_of={AS_OF}&state=negotiating": f"/v1/agreements?limit=50&as_of={AS_OF}&state=negotiating",
        "history page (50 of ≥50 entries)": f"/v1/agreements/{history_page_of}/transitions?limit=50",
        "events ?limit=100": "/v1/events?limit=100",
        "events ?limit=100&after=<deep cursor>": f"/v1/events?limit=100&after={encode_cursor('events', deep_position)}",
    }


LOADED_READS = (
    "agreements ?limit=50",
    "agreements ?q=minerals",
    f"agreements ?party={RARE_PARTY} (rare)",
    f"agreements ?as_of={AS_OF}&state=negotiating",
    "history page (50 of ≥50 entries)",
)


class Burners:
    """CPU-bound processes beside the server: one per core minus one."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Burners:
        self.processes = [subprocess.Popen([sys.executable, "-c", CPU_BURNER]) for _ in range(self.count)]
        time.sleep(0.5)
        return self

    def __exit__(self, *exc) -> None:
        for p in self.processes:  # only the processes started here, by their handle
            p.kill()
            p.wait()


def serve(db, logdir: Path, **env: str):
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return start_server(db, workers=1, log_level="warning", logdir=logdir)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_one(label: str, args: argparse.Namespace, agreements_count: int, history_rows: int) -> dict:
    db = fresh_database(args.database_url)
    logdir = Path(tempfile.mkdtemp(prefix="accord-bench-scale-"))
    result: dict = {"agreements": agreements_count}
    try:
        migrate(db.url)
        began = time.perf_counter()
        rows, entries, events = dataset(agreements_count, history_rows)
        if db.url.startswith("sqlite"):
            load_sqlite(db.url.split(":///", 1)[1], rows, entries, authority="tpa", events=events)
        else:
            asyncio.run(load_postgres(db.url, rows, entries, authority="tpa", events=events))
        result.update(history_rows=len(entries), events=len(events), load_s=round(time.perf_counter() - began, 1))
        del events
        result.update(asyncio.run(fill_and_check(db.url, len(entries))))
        print(
            f"{label}: {len(rows):,} agreements, {len(entries):,} history rows and events loaded in "
            f"{result['load_s']} s; {result['deadline_rows']:,} deadline rows in {result['deadlines_fill_s']} s; "
            f"checks in {result['checks_s']} s:",
            flush=True,
        )
        for name, found in result["checks"].items():
            print(f"  {name}: {found}", flush=True)
        if result["failed"]:
            raise SystemExit(f"{label}: a consistency check failed")
        negotiating = [r[0] for r in rows if r[3] == "negotiating"][: args.transition_agreements]
        lengths: dict[str, int] = {}
        for e in entries:
            lengths[e[0]] = e[1]
        history_page_of = next(a for a, n in lengths.items() if n >= 50) if max(lengths.values()) >= 50 else rows[0][0]
        paths = read_cases(rows, history_page_of, deep_position=len(entries) * 2 // 3)
        del entries
        quiet_env = {"ACCORD_DEADLINE_SCAN_ENABLED": "false"}
        server = serve(db, logdir, **quiet_env)
        try:

            async def go() -> dict:
                headers = {"Authorization": f"Bearer {BENCH_KEY}"}
                out: dict = {"quiet": {}, "cpu": {}}
                async with aiohttp.ClientSession(headers=headers) as session:
                    await wait_ready(session, server)
                    base = server.base_url
                    out["quiet"]["transition (suspend/resume, tpa)"] = await time_transitions(
                        session, base, negotiating, args.requests
                    )
                    for name, path in paths.items():
                        out["quiet"][name] = await time_gets(session, base, path, args.requests)
                    with Burners(args.burners):
                        out["cpu"]["transition (suspend/resume, tpa)"] = await time_transitions(
                            session, base, negotiating, args.requests
                        )
                        for name in LOADED_READS:
                            out["cpu"][name] = await time_gets(session, base, paths[name], args.requests)
                return out

            result.update(asyncio.run(go()))
            result["rss_mb_after_quiet_and_cpu"] = round(rss_kb(server.process.pid) / 1024, 1)
        finally:
            stop_server(server)
        # The alert scan: at start, then every 0.2 s, in the server process as in production.
        server = serve(db, logdir, ACCORD_DEADLINE_SCAN_ENABLED="true", ACCORD_DEADLINE_SCAN_INTERVAL_SECONDS="0.2")
        try:

            async def scanning() -> dict:
                headers = {"Authorization": f"Bearer {BENCH_KEY}"}
                out: dict = {}
                async with aiohttp.ClientSession(headers=headers) as session:
                    await wait_ready(session, server)
                    await asyncio.sleep(3)  # the first scan, which notes every old missed deadline
                    out["rss_mb_after_first_scan"] = round(rss_kb(server.process.pid) / 1024, 1)
                    for name in LOADED_READS:
                        out[name] = await time_gets(session, server.base_url, paths[name], args.requests)
                return out

            result["scan"] = asyncio.run(scanning())
            result["rss_mb_after_first_scan"] = result["scan"].pop("rss_mb_after_first_scan")
            result["rss_mb"] = round(rss_kb(server.process.pid) / 1024, 1)
        finally:
            stop_server(server)
        return result
    finally:
        drop_database(db)


# -- report ----------------------------------------------------------------------------------------


def fmt(s: dict) -> str:
    return f"{s['p50_ms']:g} / {s['p99_ms']:g}"


def markdown(small: dict, large: dict, meta: dict) -> str:
    lines = [
        f"{meta['database']}: {large['agreements']:,} agreements, {large['history_rows']:,} history rows, "
        f"{large['events']:,} events vs {small['agreements']:,} agreements / {small['history_rows']:,} rows; "
        f"{meta['requests']} sequential requests a figure (after 10 warm-up); CPU load: {meta['burners']} × "
        f'`python -c "{CPU_BURNER}"` (unpinned); scan: the alert scan every 0.2 s in the server; '
        f"load average {meta['loadavg_start']} at start, {meta['loadavg_end']} at end.",
        "",
        "| measure | small p50 / p99 ms | large p50 / p99 ms | ratio p50 / p99 | target |",
        "|---|---|---|---|---|",
    ]
    for phase, tag in (("quiet", ""), ("cpu", ", CPU load"), ("scan", ", scan running")):
        for name, big in large[phase].items():
            little = small[phase][name]
            target = TARGETS["transition"] if name.startswith("transition") else TARGETS["read"]
            met = big["p50_ms"] / little["p50_ms"] <= 1.25 if name.startswith("transition") else big["p99_ms"] <= 50
            lines.append(
                f"| {name}{tag} | {fmt(little)} | {fmt(big)} | {big['p50_ms'] / little['p50_ms']:.2f}× / "
                f"{big['p99_ms'] / little['p99_ms']:.2f}× | {target}{'' if met else ' **missed**'} |"
            )
    lines.append(
        f"| server RSS at the end (MB) | {small['rss_mb']} | {large['rss_mb']} | "
        f"{large['rss_mb'] / small['rss_mb']:.2f}× | {TARGETS['rss']}{'' if large['rss_mb'] <= 150 else ' **missed**'} |"
    )
    lines.append(
        f"| server RSS (MB): after the quiet and CPU phases / 3 s after a start with the scan on | "
        f"{small['rss_mb_after_quiet_and_cpu']} / {small['rss_mb_after_first_scan']} | "
        f"{large['rss_mb_after_quiet_and_cpu']} / {large['rss_mb_after_first_scan']} | | |"
    )
    lines += [
        "",
        f"Large load: {large['load_s']} s; deadlines table ({large['deadline_rows']:,} rows) filled by "
        f"`deadlines.rebuild(db, batch=2000)` in {large['deadlines_fill_s']} s; checks in {large['checks_s']} s: "
        + "; ".join(f"{k}: {v}" for k, v in large["checks"].items()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (a scratch database is made beside it)")
    parser.add_argument("--agreements", type=int, default=20_000)
    parser.add_argument("--history-rows", type=int, default=1_000_000)
    parser.add_argument("--small-agreements", type=int, default=300)
    parser.add_argument("--small-history-rows", type=int, default=6_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests a figure, one at a time")
    parser.add_argument("--transition-agreements", type=int, default=200)
    parser.add_argument("--burners", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    args = parser.parse_args()
    began = time.perf_counter()
    meta = {
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "requests": args.requests,
        "burners": args.burners,
        "loadavg_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    small = run_one("small", args, args.small_agreements, args.small_history_rows)
    large = run_one("large", args, args.agreements, args.history_rows)
    meta["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    meta["total_s"] = round(time.perf_counter() - began, 1)
    table = markdown(small, large, meta)
    print("\n" + table + f"\n\nTotal {meta['total_s']} s.")
    name = "postgresql" if args.database_url else "sqlite"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"scale-{name}.md").write_text(table + "\n")
    (RESULTS / f"scale-{name}.json").write_text(
        json.dumps({"meta": meta, "small": small, "large": large}, indent=2, default=str) + "\n"
    )


if __name__ == "__main__":
    main()
