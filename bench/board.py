"""Latency of the board's pages with 20,000 agreements, against a real `accord serve`.

Migrates a temporary SQLite database, loads the seed agreements (`accord seed`) and then 20,000
more directly (raw sqlite3 bulk inserts of the rows and their histories, as bench/export_memory.py
does: not through the API), spread over the lifecycle's states, three authorities and several
partners, half of them under TPA with the dated history that starts its clocks. Then it starts
`accord serve`, signs in to the board with the admin key as a browser would (the sign-in form, its
CSRF token, the session cookie) and times, one request at a time, with that cookie:

- GET /board (the first page of cards, each with its next deadline);
- GET /board?state=negotiating, ?party=GB and ?q=partner 123 (filters);
- GET /board?cursor=... (a page deep in the list);
- GET /board/agreements/{id} of a loaded TPA agreement, and of USMCA from the seed.

    .venv/bin/python bench/board.py [--agreements 20000] [--requests 300]

Prints p50/p99 (ms) per page; docs/performance.md ("Board") keeps the figures.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from ulid import ULID

ROOT = Path(__file__).resolve().parent.parent
ADMIN_KEY = "acc_bench_admin_0123456789abcdefghijklmnopqrstuv"
STEPS = [
    ("start_domestic_procedures", "announced", "domestic_procedures"),
    ("notify_congress", "domestic_procedures", "congressional_notification"),
    ("open_negotiations", "congressional_notification", "negotiating"),
    ("reach_preliminary", "negotiating", "preliminary"),
    ("sign", "preliminary", "finalized"),
    ("implement", "finalized", "implemented"),
]
PARTNERS = ["JP", "GB", "KE", "EU", "IN", "BR", "VN", "PH", "CH", "NO"]
AUTHORITIES = ["tpa", "other", "tpa", "existing_fta"]


def load(path: Path, count: int) -> None:
    """`count` agreements with histories: each walks 0-6 steps of the lifecycle, 40 days apart."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    start = datetime(2015, 1, 1, 12, tzinfo=UTC)
    agreements, entries = [], []
    for n in range(count):
        aid = "agr_" + str(ULID())
        steps = n % (len(STEPS) + 1)
        state = STEPS[steps - 1][2] if steps else "announced"
        announced = start + timedelta(hours=n)
        partner = PARTNERS[n % len(PARTNERS)]
        title = f"United States-{partner} partner {n} trade agreement"
        agreements.append(
            (aid, title, f'["US", "{partner}"]', AUTHORITIES[n % len(AUTHORITIES)], state, 1 + steps, stamp)
        )
        entries.append((aid, 1, "announce", None, "announced", _at(announced), stamp))
        for sequence, (event, before, after) in enumerate(STEPS[:steps], start=2):
            entries.append((aid, sequence, event, before, after, _at(announced + timedelta(days=40 * sequence)), stamp))
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO agreements (id, title, parties, sectors, metadata, workflow_name, workflow_version, "
            "authority, state, exemptions, unrecorded, provisions, wto_notifications, version, created_at, updated_at) "
            "VALUES (?, ?, ?, '[]', '{}', 'trade-agreement', 3, ?, ?, '[]', '[]', '[]', '[]', ?, ?7, ?7)",
            agreements,
        )
        conn.executemany(
            "INSERT INTO transitions (agreement_id, sequence, event, from_state, to_state, occurred_at, recorded_at, "
            "actor) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
            entries,
        )


def _at(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sign_in(client: httpx.Client) -> None:
    form = client.get("/board/sign-in").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post("/board/sign-in", data={"csrf_token": token, "api_key": ADMIN_KEY})
    assert response.status_code == 303, response.text


def _time(client: httpx.Client, path: str, requests: int) -> tuple[float, float, int]:
    for _ in range(10):  # warm up
        client.get(path)
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))], len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "board.db"
        env = {
            **os.environ,
            "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{path}",
            "ACCORD_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
            "ACCORD_BOARD_SESSION_SECRET": "bench-board-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "ACCORD_LOG_LEVEL": "warning",
            "ACCORD_DEADLINE_SCAN_ENABLED": "false",
        }
        subprocess.run([bin_dir / "accord", "migrate"], env=env, check=True, cwd=ROOT)
        subprocess.run([bin_dir / "accord", "seed"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        began = time.perf_counter()
        load(path, args.agreements)
        print(f"loaded {args.agreements} agreements in {time.perf_counter() - began:.1f} s")
        port = _free_port()
        log = open(Path(tmp) / "server.log", "wb")  # closed after the server stops
        server = subprocess.Popen(
            [bin_dir / "accord", "serve", "--no-migrate", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            with httpx.Client(base_url=base, timeout=30) as client:
                _sign_in(client)
                auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
                usmca = client.get("/v1/agreements", params={"q": "NAFTA renegotiation"}, headers=auth).json()
                tpa = client.get("/v1/agreements", params={"state": "negotiating", "limit": 5}, headers=auth).json()[
                    "data"
                ]
                loaded = next(a for a in tpa if a["authority"] == "tpa")
                deep = client.get("/board").text
                cursor = re.search(r'href="/board\?cursor=([^"]+)"', deep).group(1)
                pages = [
                    ("board, first page", "/board"),
                    ("board, state=negotiating", "/board?state=negotiating"),
                    ("board, party=GB", "/board?party=GB"),
                    ("board, q=partner 123", "/board?q=partner+123"),
                    ("board, second page (cursor)", f"/board?cursor={cursor}"),
                    ("agreement page (loaded, tpa)", f"/board/agreements/{loaded['id']}"),
                    ("agreement page (USMCA, seed)", f"/board/agreements/{usmca['data'][0]['id']}"),
                ]
                print(f"{'page':32} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8}   ({args.requests} requests each)")
                for name, page in pages:
                    p50, p99, size = _time(client, page, args.requests)
                    print(f"{name:32} {p50:8.1f} {p99:8.1f} {size:8d}")
        finally:
            server.terminate()
            server.wait(timeout=15)
            log.close()


if __name__ == "__main__":
    main()
