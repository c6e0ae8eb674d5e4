"""Memory of a CSV export: 100,000 agreements streamed as GET /v1/agreements.csv streams them.

Loads the agreements directly (bulk inserts of rows and their announcements, not the API) into
a temporary, migrated SQLite database (in a child process), then drains `service.exports.csv_export.agreements_csv`
(the generator the route streams) and prints the bytes written, the time, the peak of Python
allocations during the export (tracemalloc) and the process's peak RSS before and after it.

    .venv/bin/python bench/export_memory.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ulid import ULID

from service.cli import migrate
from service.config import Settings
from service.db import Database
from service.exports import csv_export


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def load(path: Path, rows: int) -> None:
    """Agreements announced on consecutive days, with raw sqlite3 executemany (one transaction)."""
    start = datetime(1990, 1, 1, tzinfo=UTC)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    agreements, entries = [], []
    for n in range(rows):
        aid = "agr_" + str(ULID())
        announced = (start + timedelta(hours=n)).strftime("%Y-%m-%d %H:%M:%S.%f")
        agreements.append((aid, f"Agreement {n} between the United States and a partner", '["US", "JP"]', stamp))
        entries.append((aid, announced, stamp))
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO agreements (id, title, parties, sectors, metadata, workflow_name, workflow_version, "
            "authority, state, exemptions, unrecorded, provisions, wto_notifications, version, created_at, updated_at) "
            "VALUES (?, ?, ?, '[]', '{}', 'trade-agreement', 3, 'other', 'announced', '[]', '[]', '[]', '[]', 1, ?4, ?4)",
            agreements,
        )
        conn.executemany(
            "INSERT INTO transitions (agreement_id, sequence, event, from_state, to_state, occurred_at, recorded_at, "
            "actor) VALUES (?, 1, 'announce', NULL, 'announced', ?, ?, 'bench')",
            entries,
        )


async def export(url: str) -> tuple[int, int, float]:
    db = Database.from_settings(Settings(database_url=url), pool_size=1)
    written = rows = 0
    try:
        began = time.perf_counter()
        async for chunk in csv_export.agreements_csv(db):
            written += len(chunk.encode("utf-8"))
            rows += chunk.count("\r\n")
        return written, rows - 1, time.perf_counter() - began
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.db"
        url = f"sqlite+aiosqlite:///{path}"
        migrate(url)
        began = time.perf_counter()
        # In a child process: the rows built for the load do not count in this process's peak RSS.
        loader = multiprocessing.get_context("spawn").Process(target=load, args=(path, args.rows))
        loader.start()
        loader.join()
        print(f"loaded {args.rows} agreements in {time.perf_counter() - began:.1f} s")
        before = _rss_mib()
        tracemalloc.start()
        written, rows, seconds = asyncio.run(export(url))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"exported {rows} rows, {written / 2**20:.1f} MiB of CSV, in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)"
        )
        print(f"peak Python allocations during the export (tracemalloc): {peak / 2**20:.1f} MiB")
        print(f"peak RSS: {before:.0f} MiB before the export, {_rss_mib():.0f} MiB after it")


if __name__ == "__main__":
    main()
