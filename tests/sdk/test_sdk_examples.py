"""The scripts in clients/python/examples run against a live server, configured only by
ACCORD_API_KEY and ACCORD_BASE_URL, as a user would run them."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx
import pytest
from accord_client import Accord
from conftest import CLIENT_DIR
from sdk_support import SECRET, dead_port, signed

from tests.helpers import ADMIN_KEY

EXAMPLES = CLIENT_DIR / "examples"


def _env(server, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    return {
        **env,
        "ACCORD_API_KEY": ADMIN_KEY,
        "ACCORD_BASE_URL": server.base_url,
        "PYTHONPATH": str(CLIENT_DIR),  # the SDK as committed, as the other SDK tests use it
        **extra,
    }


def _run(script: str, server) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        env=_env(server),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_every_example_is_tested():
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == [
        "async_lifecycle.py",
        "quickstart.py",
        "webhook_receiver.py",
    ]


def test_quickstart(accord_server):
    out = _run("quickstart.py", accord_server)
    assert re.search(r"^created agr_\w+: announced$", out, re.M), out
    assert "start_domestic_procedures: announced -> domestic_procedures" in out
    assert "open_negotiations: congressional_notification -> negotiating" in out
    assert re.search(r"^refused: .*implement.*; allowed now: .*reach_preliminary", out, re.M), out
    history = re.findall(r"^  #(\d+) (\w+) -> (\w+) at \d{4}-\d{2}-\d{2}$", out, re.M)
    assert [int(sequence) for sequence, _, _ in history] == [1, 2, 3, 4]  # two pages of two, followed


def test_async_lifecycle(accord_server):
    out = _run("async_lifecycle.py", accord_server)
    walked = re.findall(r"^(agr_\w+) (.+): implemented at version 7$", out, re.M)
    assert sorted(t for _, t in walked) == ["United States-Kenya", "United States-United Kingdom"], out
    count = int(re.search(r"^(\d+) implemented agreements in all$", out, re.M)[1])
    assert count >= 2
    with Accord(accord_server.base_url, ADMIN_KEY) as accord:
        assert all(accord.agreements.get(agreement_id).state == "implemented" for agreement_id, _ in walked)


@pytest.fixture
def receiver_process(accord_server):
    """The webhook receiver example, subscribed to the server: (its URL, the endpoint, the process)."""
    port = dead_port()
    url = f"http://127.0.0.1:{port}/hook"
    with Accord(accord_server.base_url, ADMIN_KEY) as accord:
        endpoint = accord.webhook_endpoints.create(url, event_types=["agreement.transitioned"])
        process = subprocess.Popen(
            [sys.executable, str(EXAMPLES / "webhook_receiver.py"), str(port)],
            env=_env(accord_server, ACCORD_WEBHOOK_SECRET=endpoint.secret),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert process.stdout.readline().strip() == f"listening on http://127.0.0.1:{port}/"
            yield url, endpoint, process, accord
        finally:
            process.terminate()
            process.wait(timeout=10)
            accord.webhook_endpoints.delete(endpoint.id)


def test_webhook_receiver(receiver_process):
    url, endpoint, process, accord = receiver_process
    # A delivery signed by the server: the endpoint's test event, an agreement.transitioned.
    tested = accord.webhook_endpoints.test(endpoint.id, type="agreement.transitioned")
    assert tested.succeeded and tested.response_status == 204, tested.error
    # A message signed with another secret is refused.
    payload, headers = signed({"type": "agreement.created", "timestamp": "2026-01-01T00:00:00Z", "data": {}})
    assert SECRET != endpoint.secret
    assert httpx.post(url, content=payload, headers=headers).status_code == 400
    # A type newer than the example, sent twice (a retry): accepted both times, printed once.
    newer = {"type": "agreement.ratified", "timestamp": "2026-01-01T00:00:00Z", "data": {"agreement_id": "agr_1"}}
    for _ in range(2):
        payload, headers = signed(newer, secret=endpoint.secret, msg_id="evt_retried")
        assert httpx.post(url, content=payload, headers=headers).status_code == 204
    process.terminate()
    out, _ = process.communicate(timeout=10)
    lines = out.splitlines()
    accepted = [line for line in lines if tested.event_id in line]
    assert len(accepted) == 1, out
    assert re.search(r"agreement\.transitioned evt_test_\w+: .+: \w+ \(\w+ -> \w+\)$", accepted[0]), out
    assert any(line.startswith("rejected: ") for line in lines), out
    retried = [line for line in lines if "evt_retried" in line]
    assert len(retried) == 1 and retried[0].endswith("(unknown to this client) ['agreement_id']"), out
