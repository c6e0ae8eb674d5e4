"""Transition throughput and latency of a real `accord serve` process.

    .venv/bin/python bench/transition_rate.py                       # SQLite, 1 worker
    .venv/bin/python bench/transition_rate.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/transition_rate.py --profile             # also sample the server with py-spy

Starts the server against a fresh database, walks 400 `tpa` agreements (statutory clocks on) to
`negotiating`, then lets 32 connections each cycle their share of them through suspend / resume,
and measures GET /healthz at the same concurrency as the ceiling. Prints a Markdown table and
writes bench/results/<name>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
ACCORD = ROOT / ".venv" / "bin" / "accord"
PY_SPY = ROOT / ".venv" / "bin" / "py-spy"
CLK_TCK = os.sysconf("SC_CLK_TCK")

TARGETS = {"transitions_per_s": 1500, "p99_ms": 50, "ratio_to_healthz": 0.3, "rss_mb": 150}
# A tpa agreement's walk to `negotiating` with the US-EU dates of tests/helpers.py (US_EU): the
# 90-day notice clock before open_negotiations is checked on the way (19 U.S.C. 4204(a)(1)(A)).
ANNOUNCED = "2018-07-25"
SETUP_EVENTS = (
    ("start_domestic_procedures", "2018-07-25"),
    ("notify_congress", "2018-10-16"),
    ("publish_objectives", "2018-12-01"),
    ("open_negotiations", "2019-01-14"),
)
CYCLE = ("suspend", "resume")


# -- the server process -----------------------------------------------------------------------


# The admin key the benchmarked server is started with; every request carries it.
BENCH_KEY = "acc_bench_" + secrets.token_urlsafe(32)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants, from /proc/<pid>/task/*/children."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return pids


def rss_kb(pid: int) -> int:
    total = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process tree (live processes only)."""
    ticks = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLK_TCK


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent not idle (user, nice, system, irq, softirq, steal)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLK_TCK


