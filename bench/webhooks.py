"""Webhook delivery benchmarks (not tests): throughput of one dispatcher process against a bare
httpx POST loop, and commit-to-receipt latency through a real `accord serve`.

    .venv/bin/python bench/webhooks.py                       # SQLite
    .venv/bin/python bench/webhooks.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres

The receiver runs in its own process (aiohttp, answers 204) so it does not share the CPU budget
of the process being measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # import service and tests from this checkout


def _receiver(port: int, ready) -> None:
    from aiohttp import web

    received: dict[str, float] = {}

    async def hook(request: web.Request) -> web.Response:
        await request.read()
        received.setdefault(request.headers.get("webhook-id", ""), time.time())
        return web.Response(status=204)

    async def stats(_request: web.Request) -> web.Response:
        return web.json_response(received)

    async def reset(_request: web.Request) -> web.Response:
        received.clear()
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/hook", hook)
    app.router.add_get("/stats", stats)
    app.router.add_post("/reset", reset)
    ready.set()
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


async def _scratch_database(url: str | None, tmp: str) -> tuple[str, callable]:
    from tests.helpers import migrate

    if not url:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        migrate(url)
        return url, None
    os.environ["ACCORD_TEST_POSTGRES_URL"] = url
    from tests import helpers

    helpers.POSTGRES_URL = url
    scratch = await helpers.create_postgres_database("accord_bench_webhooks")
    migrate(scratch)
    return scratch, helpers.drop_postgres_database


async def throughput(database_url: str, receiver_url: str, events: int) -> dict:
    import httpx

    from service.config import Settings
    from service.db import Database
    from service.principal import Principal
    from service.webhooks import outbox
    from service.webhooks.dispatcher import Dispatcher, new_http_client
    from service.webhooks.schemas import WebhookEndpointCreate
    from service.webhooks.service import create_endpoint

    settings = Settings(database_url=database_url, webhook_allow_private_networks=True, log_json=False)
    db = Database.from_settings(settings)
    await create_endpoint(db, Principal.system("bench"), WebhookEndpointCreate(url=receiver_url))
    for start in range(0, events, 500):

        def op(conn, n=min(500, events - start), start=start):
            for i in range(n):
                # Spread over agreements so per-agreement ordering does not serialise everything.
                outbox.record(
                    conn,
                    type="agreement.updated",
                    agreement_id=f"agr_{(start + i) % 256}",
                    data={"agreement": {"id": f"agr_{(start + i) % 256}", "parties": ["US", "JP"]}},
                )

        await db.write(op)
    http = new_http_client(settings)
    dispatcher = Dispatcher(db, settings, http)
    async with httpx.AsyncClient() as probe:
        await probe.post(receiver_url.replace("/hook", "/reset"))
        started = time.perf_counter()
        await dispatcher.start()
        while len((await probe.get(receiver_url.replace("/hook", "/stats"))).json()) < events:
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
    await dispatcher.stop()

    # The ceiling: the same client, the same body size, 32 in flight, no database.
    body = json.dumps({"type": "agreement.updated", "timestamp": "x", "data": {"a": "b" * 200}}).encode()
    sem = asyncio.Semaphore(32)

    async def post(i: int) -> None:
        async with sem:
            await http.post(receiver_url, content=body, headers={"webhook-id": f"bare_{i}"})

    started = time.perf_counter()
    await asyncio.gather(*[post(i) for i in range(events)])
    bare = time.perf_counter() - started
    await http.aclose()
    await db.dispose()
    return {
        "events": events,
        "deliveries_per_s": round(events / elapsed),
        "bare_posts_per_s": round(events / bare),
        "ratio_to_bare": round(bare / elapsed, 2),
    }


async def latency(database_url: str, receiver_url: str, rate: int, seconds: float) -> dict:
    import httpx

    from tests.helpers import AUTH, JAPAN, ServerProcess

    server = ServerProcess(database_url, env={"ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true"}, args=("--no-migrate",))
    await asyncio.to_thread(server.start)
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=10, headers=AUTH) as client:
            await client.post(
                "/v1/webhook-endpoints", json={"url": receiver_url, "event_types": ["agreement.transitioned"]}
            )
            ids = [(await client.post("/v1/agreements", json=JAPAN)).json()["id"] for _ in range(16)]
            sent: dict[str, float] = {}

            async def one(aid: str, event: str) -> None:
                before = time.time()
                response = await client.post(f"/v1/agreements/{aid}/transitions", json={"event": event})
                if response.status_code == 201:
                    seq = response.json()["transition"]["sequence"]
                    sent[f"{aid}/{seq}"] = before

            tasks, interval, n = [], 1 / rate, int(rate * seconds)
            start = time.perf_counter()
            for i in range(n):
                aid = ids[i % len(ids)]
                event = ("suspend", "resume")[(i // len(ids)) % 2]
                tasks.append(asyncio.create_task(one(aid, event)))
                await asyncio.sleep(max(0, start + (i + 1) * interval - time.perf_counter()))
            await asyncio.gather(*tasks)
            await asyncio.sleep(1)
            by_id = {}
            cursor = None
            while True:
                params = {"type": "agreement.transitioned", "limit": 200, **({"after": cursor} if cursor else {})}
                page = (await client.get("/v1/events", params=params)).json()
                for e in page["data"]:
                    by_id[e["id"]] = f"{e['agreement_id']}/{e['data']['transition']['sequence']}"
                cursor = page["next_cursor"]
                if not cursor:
                    break
            received = (await client.get(receiver_url.replace("/hook", "/stats"))).json()
    finally:
        await asyncio.to_thread(server.stop)
    samples = sorted(
        (received[eid] - sent[key]) * 1000 for eid, key in by_id.items() if eid in received and key in sent
    )
    q = statistics.quantiles(samples, n=100)
    return {
        "rate_per_s": rate,
        "samples": len(samples),
        "p50_ms": round(q[49], 1),
        "p99_ms": round(q[98], 1),
        "note": "from sending the transition request (before its commit) to the receiver's first byte",
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    from tests.helpers import free_port

    port = free_port()
    ready = multiprocessing.Event()
    proc = multiprocessing.Process(target=_receiver, args=(port, ready), daemon=True)
    proc.start()
    ready.wait()
    await asyncio.sleep(0.5)
    receiver_url = f"http://127.0.0.1:{port}/hook"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("throughput", "latency"):
            url, drop = await _scratch(args, tmp, name)
            try:
                if name == "throughput":
                    results[name] = await throughput(url, receiver_url, args.events)
                else:
                    results[name] = await latency(url, receiver_url, args.rate, args.seconds)
            finally:
                if drop:
                    await drop(url)
            print(name, json.dumps(results[name]), flush=True)
    proc.terminate()


async def _scratch(args, tmp: str, name: str):
    Path(f"{tmp}/{name}").mkdir()
    return await _scratch_database(args.database_url, f"{tmp}/{name}")


if __name__ == "__main__":
    asyncio.run(main())
