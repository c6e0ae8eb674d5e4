"""Webhooks across real processes: a crash mid-burst loses nothing; two workers share the work."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest

from service.health import ROOT
from tests.helpers import AUTH, JAPAN, POSTGRES_URL, ServerProcess
from tests.webhooks.conftest import FAST_ENV, Receiver, eventually


def _key(delivery) -> tuple[str, int]:
    """(agreement id, history sequence) of a delivered agreement event."""
    body = delivery.json
    sequence = 1 if body["type"] == "agreement.created" else body["data"]["transition"]["sequence"]
    return body["data"]["agreement"]["id"], sequence


async def _history(client: httpx.AsyncClient, agreement_ids: list[str]) -> set[tuple[str, int]]:
    committed = set()
    for aid in agreement_ids:
        cursor = None
        while True:
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(f"/v1/agreements/{aid}/transitions", params=params)).json()
            committed |= {(aid, t["sequence"]) for t in page["data"]}
            cursor = page["next_cursor"]
            if cursor is None:
                break
    return committed


async def _burst(client: httpx.AsyncClient, agreement_id: str, count: int) -> None:
    for i in range(count):
        try:
            await client.post(
                f"/v1/agreements/{agreement_id}/transitions", json={"event": ("suspend", "resume")[i % 2]}
            )
        except httpx.HTTPError:
            return  # the server died under us


async def _setup(base_url: str, receiver: Receiver, agreements: int) -> list[str]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10, headers=AUTH) as client:
        created = await client.post("/v1/webhook-endpoints", json={"url": receiver.url})
        assert created.status_code == 201, created.text
        ids = []
        for _ in range(agreements):
            response = await client.post("/v1/agreements", json=JAPAN)
            assert response.status_code == 201
            ids.append(response.json()["id"])
        return ids


async def test_crash_mid_burst_loses_no_committed_transition(database_url, receiver):
    server = ServerProcess(database_url, env=FAST_ENV)
    await asyncio.to_thread(server.start)
    try:
        ids = await _setup(server.base_url, receiver, agreements=4)
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5, headers=AUTH) as client:
            burst = asyncio.gather(*[_burst(client, aid, 200) for aid in ids])
            await eventually(lambda: len(receiver.accepted) >= 40, timeout=20)
            await asyncio.to_thread(server.kill)
            await burst
        restarted = ServerProcess(database_url, env=FAST_ENV)
        await asyncio.to_thread(restarted.start)
        try:
            async with httpx.AsyncClient(base_url=restarted.base_url, timeout=10, headers=AUTH) as client:
                committed = await _history(client, ids)
            assert len(committed) > 40
            await eventually(lambda: {_key(d) for d in receiver.accepted} >= committed, timeout=30)
            unique = {d.id: _key(d) for d in receiver.accepted}
            assert set(unique.values()) == committed  # nothing missing, nothing uncommitted
            assert len(unique) == len(committed)  # one webhook-id per event, across redeliveries
        finally:
            await asyncio.to_thread(restarted.stop)
    finally:
        await asyncio.to_thread(server.stop)


class WorkerProcess:
    def __init__(self, database_url: str, env: dict[str, str]) -> None:
        full_env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "ACCORD_LOG_LEVEL": "warning", **env}
        accord = Path(sys.executable).with_name("accord")
        self.process = subprocess.Popen([str(accord), "worker", "--no-migrate"], env=full_env, cwd=ROOT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.mark.skipif(not POSTGRES_URL, reason="ACCORD_TEST_POSTGRES_URL is empty")
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_workers_deliver_every_event_once(database_url, receiver):
    server = ServerProcess(database_url, env={**FAST_ENV, "ACCORD_DISPATCHER_ENABLED": "false"})
    await asyncio.to_thread(server.start)
    workers = [WorkerProcess(database_url, FAST_ENV) for _ in range(2)]
    try:
        ids = await _setup(server.base_url, receiver, agreements=6)
        async with httpx.AsyncClient(base_url=server.base_url, timeout=10, headers=AUTH) as client:
            await asyncio.gather(*[_burst(client, aid, 30) for aid in ids])
            committed = await _history(client, ids)
        assert len(committed) == 6 * 31
        await eventually(lambda: {_key(d) for d in receiver.accepted} >= committed, timeout=30)
        await asyncio.sleep(1)  # anything sent twice would arrive by now
        counts = Counter(d.id for d in receiver.requests)
        assert len(counts) == len(committed) and set(counts.values()) == {1}
        order: dict[str, list[int]] = {}
        for d in receiver.accepted:
            aid, sequence = _key(d)
            order.setdefault(aid, []).append(sequence)
        assert all(seqs == sorted(seqs) for seqs in order.values())
    finally:
        for w in workers:
            await asyncio.to_thread(w.stop)
        await asyncio.to_thread(server.stop)
