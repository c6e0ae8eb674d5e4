"""Every namespace against a real `accord serve`, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from accord_client import Accord, AsyncAccord, errors, webhooks
from accord_client.models import (
    CorrectionResult,
    DeadlineList,
    DeliveryOut,
    Diagram,
    Projection,
    RelationList,
    TransitionResult,
    Workflow,
    WorkflowList,
)
from sdk_support import title

from tests.helpers import ADMIN_KEY


@pytest.fixture
def accord(accord_server):
    with Accord(accord_server.base_url, ADMIN_KEY, timeout=10) as client:
        yield client


def _wait_for(condition: Callable[[], object], seconds: float = 20) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@contextmanager
def receiver() -> Iterator[tuple[str, list[tuple[bytes, dict[str, str]]]]]:
    received: list[tuple[bytes, dict[str, str]]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, dict(self.headers.items())))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_agreements_and_transitions(accord: Accord):
    first = accord.agreements.create(title("United States-Japan"), ["US", "JP"], authority="other")
    amendment = accord.agreements.create(
        title("United States-Japan, amended"), ["US", "JP"], authority="other", relations=[("amends", first.id)]
    )
    relations = accord.agreements.relations(first.id)
    assert isinstance(relations, RelationList)
    assert [(r.kind, r.agreement_id, r.direction) for r in relations.data] == [("amends", amendment.id, "incoming")]
    assert isinstance(accord.agreements.diagram(first.id), Diagram)

    moved = accord.transitions.create(first.id, "start_domestic_procedures", note="first step")
    assert isinstance(moved, TransitionResult) and moved.agreement.state == "domestic_procedures"
    entry = accord.transitions.get(first.id, moved.transition.sequence)
    assert entry.note == "first step"
    corrected = accord.transitions.correct(first.id, entry.sequence, reason="typo", note="the first step")
    assert isinstance(corrected, CorrectionResult) and corrected.transition.note == "the first step"
    assert [c.reason for c in accord.transitions.get(first.id, entry.sequence).corrections] == ["typo"]
    available = accord.transitions.available(first.id)
    assert "notify_congress" in [e.event for e in available.events if e.allowed]
    voided = accord.transitions.void(first.id, entry.sequence, "recorded on the wrong agreement")
    assert voided.agreement.state == "announced" and voided.transition.void_reason
    updated = accord.agreements.update(first.id, voided.agreement.version, title=f"{first.title} (stage 1)")
    assert updated.title.endswith("(stage 1)")
    assert accord.agreements.get(first.id, as_of=datetime.date.today()).state == "announced"
    assert [t.sequence for t in accord.transitions.list(first.id, limit=1)] == [1, 2]

    projection = accord.agreements.project(first.id, [("start_domestic_procedures", datetime.date.today())])
    assert isinstance(projection, Projection) and projection.assumed[0].allowed


def test_deadlines_and_workflows(accord: Accord):
    agreement = accord.agreements.create(title("United States-Kenya"), ["US", "KE"], announced_at="2020-07-08")
    assert isinstance(accord.deadlines.list(due_before="2100-01-01", limit=5), DeadlineList)
    assert isinstance(accord.deadlines.list(status="pending"), DeadlineList)
    mine = accord.deadlines.for_agreement(agreement.id, on="2020-12-31")
    assert all(d.agreement_id == agreement.id for d in mine.data)
    assert accord.deadlines(agreement.id, on="2020-12-31").to_dict() == mine.to_dict()  # 0.1's method

    workflows = accord.workflows.list()
    assert isinstance(workflows, WorkflowList) and workflows.data
    latest = accord.workflows.get("trade-agreement")
    assert isinstance(latest, Workflow) and accord.workflows.get("trade-agreement", version=1).version == 1


def test_events_health_and_metrics(accord: Accord):
    agreement = accord.agreements.create(title("United States-Morocco"), ["US", "MA"], authority="other")
    (created,) = list(accord.events.list(type="agreement.created", agreement_id=agreement.id))
    assert created.agreement_id == agreement.id
    assert accord.events.get(created.id).id == created.id
    assert isinstance(webhooks.from_feed(created), webhooks.AgreementCreated)

    types = accord.events.types()
    assert {t.type_ for t in types.data} == set(webhooks.EVENT_TYPES)
    for declared in types.data:  # the server's own examples read as their classes
        event = webhooks.parse(declared.example.to_dict(), id="evt_example")
        assert type(event) is webhooks.EVENT_TYPES[str(declared.type_)], getattr(event, "error", None)

    assert accord.health.live().status == "ok"
    assert accord.health.ready().status == "ok"
    assert "accord" in accord.metrics.get()


def test_api_keys(accord: Accord, accord_server):
    name = title("sdk-key").replace(" ", "-")
    created = accord.api_keys.create(name, ["agreements:read"], expires_at="2100-01-01T00:00:00Z")
    assert created.key.startswith("acc_") and [s.value for s in created.scopes] == ["agreements:read"]
    assert name in [k.name for k in accord.api_keys.list(limit=1)]  # every page, one key at a time
    with Accord(accord_server.base_url, created.key) as reader:
        assert reader.agreements.list(limit=1).data is not None
        accord.api_keys.revoke(created.id)
        with pytest.raises(errors.AuthenticationError):
            reader.agreements.list(limit=1)


def test_webhook_endpoints(accord: Accord):
    with receiver() as (url, received):
        endpoint = accord.webhook_endpoints.create(
            url, event_types=["agreement.created"], parties=["US"], description="sdk test"
        )
        assert endpoint.secret.startswith("whsec_") and endpoint.event_types == ["agreement.created"]
        assert accord.webhook_endpoints.get(endpoint.id).url == url
        assert endpoint.id in [e.id for e in accord.webhook_endpoints.list(limit=1)]
        assert accord.webhook_endpoints.update(endpoint.id, description="sdk test, updated").description.endswith(
            "updated"
        )

        tested = accord.webhook_endpoints.test(endpoint.id, type="agreement.transitioned")
        assert tested.succeeded and tested.response_status == 204
        body, headers = next((b, h) for b, h in received if h["webhook-id"] == tested.event_id)
        assert isinstance(webhooks.verify(body, headers, endpoint.secret), webhooks.AgreementTransitioned)

        rotated = accord.webhook_endpoints.rotate_secret(endpoint.id)
        assert rotated.secret != endpoint.secret
        agreement = accord.agreements.create(title("United States-Israel"), ["US", "IL"], authority="other")

        def delivered() -> DeliveryOut | None:
            for delivery in accord.webhook_endpoints.deliveries(endpoint.id):
                if delivery.agreement_id == agreement.id and delivery.status == "succeeded":
                    return delivery
            return None

        delivery = _wait_for(delivered)
        body, headers = next((b, h) for b, h in received if h["webhook-id"] == delivery.event_id)
        for secret in (rotated.secret, endpoint.secret):  # both sign during the overlap
            event = webhooks.verify(body, headers, secret)
            assert isinstance(event, webhooks.AgreementCreated) and event.agreement.id == agreement.id

        again = accord.webhook_endpoints.redeliver(endpoint.id, delivery.id)
        assert isinstance(again, DeliveryOut) and again.event_id == delivery.event_id
        replayed = accord.webhook_endpoints.replay(endpoint.id, since=agreement.created_at - datetime.timedelta(1))
        assert replayed.deliveries >= 1
        _wait_for(lambda: sum(h["webhook-id"] == delivery.event_id for _, h in received) >= 3)

        accord.webhook_endpoints.delete(endpoint.id)
        with pytest.raises(errors.NotFound):
            accord.webhook_endpoints.get(endpoint.id)


async def test_the_async_namespaces(accord_server):
    async with AsyncAccord(accord_server.base_url, ADMIN_KEY, timeout=10) as accord:
        agreement = await accord.agreements.create(title("United States-Oman"), ["US", "OM"], authority="other")
        await accord.transitions.create(agreement.id, "start_domestic_procedures")
        history = [t.event async for t in accord.transitions.list(agreement.id, limit=1)]
        assert history == ["announce", "start_domestic_procedures"]
        page = await accord.agreements.list(q=agreement.title.split()[-1])
        assert [a.id for a in page.data] == [agreement.id]
        assert (await accord.deadlines(agreement.id)).data is not None
        assert (await accord.workflows.get("trade-agreement")).name == "trade-agreement"
        assert len((await accord.events.types()).data) == len(webhooks.EVENT_TYPES)
        assert [e.type_ async for e in accord.events.iterate(agreement_id=agreement.id)] == [
            "agreement.created",
            "agreement.transitioned",
        ]
        assert [k async for k in accord.api_keys.list()]
        assert (await accord.health.ready()).status == "ok"
        with pytest.raises(errors.NotFound):
            await accord.webhook_endpoints.get("we_missing")