def all_cpu_ticks() -> dict[int, tuple[str, int]]:
    """(name, utime + stime) of every process on the machine, by pid (kernel threads rename)."""
    ticks = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            text = stat.read_text()
            name = text[text.index("(") + 1 : text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            ticks[int(stat.parent.name)] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def other_cpu(before: dict, after: dict, exclude: set[int], seconds: float) -> dict[str, float]:
    """CPU % (of one core) per process name outside the server and this generator."""
    by_name: dict[str, float] = {}
    for pid, (name, t1) in after.items():
        if pid in exclude:
            continue
        delta = (t1 - before.get(pid, ("", 0))[1]) / CLK_TCK
        if delta > 0:
            name = name.split("-", 1)[0] if name.startswith("kworker") else name
            by_name[name] = by_name.get(name, 0.0) + delta
    top = sorted(by_name.items(), key=lambda kv: -kv[1])[:5]
    return {name: round(100 * secs / seconds, 1) for name, secs in top if 100 * secs / seconds >= 1}


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


@dataclass
class Database:
    url: str
    scratch_admin_url: str | None = None  # set when we created a PostgreSQL database to drop later
    scratch_name: str | None = None
    tempdir: str | None = None


async def _pg_admin(admin_dsn: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def fresh_database(url: str | None) -> Database:
    if url is None:
        tempdir = tempfile.mkdtemp(prefix="accord-bench-")
        return Database(f"sqlite+aiosqlite:///{tempdir}/accord.db", tempdir=tempdir)
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise SystemExit("--database-url must be postgresql+asyncpg://... (SQLite is the default)")
    name = f"accord_bench_{secrets.token_hex(4)}"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    asyncio.run(_pg_admin(admin, f'CREATE DATABASE "{name}"'))
    return Database(parsed.set(database=name).render_as_string(hide_password=False), admin, name)


def drop_database(db: Database) -> None:
    if db.tempdir:
        shutil.rmtree(db.tempdir, ignore_errors=True)
    if db.scratch_name:
        asyncio.run(_pg_admin(db.scratch_admin_url, f'DROP DATABASE IF EXISTS "{db.scratch_name}" WITH (FORCE)'))


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log_path: Path
    command: list[str]

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""


RECEIVER = """
import sys
from aiohttp import web

async def hook(request):
    await request.read()
    return web.Response(status=204)

app = web.Application()
app.router.add_post("/hook", hook)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""


def start_receiver() -> tuple[subprocess.Popen, str]:
    """A webhook receiver in its own process that answers 204 to everything."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", RECEIVER, str(port)], start_new_session=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return process, f"http://127.0.0.1:{port}/hook"
        time.sleep(0.1)
    raise RuntimeError("the webhook receiver did not start")


def start_server(
    db: Database, *, workers: int, log_level: str, logdir: Path, subscribe: bool = False, server: str = "uvicorn"
) -> Server:
    port = free_port()
    command = [str(ACCORD), "serve", "--port", str(port), "--host", "127.0.0.1", "--workers", str(workers)]
    if server == "granian":
        # For comparison only (docs/performance.md): the same app under granian, which is not a
        # dependency. Install it beside the venv and put it on PYTHONPATH:
        #   .venv/bin/pip install --target /tmp/granian-pkg granian; export PYTHONPATH=/tmp/granian-pkg
        subprocess.run([str(ACCORD), "migrate"], env={**os.environ, "ACCORD_DATABASE_URL": db.url}, check=True)
        command = [
            str(ACCORD.with_name("python")), "-m", "granian", "--interface", "asgi", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--loop", "uvloop",
            "--no-ws", "--log-level", "warning", "service.main:create_app",
        ]  # fmt: skip
    env = {
        **os.environ,
        "ACCORD_DATABASE_URL": db.url,
        "ACCORD_LOG_LEVEL": log_level,
        "ACCORD_BOOTSTRAP_ADMIN_KEY": BENCH_KEY,
    }
    if subscribe:
        env["ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS"] = "true"
    log_path = logdir / "server.log"
    log = log_path.open("wb")
    # cwd=logdir so no stray ./.env or ./accord.db of the checkout is picked up.
    process = subprocess.Popen(
        command, env=env, cwd=logdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return Server(process, f"http://127.0.0.1:{port}", log_path, command)


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


async def wait_ready(session: aiohttp.ClientSession, server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log_tail()}")
        with contextlib.suppress(aiohttp.ClientError, OSError):
            async with session.get(f"{server.base_url}/healthz") as resp:
                if resp.status == 200:
                    return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"server not ready after {timeout}s:\n{server.log_tail()}")


# -- load ---------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    requests: int = 0
    non_2xx: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0  # connection errors
    latencies_ms: list[float] = field(default_factory=list)
    duration_s: float = 0.0
    server_cpu_s: float = 0.0
    generator_cpu_s: float = 0.0
    machine_busy_s: float = 0.0
    other_processes_cpu_pct: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)

        def pct(q: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else None

        return {
            "requests": self.requests,
            "rate_per_s": round(self.requests / self.duration_s, 1) if self.duration_s else 0,
            "p50_ms": pct(0.50),
            "p90_ms": pct(0.90),
            "p99_ms": pct(0.99),
            "max_ms": round(lat[-1], 2) if lat else None,
            "unexpected_status": self.non_2xx,
            "statuses": self.statuses,
            "connection_errors": self.errors,
            "duration_s": round(self.duration_s, 3),
            "server_cpu_pct": round(100 * self.server_cpu_s / self.duration_s, 1) if self.duration_s else 0,
            "generator_cpu_pct": round(100 * self.generator_cpu_s / self.duration_s, 1) if self.duration_s else 0,
            "machine_busy_pct": round(100 * self.machine_busy_s / self.duration_s, 1) if self.duration_s else 0,
            "other_processes_cpu_pct": self.other_processes_cpu_pct,
        }


class Window:
    """Requests count only if they start and finish inside [start, end)."""

    def __init__(self, warmup: float, duration: float) -> None:
        now = time.perf_counter()
        self.start = now + warmup
        self.end = self.start + duration

    def running(self) -> bool:
        return time.perf_counter() < self.end


async def measure(name: str, server: Server, warmup: float, duration: float, workers, on_start=None) -> Phase:
    """Run `workers(window, phase)` coroutines; take CPU readings at the window's edges."""
    phase = Phase(name)
    window = Window(warmup, duration)

    async def edges() -> None:
        await asyncio.sleep(max(0.0, window.start - time.perf_counter()))
        a0 = all_cpu_ticks()
        s0, g0, m0, t0 = cpu_seconds(server.process.pid), own_cpu_seconds(), machine_busy_seconds(), time.perf_counter()
        if on_start:
            on_start()
        await asyncio.sleep(max(0.0, window.end - time.perf_counter()))
        s1, g1, m1, t1 = cpu_seconds(server.process.pid), own_cpu_seconds(), machine_busy_seconds(), time.perf_counter()
        phase.server_cpu_s, phase.generator_cpu_s, phase.duration_s = s1 - s0, g1 - g0, t1 - t0
        phase.machine_busy_s = m1 - m0
        mine = {os.getpid(), *process_tree(server.process.pid)}
        phase.other_processes_cpu_pct = other_cpu(a0, all_cpu_ticks(), mine, t1 - t0)

    await asyncio.gather(edges(), *workers(window, phase))
    return phase


def record(phase: Phase, window: Window, started: float, status: int, expected: int) -> None:
    finished = time.perf_counter()
    if started < window.start or finished >= window.end:
        return
    phase.requests += 1
    phase.latencies_ms.append((finished - started) * 1000)
    if status != expected:
        phase.non_2xx += 1
        phase.statuses[str(status)] = phase.statuses.get(str(status), 0) + 1


async def setup_agreements(
    session: aiohttp.ClientSession, base: str, count: int, authority: str, concurrency: int
) -> list[str]:
    limit = asyncio.Semaphore(concurrency)

    async def one(i: int) -> str:
        body = {"title": f"Bench agreement {i}", "parties": ["US", "EU"], "authority": authority}
        if authority != "other":  # `other` has no statutory clocks: its walk happens today
            body["announced_at"] = ANNOUNCED
        async with limit:
            async with session.post(f"{base}/v1/agreements", json=body) as resp:
                if resp.status != 201:
                    raise RuntimeError(f"create: {resp.status} {await resp.text()}")
                agreement_id = (await resp.json())["id"]
            for event, day in SETUP_EVENTS:
                if authority == "other" and event == "publish_objectives":
                    continue
                step = {"event": event} if authority == "other" else {"event": event, "occurred_at": day}
                url = f"{base}/v1/agreements/{agreement_id}/transitions"
                async with session.post(url, json=step) as resp:
                    if resp.status != 201:
                        raise RuntimeError(f"{event}: {resp.status} {await resp.text()}")
        return agreement_id

    return list(await asyncio.gather(*(one(i) for i in range(count))))


def transition_workers(session: aiohttp.ClientSession, base: str, agreement_ids: list[str], concurrency: int):
    """`concurrency` connections; each takes every concurrency-th agreement and fires the next
    step of the cycle on each in turn, one request at a time."""
    bodies = [json.dumps({"event": e}).encode() for e in CYCLE]
    headers = {"Content-Type": "application/json"}

    def make(window: Window, phase: Phase):
        async def worker(mine: list[str]) -> None:
            urls = [f"{base}/v1/agreements/{a}/transitions" for a in mine]
            steps = [0] * len(mine)  # every agreement starts in `negotiating`
            i = 0
            while window.running():
                started = time.perf_counter()
                try:
                    async with session.post(urls[i], data=bodies[steps[i]], headers=headers) as resp:
                        await resp.read()
                        status = resp.status
                except aiohttp.ClientError:
                    phase.errors += 1
                    status = 0
                record(phase, window, started, status, 201)
                if status == 201:
                    steps[i] ^= 1
                else:  # resynchronise with the server's idea of the state
                    async with session.get(f"{base}/v1/agreements/{mine[i]}") as resp:
                        steps[i] = 0 if (await resp.json()).get("state") == "negotiating" else 1
                i = (i + 1) % len(mine)

        return [worker(agreement_ids[k::concurrency]) for k in range(min(concurrency, len(agreement_ids)))]

    return make


def healthz_workers(session: aiohttp.ClientSession, base: str, concurrency: int):
    def make(window: Window, phase: Phase):
        async def worker() -> None:
            url = f"{base}/healthz"
            while window.running():
                started = time.perf_counter()
                try:
                    async with session.get(url) as resp:
                        await resp.read()
                        status = resp.status
                except aiohttp.ClientError:
                    phase.errors += 1
                    status = 0
                record(phase, window, started, status, 200)

        return [worker() for _ in range(concurrency)]

    return make


# -- profiling ------------------------------------------------------------------------------------


def start_profiler(pid: int, duration: float, out: Path, rate: int, gil: bool) -> subprocess.Popen:
    if not PY_SPY.exists():
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
    return subprocess.Popen(
        [
            str(PY_SPY),
            "record",
            "--pid",
            str(pid),
            "--subprocesses",
            "--threads",
            "--nonblocking",
            "--rate",
            str(rate),
            "--duration",
            str(int(duration)),
            "--format",
            "raw",
            "--output",
            str(out),
            *(["--gil"] if gil else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# -- the run --------------------------------------------------------------------------------------


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


async def run(args: argparse.Namespace, server: Server) -> dict:
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, headers={"Authorization": f"Bearer {BENCH_KEY}"}
    ) as session:
        await wait_ready(session, server)
        base = server.base_url
        idle_rss = rss_kb(server.process.pid)
        ids = await setup_agreements(session, base, args.agreements, args.authority, args.concurrency)
        if args.receiver_url:
            async with session.post(f"{base}/v1/webhook-endpoints", json={"url": args.receiver_url}) as resp:
                if resp.status != 201:
                    raise RuntimeError(f"subscribe: {resp.status} {await resp.text()}")

        profiler = None
        profile_out = RESULTS / f"{args.name}.pyspy.txt"

        def start_profile() -> None:
            nonlocal profiler
            profiler = start_profiler(
                server.process.pid, args.duration, profile_out, args.profile_rate, args.profile_gil
            )

        transitions = await measure(
            "transitions",
            server,
            args.warmup,
            args.duration,
            transition_workers(session, base, ids, args.concurrency),
            on_start=start_profile if args.profile else None,
        )
        if profiler is not None:
            _, err = profiler.communicate(timeout=60)
            if profiler.returncode != 0:
                print(f"py-spy failed: {err.decode(errors='replace')}", file=sys.stderr)
        healthz = await measure(
            "healthz", server, args.warmup, args.duration, healthz_workers(session, base, args.concurrency)
        )
        rss_after = rss_kb(server.process.pid)

    t, h = transitions.summary(), healthz.summary()
    ratio = round(t["rate_per_s"] / h["rate_per_s"], 3) if h["rate_per_s"] else None
    # Per second of the server's own CPU: on a shared machine the server rarely gets a whole core,
    # and this figure moves much less with the neighbours' load than the rate does.
    for phase in (t, h):
        cpu = phase["server_cpu_pct"] / 100
        phase["per_server_cpu_s"] = round(phase["rate_per_s"] / cpu) if cpu else None
    result = {
        "name": args.name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "config": {
            "database": "postgresql" if args.database_url else "sqlite",
            "workers": args.workers,
            "log_level": args.log_level,
            "concurrency": args.concurrency,
            "agreements": args.agreements,
            "authority": args.authority,
            "cycle": list(CYCLE),
            "warmup_s": args.warmup,
            "duration_s": args.duration,
            "profiled": args.profile,
            "profile_gil_only": args.profile and args.profile_gil,
            "server": args.server,
            "server_command": " ".join(server.command[1:]),
            "bench_command": " ".join(sys.argv),
        },
        "transitions": t,
        "healthz": h,
        "ratio_transitions_to_healthz": ratio,
        "ratio_per_server_cpu_s": (
            round(t["per_server_cpu_s"] / h["per_server_cpu_s"], 3)
            if t["per_server_cpu_s"] and h["per_server_cpu_s"]
            else None
        ),
        "server_rss_mb": {
            "idle": round(idle_rss / 1024, 1),
            "after_run": round(rss_after / 1024, 1),
            "processes": len(process_tree(server.process.pid)),
        },
        "targets": TARGETS,
    }
    result["meets_targets"] = {
        "transitions_per_s": t["rate_per_s"] >= TARGETS["transitions_per_s"],
        "p99_ms": t["p99_ms"] is not None and t["p99_ms"] <= TARGETS["p99_ms"],
        "ratio_to_healthz": ratio is not None and ratio >= TARGETS["ratio_to_healthz"],
        "rss_mb": result["server_rss_mb"]["after_run"] < TARGETS["rss_mb"],
        "no_unexpected_status": t["unexpected_status"] == 0 and t["connection_errors"] == 0,
    }
    if args.profile and profile_out.exists():
        result["profile"] = str(profile_out.relative_to(ROOT))
    return result


def markdown(r: dict) -> str:
    t, h, c = r["transitions"], r["healthz"], r["config"]
    ok = r["meets_targets"]

    def mark(key: str) -> str:
        return "yes" if ok[key] else "**no**"

    rows = [
        (
            "Setup",
            f"{c['database']}, {c['workers']} worker(s), log level {c['log_level']}, "
            f"{c['concurrency']} connections, {c['agreements']} `{c['authority']}` agreements "
            f"({' / '.join(c['cycle'])}), {c['warmup_s']} s warm-up + {c['duration_s']} s"
            + (", **py-spy attached**" if c["profiled"] else ""),
            "",
        ),
        (
            "Transitions/s",
            f"{t['rate_per_s']:,.0f}",
            f">= {TARGETS['transitions_per_s']:,}: {mark('transitions_per_s')}",
        ),
        (
            "Transition p50 / p90 / p99 / max (ms)",
            f"{t['p50_ms']} / {t['p90_ms']} / {t['p99_ms']} / {t['max_ms']}",
            f"p99 <= {TARGETS['p99_ms']}: {mark('p99_ms')}",
        ),
        (
            "Non-201 transition responses",
            f"{t['unexpected_status']} {t['statuses'] or ''} (connection errors {t['connection_errors']})",
            f"0: {mark('no_unexpected_status')}",
        ),
        (
            "GET /healthz req/s",
            f"{h['rate_per_s']:,.0f} (p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms, non-200 {h['unexpected_status']})",
            "",
        ),
        (
            "Transitions / healthz",
            f"{r['ratio_transitions_to_healthz']}",
            f">= {TARGETS['ratio_to_healthz']}: {mark('ratio_to_healthz')}",
        ),
        (
            "Server RSS after run (MB)",
            f"{r['server_rss_mb']['after_run']} over {r['server_rss_mb']['processes']} "
            f"process(es) (idle {r['server_rss_mb']['idle']})",
            f"< {TARGETS['rss_mb']}: {mark('rss_mb')}",
        ),
        ("Server CPU (transitions / healthz)", f"{t['server_cpu_pct']}% / {h['server_cpu_pct']}%", "of one core"),
        (
            "Per second of server CPU (transitions / healthz)",
            f"{t['per_server_cpu_s']} / {h['per_server_cpu_s']} (ratio {r['ratio_per_server_cpu_s']})",
            "less sensitive to a shared machine",
        ),
        (
            "Load generator CPU (transitions / healthz)",
            f"{t['generator_cpu_pct']}% / {h['generator_cpu_pct']}%",
            "of one core",
        ),
        (
            "Whole machine busy (transitions / healthz)",
            f"{t['machine_busy_pct']}% / {h['machine_busy_pct']}%",
            f"of {os.cpu_count()} cores = {100 * os.cpu_count()}%",
        ),
        (
            "Other processes' CPU (transitions / healthz)",
            f"{t['other_processes_cpu_pct'] or '-'} / {h['other_processes_cpu_pct'] or '-'}",
            "e.g. postgres, py-spy",
        ),
    ]
    lines = [f"### {r['name']}", "", "| Measure | Value | Target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c_} |" for a, b, c_ in rows]
    return "\n".join(lines)


def background_load(seconds: float = 1.0) -> tuple[float, dict[str, float]]:
    """How busy the machine is without us: whole-machine CPU % and the busiest processes."""
    m0, a0 = machine_busy_seconds(), all_cpu_ticks()
    time.sleep(seconds)
    m1, a1 = machine_busy_seconds(), all_cpu_ticks()
    return round(100 * (m1 - m0) / seconds, 1), other_cpu(a0, a1, {os.getpid()}, seconds)


def wait_quiet(limit_pct: float, max_wait: float) -> tuple[float, dict[str, float]]:
    deadline = time.monotonic() + max_wait
    while True:
        busy, who = background_load()
        if busy <= limit_pct or time.monotonic() >= deadline:
            return busy, who
        print(f"machine {busy}% busy before start ({who}); waiting for it to quiet down", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        help="postgresql+asyncpg://user@host:port/any: a scratch database is "
        "created beside it and dropped after; default: SQLite in a temp dir",
    )
    parser.add_argument("--workers", type=int, help="server processes (default 1 for SQLite, 2 for PostgreSQL)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load discarded before each phase")
    parser.add_argument("--concurrency", type=int, default=32, help="connections")
    parser.add_argument("--agreements", type=int, default=400, help="agreements the connections share")
    parser.add_argument(
        "--authority", default="tpa", help="the agreements' authority: tpa (statutory clocks on, the default) or other"
    )
    parser.add_argument("--log-level", default="warning", help="ACCORD_LOG_LEVEL for the server")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the server with py-spy during the "
        "transitions phase (costs CPU on the same machine: not for headline numbers)",
    )
    parser.add_argument(
        "--profile-gil",
        action="store_true",
        help="with --profile: sample only the thread holding the GIL (where the server's one core of Python time goes)",
    )
    parser.add_argument("--profile-rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--name", help="results name (default <database>-w<workers>-<log level>)")
    parser.add_argument(
        "--quiet-pct",
        type=float,
        default=15.0,
        help="wait until the machine is at most this busy (%% of one core, summed over cores) before starting",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=120.0,
        help="give up waiting after this many seconds (the run goes ahead and records the background load)",
    )
    parser.add_argument(
        "--server",
        choices=("uvicorn", "granian"),
        default="uvicorn",
        help="uvicorn: `accord serve` (the default); granian: the same app under granian, for comparison "
        "(needs granian importable, see start_server)",
    )
    parser.add_argument("--keep-log", action="store_true", help="print the server log's tail at the end")
    parser.add_argument(
        "--subscribe",
        action="store_true",
        help="subscribe one webhook endpoint (every event) "
        "served by a local receiver process, to measure what delivery costs transitions",
    )
    args = parser.parse_args(argv)
    args.workers = args.workers or (2 if args.database_url else 1)
    args.name = args.name or (
        f"{'postgresql' if args.database_url else 'sqlite'}-w{args.workers}-{args.log_level}"
        + ("-profiled" if args.profile else "")
        + ("-gil" if args.profile and args.profile_gil else "")
        + ("-subscribed" if args.subscribe else "")
        + ("-granian" if args.server == "granian" else "")
    )

    with contextlib.suppress(ImportError):
        import uvloop  # the generator shares the machine with the server: keep it cheap

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

    RESULTS.mkdir(parents=True, exist_ok=True)
    busy_before, busy_who = wait_quiet(args.quiet_pct, args.quiet_wait)
    db = fresh_database(args.database_url)
    logdir = Path(tempfile.mkdtemp(prefix="accord-bench-log-"))
    receiver, args.receiver_url = start_receiver() if args.subscribe else (None, None)
    server = start_server(
        db, workers=args.workers, log_level=args.log_level, logdir=logdir, subscribe=args.subscribe, server=args.server
    )
    try:
        result = asyncio.run(run(args, server))
    except BaseException:
        print(server.log_tail(), file=sys.stderr)
        raise
    finally:
        stop_server(server)
        if receiver is not None:
            receiver.terminate()
            receiver.wait()
        if args.keep_log:
            print(server.log_tail(), file=sys.stderr)
        shutil.rmtree(logdir, ignore_errors=True)
        drop_database(db)

    result["background_before_start"] = {"machine_busy_pct": busy_before, "processes_cpu_pct": busy_who}
    out = RESULTS / f"{args.name}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(markdown(result))
    print(
        f"\nBefore start the machine was {busy_before}% busy {busy_who or ''}; other processes during the "
        f"phases are listed above. Numbers taken while others load the machine understate the service."
    )
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
