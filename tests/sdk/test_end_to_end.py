"""The SDK against a real `accord serve`, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

import accord_client
import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors
from accord_client.api.agreements import create_agreement, create_transition, get_agreement
from accord_client.models import AgreementCreate, AgreementOut, TransitionCreate

from tests.helpers import ADMIN_KEY
from workflows.trade_agreement import MILESTONES_V3 as MILESTONES

LIFECYCLE = [
    ("start_domestic_procedures", "domestic_procedures"),
    ("notify_congress", "congressional_notification"),
    ("open_negotiations", "negotiating"),
    ("reach_preliminary", "preliminary"),
    ("sign", "finalized"),
    ("implement", "implemented"),
]


@pytest.fixture
def accord(accord_server):
    with Accord(accord_server.base_url, api_key=ADMIN_KEY, timeout=10) as client:
        yield client


@pytest.fixture
async def async_accord(accord_server):
    async with AsyncAccord(accord_server.base_url, api_key=ADMIN_KEY, timeout=10) as client:
        yield client


def _title(word: str) -> str:
    return f"{word} {uuid.uuid4().hex[:8]}"


def test_lifecycle_sync(accord: Accord):
    agreement = accord.create_agreement(
        _title("United States-Japan"),
        ["US", "JP"],
        sectors=["autos"],
        metadata={"ustr": "japan"},
        announced_at="2018-09-26",  # a date string passes through as the API expects
        authority="other",  # no statutory clocks: the dates below are a month apart
    )
    assert isinstance(agreement, AgreementOut)
    assert (agreement.state, agreement.version, agreement.workflow.name) == ("announced", 1, "trade-agreement")
    assert agreement.metadata.additional_properties == {"ustr": "japan"}

    for month, (event, state) in enumerate(LIFECYCLE, start=1):
        result = accord.transition(agreement.id, event, occurred_at=datetime.date(2019, month, 1), note=event)
        assert (result.transition.event, result.transition.to_state, result.agreement.state) == (event, state, state)
        # A plain date is that day in Washington.
        washington = zoneinfo.ZoneInfo("America/New_York")
        assert result.transition.occurred_at == datetime.datetime(2019, month, 1, tzinfo=washington)

    final = accord.get_agreement(agreement.id)
    assert (final.state, final.version) == ("implemented", 1 + len(LIFECYCLE))

    # History, two entries a page: the announcement and the six events, oldest first.
    first_page = accord.list_transitions(agreement.id, limit=2)
    assert len(first_page.data) == 2 and isinstance(first_page.next_cursor, str)
    history = list(accord.iter_transitions(agreement.id, limit=2))
    assert [t.event for t in history] == ["announce", *(event for event, _ in LIFECYCLE)]
    assert [t.sequence for t in history] == list(range(1, len(LIFECYCLE) + 2))


async def test_lifecycle_async(async_accord: AsyncAccord):
    agreement = await async_accord.create_agreement(_title("United States-Kenya"), ["US", "KE"], authority="other")
    for event, state in LIFECYCLE:
        result = await async_accord.transition(agreement.id, event, expected_version=agreement.version)
        agreement = result.agreement
        assert agreement.state == state

    history = [t async for t in async_accord.iter_transitions(agreement.id, limit=2)]
    assert [t.to_state for t in history] == ["announced", *(state for _, state in LIFECYCLE)]
    available = await async_accord.available_transitions(agreement.id)
    assert [e.event for e in available.events if e.allowed and e.event not in MILESTONES] == ["terminate"]


def test_invalid_transition_is_typed(accord: Accord):
    agreement = accord.create_agreement(_title("United States-India"), ["US", "IN"])
    accord.transition(agreement.id, "start_domestic_procedures")

    with pytest.raises(errors.InvalidTransition) as caught:
        accord.transition(agreement.id, "sign")

    error = caught.value
    assert isinstance(error, accord_client.AccordError) and isinstance(error, errors.Conflict)
    assert (error.status, error.type) == (409, "https://accord.dev/problems/invalid-transition")
    assert (error.current_state, error.event) == ("domestic_procedures", "sign")
    assert [e for e in error.allowed_events if e not in MILESTONES] == ["notify_congress", "suspend", "terminate"]
    assert error.reasons and error.title and error.detail
    # The generated client parsed the body into its declared model.
    assert type(error.parsed).__name__ == "InvalidTransitionProblem"
    assert error.parsed.allowed_events == error.allowed_events
    # Nothing moved.
    assert accord.get_agreement(agreement.id).state == "domestic_procedures"


def test_other_errors_are_typed(accord: Accord):
    with pytest.raises(errors.NotFound) as missing:
        accord.get_agreement("agr_does_not_exist")
    assert missing.value.status == 404 and "agr_does_not_exist" in missing.value.detail

    agreement = accord.create_agreement(_title("United States-Vietnam"), ["US", "VN"])
    with pytest.raises(errors.VersionMismatch) as stale:
        accord.transition(agreement.id, "start_domestic_procedures", expected_version=7)
    assert stale.value.current_version == 1

    with pytest.raises(errors.ValidationError) as invalid:
        accord.create_agreement(_title("One party"), ["US"])
    assert invalid.value.status == 422
    assert invalid.value.errors[0]["loc"] == ["body", "parties"]


def test_pagination_over_agreements(accord: Accord):
    word = f"pagetest{uuid.uuid4().hex[:8]}"
    created = [accord.create_agreement(f"{word} number {i}", ["US", "MX"]).id for i in range(5)]
    listed = [a.id for a in accord.iter_agreements(q=word, limit=2)]
    assert listed == created


def test_idempotency_key_replays_the_same_agreement(accord: Accord):
    key = f"sdk-test-{uuid.uuid4()}"
    body = AgreementCreate.from_dict({"title": _title("United States-Chile"), "parties": ["US", "CL"]})

    first = create_agreement.sync_detailed(client=accord.client, body=body, idempotency_key=key)
    again = create_agreement.sync_detailed(client=accord.client, body=body, idempotency_key=key)

    assert (int(first.status_code), int(again.status_code)) == (201, 201)
    assert first.headers.get("Idempotent-Replayed") is None
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.parsed.id == first.parsed.id
    # The helper sends the same key and gets the same agreement back.
    assert accord.create_agreement(body.title, body.parties, idempotency_key=key).id == first.parsed.id


def test_retried_post_is_applied_once(accord_server):
    """The response to a POST is lost; the retry carries the generated Idempotency-Key and replays it."""
    seen: list[httpx.Request] = []

    class LoseFirstResponse(httpx.BaseTransport):
        def __init__(self) -> None:
            self.real = httpx.HTTPTransport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request)
            response = self.real.handle_request(request)
            if len(seen) == 1:
                response.read()
                raise httpx.ReadError("connection reset after the server answered")
            return response

    with Accord(accord_server.base_url, api_key=ADMIN_KEY, transport=LoseFirstResponse(), backoff=0) as accord:
        title = _title("United States-Peru")
        agreement = accord.create_agreement(title, ["US", "PE"])

        assert len(seen) == 2
        keys = {request.headers["Idempotency-Key"] for request in seen}
        assert len(keys) == 1 and uuid.UUID(keys.pop()).version == 4
        assert [a.id for a in accord.iter_agreements(q=title.split()[-1])] == [agreement.id]


# -- the declared problem+json bodies, against what the service really answers ----------------


def test_declared_problem_bodies_parse(accord: Accord):
    client = accord.client
    agreement = accord.create_agreement(_title("United States-Korea"), ["US", "KR"])

    def check(response, status: int, model: str) -> None:
        assert int(response.status_code) == status, response.content
        assert response.headers["content-type"] == "application/problem+json"
        assert type(response.parsed).__name__ == model, response.content
        assert response.parsed.status == status
        assert response.parsed.type_.startswith("https://accord.dev/problems/")

    check(get_agreement.sync_detailed("agr_nope", client=client), 404, "Problem")
    check(
        create_transition.sync_detailed(agreement.id, client=client, body=TransitionCreate(event="implement")),
        409,
        "InvalidTransitionProblem",
    )
    check(
        create_transition.sync_detailed(
            agreement.id, client=client, body=TransitionCreate(event="suspend"), if_match='"9"'
        ),
        412,
        "VersionMismatchProblem",
    )
    one_party = AgreementCreate.from_dict({"title": "x", "parties": ["US"]})
    invalid = create_agreement.sync_detailed(client=client, body=one_party)
    check(invalid, 422, "ValidationProblem")
    assert invalid.parsed.errors and invalid.parsed.errors[0].loc == ["body", "parties"]

    # Bodies the generated client never sends itself, parsed by its code for that operation.
    raw = client.get_httpx_client()
    malformed = raw.post("/v1/agreements", content=b"{not json", headers={"Content-Type": "application/json"})
    check(create_agreement._build_response(client=client, response=malformed), 400, "Problem")
    huge = b'{"title": "' + b"x" * 2_000_000 + b'"}'
    too_large = raw.post("/v1/agreements", content=huge, headers={"Content-Type": "application/json"})
    check(create_agreement._build_response(client=client, response=too_large), 413, "Problem")


def test_declared_unsupported_media_type(accord: Accord):
    response = accord.client.get_httpx_client().post(
        "/v1/agreements", content=b"title=x", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def test_a_subscribed_endpoint_receives_a_delivery_that_verify_accepts(accord: Accord):
    """Subscribe a local receiver through the SDK, make a change, verify what arrives."""
    import http.server
    import threading
    import time

    from accord_client import webhooks
    from accord_client.api.webhooks import create_webhook_endpoint
    from accord_client.models import WebhookEndpointCreate

    received: list[tuple[bytes, dict[str, str]]] = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, dict(self.headers.items())))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        endpoint = create_webhook_endpoint.sync(
            client=accord.client,
            body=WebhookEndpointCreate.from_dict({"url": url, "event_types": ["agreement.created"]}),
        )
        agreement = accord.create_agreement("SDK webhook check", ["US", "KR"], authority="other")
        deadline = time.monotonic() + 20
        while not any(agreement.id.encode() in body for body, _ in received) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.shutdown()
    body, headers = next((b, h) for b, h in received if agreement.id.encode() in b)
    event = webhooks.verify(body, headers, endpoint.secret)
    assert event.type == "agreement.created"
    assert event.data["agreement"]["id"] == agreement.id
    assert event.id == headers["webhook-id"]
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(body.replace(b"SDK", b"XYZ"), headers, endpoint.secret)
