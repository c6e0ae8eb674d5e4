"""The agreement list at scale: GET /v1/agreements with each filter, on 20,000 agreements with
1,000,000 history rows, against a small database in the same run.

For each of a small and a large database (a SQLite file, or a scratch PostgreSQL database with
--database-url), the script migrates it, bulk-loads agreements and their histories directly
(executemany on SQLite, COPY on PostgreSQL; not the API: the triggers of migration 0016 fill the
party side table and the title index as rows arrive), checks the derived tables
(service.agreements.search.check_search_indexes), starts a real `accord serve`, and times
sequential requests of each kind: p50/p99 and the large/small ratio. With --explain it prints the
plan of each list query on the large database (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE).

    .venv/bin/python bench/agreement_list.py                       # SQLite
    .venv/bin/python bench/agreement_list.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/agreement_list.py --explain --requests 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # import service and bench from this checkout

from bench.transition_rate import (  # noqa: E402
    BENCH_KEY,
    drop_database,
    fresh_database,
    start_server,
    stop_server,
    wait_ready,
)
from service.agreements import search  # noqa: E402
from service.agreements import service as agreements  # noqa: E402
from service.cli import migrate  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import Database  # noqa: E402

# Names as the parties' own records write them (accents kept): the search must fold case, not accents.
COUNTRIES = {
    "US": "United States", "JP": "Japan", "KR": "Korea", "MX": "México", "CA": "Canada", "EU": "European Union",
    "GB": "United Kingdom", "CI": "Côte d'Ivoire", "BR": "Brasil", "TR": "Türkiye", "VN": "Viet Nam",
    "CL": "Chile", "PE": "Perú", "CO": "Colombia", "AU": "Australia", "NZ": "New Zealand", "SG": "Singapore",
    "IN": "India", "ID": "Indonesia", "MA": "Morocco", "JO": "Jordan", "IL": "Israel", "BH": "Bahrain",
    "OM": "Oman", "PA": "Panamá", "CR": "Costa Rica", "GT": "Guatemala", "SV": "El Salvador", "HN": "Honduras",
    "NI": "Nicaragua", "DO": "República Dominicana", "KE": "Kenya", "ZA": "South Africa", "NG": "Nigeria",
    "EG": "Egypt", "PH": "Philippines", "TH": "Thailand", "MY": "Malaysia", "TW": "Taiwan", "CH": "Switzerland",
}  # fmt: skip
RARE_PARTY, RARE_NAME = "TV", "Tuvalu"  # in 1 agreement of 2,000
KINDS = (
    "Free Trade Agreement", "Trade Promotion Agreement", "Economic Partnership Agreement",
    "Agreement on Reciprocal Trade", "Digital Trade Agreement", "Critical Minerals Agreement",
    "Trade and Investment Framework Agreement", "Customs Cooperation Protocol",
)  # fmt: skip
LIFECYCLE = (
    ("start_domestic_procedures", "domestic_procedures"),
    ("notify_congress", "congressional_notification"),
    ("open_negotiations", "negotiating"),
    ("reach_preliminary", "preliminary"),
    ("sign", "finalized"),
    ("implement", "implemented"),
)
MILESTONES = ("publish_objectives", "agreement_in_principle", "publish_text", "itc_report", "introduce_bill")
AS_OF = "2012-06-30"
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def _ulid_id(rng: random.Random, n: int) -> str:
    # Ids in creation order, as ULIDs are: 48-bit milliseconds then 80 random bits (Crockford base32).
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    value = ((1_600_000_000_000 + n * 1000) << 80) | rng.getrandbits(80)
    return "agr_" + "".join(alphabet[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def generate(agreements: int, history_rows: int, seed: int = 11) -> tuple[list[tuple], list[tuple]]:
    """(agreement rows, transition rows): each agreement announced between 1990 and 2020, walked
    some way along the lifecycle (with reopen, suspend and resume), the rest of its history milestones."""
    rng = random.Random(seed)
    codes = list(COUNTRIES)
    per = max(1, history_rows // agreements)
    rows, entries = [], []
    for n in range(agreements):
        aid = _ulid_id(rng, n)
        parties = ["US", *rng.sample(codes[1:], rng.choice((1, 1, 1, 2, 3)))]
        names = [COUNTRIES[p] for p in parties[1:]]
        if n % 2000 == 1999:
            parties.append(RARE_PARTY)
            names.append(RARE_NAME)
        title = f"United States–{' and '.join(names)} {rng.choice(KINDS)}"
        if n % 7 == 0:
            title += f" (Protocol {n % 97 + 1})"
        at = datetime(1990, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(30 * 365))
        history = [("announce", None, "announced", at)]
        state, step, remembered = "announced", 0, None
        target = rng.randrange(len(LIFECYCLE) + 1)
        while len(history) < per:
            at += timedelta(days=rng.randrange(1, 60))
            roll = rng.random()
            if state == "terminated":
                break
            if state == "suspended" and roll < 0.3:
                history.append(("resume", state, remembered, at))
                state = remembered
            elif state != "suspended" and step < target and roll < 0.15:
                event, to = LIFECYCLE[step]
                history.append((event, state, to, at))
                state, step = to, step + 1
            elif state == "preliminary" and roll < 0.2:
                history.append(("reopen", state, "negotiating", at))
                state, step = "negotiating", 3
            elif state not in ("implemented", "suspended") and roll < 0.17:
                history.append(("suspend", state, "suspended", at))
                remembered, state = state, "suspended"
            elif roll > 0.9995:
                history.append(("terminate", state, "terminated", at))
                state = "terminated"
            else:
                history.append((rng.choice(MILESTONES), state, state, at))
        rows.append((aid, title, json.dumps(parties), state, remembered if state == "suspended" else None))
        for sequence, (event, from_state, to_state, occurred) in enumerate(history, 1):
            entries.append((aid, sequence, event, from_state, to_state, occurred))
    return rows, entries


def _sqlite_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _agreement(row: tuple) -> tuple:
    """(id, title, parties, state, suspended_from, version): a generated row, version 1 unless it
    carries its own (bench/scale.py gives each its last history sequence)."""
    return (*row[:5], row[5] if len(row) > 5 else 1)


def load_sqlite(
    path: str, rows: list[tuple], entries: list[tuple], *, authority: str = "other", events: Sequence[tuple] = ()
) -> None:
    """Bulk-load generated rows; `events` (id, type, agreement_id, data JSON, written at) are
    loaded as already fanned out."""
    stamp = _sqlite_time(STAMP)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO agreements (id, title, parties, sectors, metadata, workflow_name, workflow_version, "
            "authority, state, suspended_from, exemptions, unrecorded, provisions, wto_notifications, version, "
            "created_at, updated_at) VALUES (?1, ?2, ?3, '[]', '{}', 'trade-agreement', 3, ?8, ?4, ?5, '[]', "
            "'[]', '[]', '[]', ?6, ?7, ?7)",
            [(*_agreement(r), stamp, authority) for r in rows],
        )
        conn.executemany(
            "INSERT INTO transitions (agreement_id, sequence, event, from_state, to_state, occurred_at, recorded_at, "
            "actor) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
            [(*e[:5], _sqlite_time(e[5]), stamp) for e in entries],
        )
        conn.executemany(
            "INSERT INTO events (id, type, agreement_id, data, created_at, fanned_out_at) VALUES (?, ?, ?, ?, ?5, ?5)",
            [(*e[:4], _sqlite_time(e[4])) for e in events],
        )
        # No ANALYZE: the service never runs it on SQLite, so the planner sees what production sees.


async def load_postgres(
    url: str, rows: list[tuple], entries: list[tuple], *, authority: str = "other", events: Sequence[tuple] = ()
) -> None:
    """As load_sqlite, by COPY."""
    import asyncpg
    from sqlalchemy.engine import make_url

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "agreements",
            records=[
                (*r[:3], "[]", "{}", "trade-agreement", 3, authority, *r[3:5], "[]", "[]", "[]", "[]", r[5], STAMP, STAMP)
                for r in map(_agreement, rows)
            ],
            columns=[
                "id", "title", "parties", "sectors", "metadata", "workflow_name", "workflow_version", "authority",
                "state", "suspended_from", "exemptions", "unrecorded", "provisions", "wto_notifications", "version",
                "created_at", "updated_at",
            ],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "transitions",
            records=[(*e, STAMP, "bench") for e in entries],
            columns=["agreement_id", "sequence", "event", "from_state", "to_state", "occurred_at", "recorded_at", "actor"],
        )  # fmt: skip
        if events:  # tx 1: older than any running transaction, so the feed lists them at once
            await conn.copy_records_to_table(
                "events",
                records=[(*e[:4], e[4], e[4], 1) for e in events],
                columns=["id", "type", "agreement_id", "data", "created_at", "fanned_out_at", "tx"],
            )
        await conn.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
    finally:
        await conn.close()


def cases(db_rows: list[tuple]) -> dict[str, str]:
    middle = db_rows[len(db_rows) // 2][0]
    return {
        "plain ?limit=50": "/v1/agreements?limit=50",
        "state=negotiating": "/v1/agreements?limit=50&state=negotiating",
        "q=free trade (common)": "/v1/agreements?limit=50&q=free%20trade",
        f"q={RARE_NAME} (rare)": f"/v1/agreements?limit=50&q={RARE_NAME.lower()}",
        "q=ñ (1 char, none)": "/v1/agreements?limit=50&q=%C3%B1",
        f"party={RARE_PARTY} (rare)": f"/v1/agreements?limit=50&party={RARE_PARTY}",
        "party=US&state=suspended": "/v1/agreements?limit=50&party=US&state=suspended",
        f"as_of={AS_OF}&state=negotiating": f"/v1/agreements?limit=50&as_of={AS_OF}&state=negotiating",
        f"as_of={AS_OF}&state=terminated (rare)": f"/v1/agreements?limit=50&as_of={AS_OF}&state=terminated",
        "as_of=1990-02-01&state=negotiating (none)": "/v1/agreements?limit=50&as_of=1990-02-01&state=negotiating",
        "q=united states (every title)": "/v1/agreements?limit=50&q=united%20states",
        "party=TV&state=negotiating": f"/v1/agreements?limit=50&party={RARE_PARTY}&state=negotiating",
        "history page of one agreement": f"/v1/agreements/{middle}/transitions?limit=50",
    }


async def time_requests(base: str, paths: dict[str, str], requests: int) -> dict[str, dict]:
    results = {}
    headers = {"Authorization": f"Bearer {BENCH_KEY}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        for name, path in paths.items():
            latencies = []
            count = None
            for i in range(requests + 10):
                began = time.perf_counter()
                async with session.get(base + path) as resp:
                    body = await resp.read()
                    if resp.status != 200:
                        raise RuntimeError(f"{path}: {resp.status} {body[:300]!r}")
                if i >= 10:  # the first ten warm the caches
                    latencies.append((time.perf_counter() - began) * 1000)
                count = len(json.loads(body)["data"])
            latencies.sort()
            results[name] = {
                "p50_ms": round(latencies[len(latencies) // 2], 2),
                "p99_ms": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 2),
                "items": count,
            }
    return results


async def explain(url: str) -> None:
    db = Database.from_settings(Settings(database_url=url), pool_size=1)
    day = date.fromisoformat(AS_OF)
    shapes = {
        "plain": {},
        "q=free trade": {"q": "free trade"},
        f"party={RARE_PARTY}": {"party": RARE_PARTY},
        "party=US&state=suspended": {"party": "US", "state": "suspended"},
        "as_of&state=negotiating": {"as_of": day, "state": "negotiating"},
        "as_of&state=terminated": {"as_of": day, "state": "terminated"},
    }
    try:
        async with db.read() as conn:
            middle = (await conn.exec_driver_sql("SELECT id FROM agreements ORDER BY id LIMIT 1 OFFSET 10000")).scalar()
            statements = {
                name: str(
                    agreements.list_query(
                        db, **{"state": None, "party": None, "q": None, **filters}, limit=50, after=None
                    ).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
                )
                for name, filters in shapes.items()
            }
            # The history page and the event feed's filters, as their services write them.
            statements["history page"] = (
                f"SELECT * FROM transitions WHERE agreement_id = '{middle}' AND sequence > 10 ORDER BY sequence LIMIT 51"
            )
            for column, value in (("type", "agreement.updated"), ("agreement_id", middle)):
                statements[f"events ?{column}="] = (
                    f"SELECT * FROM events WHERE {column} = '{value}' AND position > 10 ORDER BY position LIMIT 51"
                )
            prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
            for name, sql in statements.items():
                plan = (await conn.exec_driver_sql(prefix + sql)).all()
                print(f"\n-- {name}")
                print("\n".join(str(r[-1]) for r in plan))
    finally:
        await db.dispose()


async def check(url: str) -> list[str]:
    db = Database.from_settings(Settings(database_url=url), pool_size=1)
    try:
        return await search.check_search_indexes(db)
    finally:
        await db.dispose()


def run_one(label: str, args: argparse.Namespace, agreements_count: int, history_rows: int) -> dict[str, dict]:
    db = fresh_database(args.database_url)
    logdir = Path(tempfile.mkdtemp(prefix="accord-bench-list-"))
    try:
        migrate(db.url)
        began = time.perf_counter()
        rows, entries = generate(agreements_count, history_rows)
        if db.url.startswith("sqlite"):
            load_sqlite(db.url.split(":///", 1)[1], rows, entries)
        else:
            asyncio.run(load_postgres(db.url, rows, entries))
        print(
            f"{label}: loaded {len(rows):,} agreements, {len(entries):,} history rows in {time.perf_counter() - began:.1f} s"
        )
        problems = asyncio.run(check(db.url))
        print(f"{label}: check_search_indexes: {problems[:5] or 'consistent'}")
        if args.explain and label == "large":
            asyncio.run(explain(db.url))
        server = start_server(db, workers=1, log_level="warning", logdir=logdir)
        try:

            async def go() -> dict[str, dict]:
                async with aiohttp.ClientSession() as session:
                    await wait_ready(session, server)
                return await time_requests(server.base_url, cases(rows), args.requests)

            return asyncio.run(go())
        finally:
            stop_server(server)
    finally:
        drop_database(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (a scratch database is made beside it)")
    parser.add_argument("--agreements", type=int, default=20_000)
    parser.add_argument("--history-rows", type=int, default=1_000_000)
    parser.add_argument("--small-agreements", type=int, default=200)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per case, one at a time")
    parser.add_argument("--explain", action="store_true", help="print each list query's plan on the large database")
    args = parser.parse_args()
    small = run_one("small", args, args.small_agreements, args.small_agreements * 10)
    large = run_one("large", args, args.agreements, args.history_rows)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"\n{database}: {args.agreements:,} agreements / {args.history_rows:,} history rows vs {args.small_agreements}"
    )
    print("| request | small p50 / p99 ms | large p50 / p99 ms | p99 ratio | items (large) |")
    print("|---|---|---|---|---|")
    for name, big in large.items():
        little = small[name]
        ratio = big["p99_ms"] / little["p99_ms"] if little["p99_ms"] else float("nan")
        print(
            f"| `{name}` | {little['p50_ms']} / {little['p99_ms']} | {big['p50_ms']} / {big['p99_ms']} "
            f"| {ratio:.2f}× | {big['items']} |"
        )


if __name__ == "__main__":
    main()
