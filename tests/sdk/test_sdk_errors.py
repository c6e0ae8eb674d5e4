"""Typed errors: every problem type the server sends has its class, every error carries a
request id, httpx's exceptions never escape, and bad arguments fail before any request."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors
from sdk_support import Script, dead_port, problem, silent_server, title

from service.errors import PROBLEM_TYPES as SERVER_PROBLEM_TYPES
from tests.helpers import ADMIN_KEY, ServerProcess

# -- the mapping, against the server's own list -------------------------------------------------


def test_every_problem_type_the_server_sends_has_a_class():
    """Fails when the server gains a problem type (service/errors.py) the SDK does not map."""
    missing = sorted(set(SERVER_PROBLEM_TYPES) - set(errors.PROBLEM_TYPES))
    assert not missing, f"accord_client.errors.PROBLEM_TYPES lacks {missing}: add a class for each"
    stale = sorted(set(errors.PROBLEM_TYPES) - set(SERVER_PROBLEM_TYPES))
    assert not stale, f"the server no longer sends {stale}"
    for slug, server_class in SERVER_PROBLEM_TYPES.items():
        sdk_class = errors.PROBLEM_TYPES[slug]
        assert sdk_class.http_status == server_class.status, slug
        assert sdk_class.slug == slug
        assert issubclass(sdk_class, errors.APIStatusError) and sdk_class.__doc__


@pytest.mark.parametrize("slug", sorted(SERVER_PROBLEM_TYPES))
def test_each_problem_type_raises_its_class_with_the_request_id(slug):
    status = SERVER_PROBLEM_TYPES[slug].status
    script = Script(problem(status, slug, request_id="req_from_server", detail="why"))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=0)
    with pytest.raises(errors.PROBLEM_TYPES[slug]) as caught:
        accord.agreements.update("agr_1", 1, title="x")  # a PATCH: never retried, whatever the status
    error = caught.value
    assert type(error) is errors.PROBLEM_TYPES[slug]
    assert (error.status, error.type, error.detail) == (status, f"https://accord.dev/problems/{slug}", "why")
    assert error.request_id == "req_from_server" and "req_from_server" in str(error)
    assert isinstance(error, errors.AccordError) and not isinstance(error, httpx.HTTPError)


def test_named_classes_of_the_issue():
    assert errors.PROBLEM_TYPES["unauthorized"] is errors.AuthenticationError
    assert errors.PROBLEM_TYPES["forbidden"] is errors.PermissionDenied
    assert errors.PROBLEM_TYPES["webhook-url-refused"] is errors.WebhookUrlRefused
    assert issubclass(errors.WebhookUrlRefused, errors.ValidationError)
    assert issubclass(errors.InvalidTransition, errors.Conflict)
    assert issubclass(errors.ServiceUnavailable, errors.ServerError)
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)


@pytest.mark.parametrize(
    ("status", "slug", "expected"),
    [
        (409, "some-new-conflict", errors.Conflict),
        (422, "some-new-validation", errors.ValidationError),
        (418, "teapot", errors.APIStatusError),
        (502, None, errors.ServerError),
        (504, None, errors.ServerError),
        (401, None, errors.AuthenticationError),
    ],
)
def test_unknown_types_fall_back_by_status(status, slug, expected):
    error = errors.from_response(status, b"{}" if slug is None else problem(status, slug).content)
    assert type(error) is expected and error.status == status


def test_a_body_that_is_not_a_problem_still_gives_a_typed_error():
    error = errors.from_response(502, b"<html>bad gateway</html>", httpx.Headers({"X-Request-ID": "r1"}))
    assert type(error) is errors.ServerError and error.title == "Bad Gateway" and error.request_id == "r1"


def test_extension_members():
    history = errors.from_response(409, problem(409, "history-conflict", sequence=2, voidable_sequence=5).content)
    assert isinstance(history, errors.HistoryConflict) and (history.sequence, history.voidable_sequence) == (2, 5)
    limit = errors.from_response(409, problem(409, "limit-reached", limit=1000).content)
    assert isinstance(limit, errors.LimitReached) and limit.limit == 1000
    invalid = errors.from_response(422, problem(422, "validation-error", errors=[{"loc": ["body"]}]).content)
    assert invalid.errors == [{"loc": ["body"]}]


def test_a_success_body_that_cannot_be_read_is_typed():
    script = Script(httpx.Response(200, json={"not": "an agreement"}, headers={"X-Request-ID": "r2"}))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script))
    with pytest.raises(errors.APIResponseValidationError) as caught:
        accord.agreements.get("agr_1")
    assert caught.value.request_id == "r2" and "AgreementOut" in str(caught.value)


# -- no answer: connection errors and timeouts ----------------------------------------------------


def test_a_dead_port_raises_api_connection_error_with_a_request_id():
    accord = Accord(f"http://127.0.0.1:{dead_port()}", "k", max_retries=1, backoff=0)
    with pytest.raises(errors.APIConnectionError) as caught:
        accord.agreements.get("agr_1")
    error = caught.value
    assert type(error) is errors.APIConnectionError and not isinstance(error, httpx.HTTPError)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert error.request_id and error.request_id.startswith("req_")
    assert "GET" in str(error) and "/v1/agreements/agr_1" in str(error)


async def test_a_dead_port_raises_api_connection_error_async():
    async with AsyncAccord(f"http://127.0.0.1:{dead_port()}", "k", max_retries=0) as accord:
        with pytest.raises(errors.APIConnectionError):
            await accord.agreements.get("agr_1")
        with pytest.raises(errors.APIConnectionError):
            await accord.agreements.list()  # the pager sends when awaited


def test_a_timeout_raises_api_timeout_error():
    with silent_server() as url:
        accord = Accord(url, "k", max_retries=0)
        with pytest.raises(errors.APITimeoutError) as caught:
            accord.with_options(timeout=0.2).agreements.get("agr_1")  # the client's own 30 s would hang the test
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout) and caught.value.request_id


async def test_a_timeout_raises_api_timeout_error_async():
    with silent_server() as url:
        async with AsyncAccord(url, "k", timeout=0.2, max_retries=0) as accord:
            with pytest.raises(errors.APITimeoutError):
                await asyncio.wait_for(accord.health.ready(), 10)


def test_a_raw_httpx_error_from_a_transport_is_wrapped():
    script = Script(httpx.RemoteProtocolError("garbage"))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=0)
    with pytest.raises(errors.APIConnectionError) as caught:
        accord.agreements.update("agr_1", 1, title="x")
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)


# -- arguments the API cannot take: refused before sending ---------------------------------------


def _never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"nothing should have been sent: {request.method} {request.url}")


@pytest.mark.parametrize(
    ("call", "name", "value"),
    [
        (lambda a: a.api_keys.create("ci", ["nope"]), "scopes", "nope"),
        (lambda a: a.api_keys.create("ci", "admin"), "scopes", "admin"),
        (lambda a: a.webhook_endpoints.create("http://x.test/", event_types=["nope"]), "event_types", "nope"),
        (lambda a: a.webhook_endpoints.update("we_1", event_types=["nope"]), "event_types", "nope"),
        (lambda a: a.webhook_endpoints.test("we_1", type="nope"), "type", "nope"),
        (lambda a: a.events.list(type="nope"), "type", "nope"),
        (lambda a: a.events.stream(type="nope"), "type", "nope"),
        (lambda a: a.deadlines.list(status="nope"), "status", "nope"),
        (lambda a: a.agreements.create("t", ["US", "XX"]), "parties", "XX"),
        (lambda a: a.agreements.create("t", ["US", "JP"], authority="nope"), "authority", "nope"),
        (lambda a: a.agreements.get("agr_1", as_of="2019-13-01"), "as_of", "2019-13-01"),
        (lambda a: a.transitions.create("agr_1", "sign", occurred_at="yesterday"), "occurred_at", "yesterday"),
        (lambda a: a.transitions.correct("agr_1", 2, reason="r", clear=["event"]), "clear", "event"),
        (lambda a: a.webhook_endpoints.replay("we_1", since="last week"), "since", "last week"),
    ],
)
def test_bad_arguments_raise_invalid_argument(call, name, value):
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(_never_called))
    with pytest.raises(errors.InvalidArgument) as caught:
        call(accord)
    error = caught.value
    assert isinstance(error, errors.AccordError) and isinstance(error, ValueError)
    assert (error.name, error.value) == (name, value)
    assert name in str(error) and repr(value) in str(error)


def test_invalid_argument_lists_the_accepted_values():
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(_never_called))
    with pytest.raises(errors.InvalidArgument, match="admin, agreements:read, agreements:write, webhooks:manage"):
        accord.api_keys.create("ci", ["agreements:read", "nope"])


async def test_bad_arguments_raise_at_the_call_in_async_too():
    accord = AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(_never_called))
    with pytest.raises(errors.InvalidArgument):
        accord.events.list(type="nope")  # not even awaited
    with pytest.raises(errors.InvalidArgument):
        await accord.api_keys.create("ci", ["nope"])


# -- against the real server ----------------------------------------------------------------------


@pytest.fixture
def accord(accord_server):
    with Accord(accord_server.base_url, ADMIN_KEY, timeout=10) as client:
        yield client


def test_live_401_403_404_409_412_422(accord: Accord, accord_server):
    with Accord(accord_server.base_url, "acc_not_a_key", max_retries=0) as stranger:
        with pytest.raises(errors.AuthenticationError) as unauthorized:
            stranger.agreements.list()
    assert unauthorized.value.status == 401 and unauthorized.value.headers["WWW-Authenticate"].startswith("Bearer")

    reader = accord.api_keys.create(title("sdk-reader").replace(" ", "-"), ["agreements:read"])
    with Accord(accord_server.base_url, reader.key) as read_only:
        with pytest.raises(errors.PermissionDenied) as forbidden:
            read_only.agreements.create(title("Refused"), ["US", "JP"])
    assert forbidden.value.status == 403

    with pytest.raises(errors.NotFound) as missing:
        accord.agreements.get("agr_does_not_exist")
    assert missing.value.status == 404

    agreement = accord.agreements.create(title("United States-Vietnam"), ["US", "VN"], authority="other")
    with pytest.raises(errors.InvalidTransition) as refused:
        accord.transitions.create(agreement.id, "sign")
    assert refused.value.current_state == "announced" and "start_domestic_procedures" in refused.value.allowed_events

    with pytest.raises(errors.VersionMismatch) as stale:
        accord.agreements.update(agreement.id, 7, title="stale")
    assert stale.value.current_version == 1

    with pytest.raises(errors.ValidationError) as invalid:
        accord.agreements.create(title("One party"), ["US"])
    assert invalid.value.status == 422 and invalid.value.errors[0]["loc"] == ["body", "parties"]

    with pytest.raises(errors.HistoryConflict) as history:
        accord.transitions.void(agreement.id, 1, "the announcement cannot be voided")
    assert history.value.sequence == 1

    # Every error names the request: the id the SDK sent, which the server echoed and logged.
    for caught in (unauthorized, forbidden, missing, refused, stale, invalid, history):
        assert caught.value.request_id and caught.value.request_id.startswith("req_")
        assert caught.value.headers["X-Request-ID"] == caught.value.request_id


def test_live_webhook_url_refused(tmp_path):
    """The session's servers allow private networks (for local receivers); this one does not."""
    server = ServerProcess(
        f"sqlite+aiosqlite:///{tmp_path / 'accord.db'}", env={"ACCORD_DEADLINE_SCAN_ENABLED": "false"}
    )
    server.start()
    try:
        with Accord(server.base_url, ADMIN_KEY) as accord, pytest.raises(errors.WebhookUrlRefused) as caught:
            accord.webhook_endpoints.create("http://127.0.0.1:9/hook")
    finally:
        server.stop()
    assert caught.value.status == 422 and "127.0.0.1" in caught.value.detail and caught.value.request_id
