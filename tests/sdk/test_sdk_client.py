"""Construction from the environment, the User-Agent, request ids, per-call options, retries
and paging, against mock servers."""

from __future__ import annotations

import tomllib

import accord_client
import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors
from accord_client._transport import RetryPolicy, RetryTransport
from conftest import CLIENT_DIR
from sdk_support import AGREEMENT, Script, problem

# -- construction ---------------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("ACCORD_API_KEY", raising=False)
    monkeypatch.delenv("ACCORD_BASE_URL", raising=False)
    return monkeypatch


@pytest.mark.parametrize("cls", [Accord, AsyncAccord])
def test_reads_the_key_and_url_from_the_environment(clean_env, cls):
    clean_env.setenv("ACCORD_API_KEY", "acc_from_env")
    clean_env.setenv("ACCORD_BASE_URL", "http://accord.example:8123/")
    client = cls()
    assert client.base_url == "http://accord.example:8123"
    assert client.client.token == "acc_from_env"
    # Arguments win over the environment.
    given = cls("http://other.example", "acc_given")
    assert (given.base_url, given.client.token) == ("http://other.example", "acc_given")


def test_the_base_url_defaults_to_the_local_server(clean_env):
    clean_env.setenv("ACCORD_API_KEY", "k")
    assert Accord().base_url == accord_client.DEFAULT_BASE_URL == "http://127.0.0.1:8000"


@pytest.mark.parametrize("cls", [Accord, AsyncAccord])
def test_no_key_fails_at_construction_with_a_clear_message(clean_env, cls):
    with pytest.raises(errors.ConfigurationError, match="ACCORD_API_KEY") as caught:
        cls("http://accord.test")
    assert isinstance(caught.value, errors.AccordError) and isinstance(caught.value, ValueError)
    clean_env.setenv("ACCORD_API_KEY", "")
    with pytest.raises(errors.ConfigurationError):
        cls()


def test_the_environment_key_is_sent(clean_env):
    clean_env.setenv("ACCORD_API_KEY", "acc_env_key")
    clean_env.setenv("ACCORD_BASE_URL", "http://accord.test")
    script = Script(httpx.Response(200, json=AGREEMENT))
    Accord(transport=httpx.MockTransport(script)).agreements.get("agr_1")
    sent = script.requests[0]
    assert sent.headers["Authorization"] == "Bearer acc_env_key"
    assert str(sent.url) == "http://accord.test/v1/agreements/agr_1"


# -- headers every request carries --------------------------------------------------------------------


def test_user_agent_names_the_one_version():
    pyproject = tomllib.loads((CLIENT_DIR / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "accord_client._version.__version__"}
    script = Script(httpx.Response(200, json=AGREEMENT))
    Accord("http://accord.test", "k", transport=httpx.MockTransport(script)).agreements.get("agr_1")
    assert script.requests[0].headers["User-Agent"] == f"accord-client/{accord_client.__version__}"
    assert accord_client.USER_AGENT == f"accord-client/{accord_client.__version__}"


async def test_user_agent_async():
    script = Script(httpx.Response(200, json={"status": "ok"}))
    async with AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(script)) as accord:
        await accord.health.live()
    assert script.requests[0].headers["User-Agent"].startswith("accord-client/")


def test_each_attempt_has_its_own_request_id_and_the_error_names_the_last():
    script = Script(httpx.ConnectError("refused"), problem(503, "service-unavailable"), problem(404, "not-found"))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), backoff=0)
    with pytest.raises(errors.NotFound) as caught:
        accord.agreements.get("agr_1")
    ids = [h["x-request-id"] for h in script.headers]
    assert len(set(ids)) == 3 and all(i.startswith("req_") for i in ids)
    assert caught.value.request_id == ids[-1]  # the mock echoes none: the id sent is kept


def test_a_request_id_of_your_own_is_kept_for_every_attempt():
    script = Script(httpx.ConnectError("refused"), httpx.Response(200, json=AGREEMENT))
    accord = Accord(
        "http://accord.test", "k", transport=httpx.MockTransport(script), backoff=0, headers={"X-Request-ID": "mine"}
    )
    accord.agreements.get("agr_1")
    assert [h["x-request-id"] for h in script.headers] == ["mine", "mine"]


# -- per-call options ------------------------------------------------------------------------------


def test_with_options_sets_the_timeout_of_its_calls_only():
    script = Script(*(httpx.Response(200, json=AGREEMENT) for _ in range(2)))
    accord = Accord("http://accord.test", "k", timeout=30, transport=httpx.MockTransport(script))
    quick = accord.with_options(timeout=1.5)
    quick.agreements.get("agr_1")
    accord.agreements.get("agr_1")
    assert script.requests[0].extensions["timeout"] == httpx.Timeout(1.5).as_dict()
    assert script.requests[1].extensions["timeout"] == httpx.Timeout(30).as_dict()
    # The derived client shares the connections and the rest of the configuration.
    assert quick.client is accord.client and quick.base_url == accord.base_url
    assert quick.agreements._client is quick and accord.agreements._client is accord


def test_with_options_sets_max_retries():
    script = Script(*(httpx.Response(503) for _ in range(3)))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=5, backoff=0)
    with pytest.raises(errors.ServiceUnavailable):
        accord.with_options(max_retries=2).agreements.get("agr_1")
    assert len(script.requests) == 3


async def test_with_options_async():
    script = Script(httpx.Response(200, json=AGREEMENT))
    async with AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(script)) as accord:
        await accord.with_options(timeout=2).agreements.get("agr_1")
    assert script.requests[0].extensions["timeout"] == httpx.Timeout(2).as_dict()


# -- retries ---------------------------------------------------------------------------------------


def _client(script: Script, **kwargs) -> Accord:
    return Accord("http://accord.test", "k", transport=httpx.MockTransport(script), backoff=0, **kwargs)


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, 429])
def test_get_is_retried_on_server_errors(status):
    script = Script(httpx.Response(status), httpx.Response(200, json=AGREEMENT))
    assert _client(script).agreements.get("agr_1").id == "agr_1"
    assert len(script.requests) == 2


def test_retry_after_is_honoured():
    waits: list[float] = []
    script = Script(httpx.Response(503, headers={"Retry-After": "3"}), httpx.Response(200))
    policy = RetryPolicy(max_retries=3, backoff=0.5, jitter=lambda cap: cap)
    client = httpx.Client(transport=RetryTransport(httpx.MockTransport(script), policy, sleep=waits.append))
    assert client.get("http://accord.test/readyz").status_code == 200
    assert waits == [3.0]


def test_backoff_is_jittered_and_bounded():
    policy = RetryPolicy(max_retries=10, backoff=0.5, max_backoff=4.0)
    for attempt in range(10):
        waits = {policy.delay(attempt, None) for _ in range(50)}
        assert all(0 <= w <= min(4.0, 0.5 * 2**attempt) for w in waits) and len(waits) > 1


def test_a_post_is_retried_with_its_idempotency_key():
    script = Script(problem(503, "service-unavailable"), httpx.Response(201, json=AGREEMENT))
    assert _client(script).agreements.create("t", ["US", "JP"]).id == "agr_1"
    keys = {h["idempotency-key"] for h in script.headers}
    assert len(script.requests) == 2 and len(keys) == 1


def test_a_patch_without_idempotency_key_is_not_retried_on_5xx():
    script = Script(problem(503, "service-unavailable"))
    with pytest.raises(errors.ServiceUnavailable):
        _client(script).agreements.update("agr_1", 1, title="x")
    assert len(script.requests) == 1


def test_a_patch_is_retried_on_429_which_did_nothing():
    script = Script(httpx.Response(429), httpx.Response(200, json=AGREEMENT))
    assert _client(script).agreements.update("agr_1", 1, title="x").id == "agr_1"
    assert len(script.requests) == 2


def test_a_post_whose_key_is_in_progress_is_retried():
    script = Script(problem(409, "idempotency-in-progress"), httpx.Response(201, json=AGREEMENT))
    assert _client(script).agreements.create("t", ["US", "JP"]).id == "agr_1"
    assert len(script.requests) == 2


def test_an_invalid_transition_is_not_retried():
    script = Script(problem(409, "invalid-transition", current_state="announced"))
    with pytest.raises(errors.InvalidTransition) as caught:
        _client(script).transitions.create("agr_1", "sign")
    assert len(script.requests) == 1 and caught.value.current_state == "announced"


def test_retries_are_bounded():
    script = Script(*(httpx.Response(502) for _ in range(4)))
    with pytest.raises(errors.ServerError) as caught:
        _client(script, max_retries=3).agreements.get("agr_1")
    assert len(script.requests) == 4 and caught.value.status == 502


# -- paging ------------------------------------------------------------------------------------------

PAGES = {
    None: {"data": [{**AGREEMENT, "id": "agr_1"}, {**AGREEMENT, "id": "agr_2"}], "next_cursor": "c2"},
    "c2": {"data": [{**AGREEMENT, "id": "agr_3"}, {**AGREEMENT, "id": "agr_4"}], "next_cursor": "c3"},
    "c3": {"data": [{**AGREEMENT, "id": "agr_5"}], "next_cursor": None},
}


class Pages:
    def __init__(self, pages=PAGES):
        self.pages = pages
        self.cursors: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.params["limit"] == "2"
        cursor = request.url.params.get("cursor")
        self.cursors.append(cursor)
        return httpx.Response(200, json=self.pages[cursor])


def test_iterating_a_page_follows_every_cursor():
    pages = Pages()
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(pages))
    page = accord.agreements.list(limit=2)
    assert [a.id for a in page.data] == ["agr_1", "agr_2"] and page.next_cursor == "c2" and page.has_next_page()
    assert pages.cursors == [None]  # one request so far
    assert [a.id for a in page] == ["agr_1", "agr_2", "agr_3", "agr_4", "agr_5"]
    assert pages.cursors == [None, "c2", "c3"]
    second = page.next_page()
    assert second is not None and [a.id for a in second.data] == ["agr_3", "agr_4"]
    assert [len(p.data) for p in page.iter_pages()] == [2, 2, 1]
    assert page.to_dict()["next_cursor"] == "c2"  # the generated page model underneath


def test_a_list_may_start_at_a_kept_cursor():
    pages = Pages()
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(pages))
    assert [a.id for a in accord.agreements.list(limit=2, cursor="c3")] == ["agr_5"]


def test_version_0_1_iterators_still_work():
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(Pages()))
    assert [a.id for a in accord.iter_agreements(limit=2)] == ["agr_1", "agr_2", "agr_3", "agr_4", "agr_5"]
    assert accord.list_agreements(limit=2).next_cursor == "c2"


def test_a_repeated_cursor_stops_the_iteration():
    looping = {None: {"data": [AGREEMENT], "next_cursor": "c"}, "c": {"data": [AGREEMENT], "next_cursor": "c"}}
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(Pages(looping)))
    with pytest.raises(errors.APIResponseValidationError, match="twice"):
        list(accord.agreements.list(limit=2))


async def test_async_pager_awaits_one_page_and_iterates_all():
    pages = Pages()
    async with AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(pages)) as accord:
        pager = accord.agreements.list(limit=2)
        assert pages.cursors == []  # nothing sent before it is awaited or iterated
        first = await pager
        assert [a.id for a in first.data] == ["agr_1", "agr_2"]
        assert [a.id async for a in pager] == ["agr_1", "agr_2", "agr_3", "agr_4", "agr_5"]
        assert [a.id async for a in first] == ["agr_1", "agr_2", "agr_3", "agr_4", "agr_5"]
        assert [len(p.data) async for p in first.iter_pages()] == [2, 2, 1]
        assert [a.id async for a in accord.iter_agreements(limit=2)][-1] == "agr_5"


def test_every_list_of_the_api_pages():
    """Each paginated operation goes through the same pages: deliveries, keys, endpoints, events."""
    endpoint = {
        "id": "we_1",
        "url": "http://x.test/",
        "event_types": [],
        "agreement_ids": [],
        "parties": [],
        "description": None,
        "enabled": True,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    event = {
        "id": "evt_1",
        "type": "agreement.created",
        "agreement_id": "agr_1",
        "position": 1,
        "created_at": "2026-01-01T00:00:00Z",
        "data": {},
    }
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("after" if request.url.path == "/v1/events" else "cursor")
        seen.append((request.url.path, cursor))
        item = event if request.url.path == "/v1/events" else endpoint
        return httpx.Response(200, json={"data": [item], "next_cursor": None if cursor else "n1"})

    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(handler))
    assert len(list(accord.webhook_endpoints.list())) == 2
    assert len(list(accord.events.list())) == 2
    assert len(list(accord.events.iterate())) == 2
    assert seen == [
        ("/v1/webhook-endpoints", None),
        ("/v1/webhook-endpoints", "n1"),
        ("/v1/events", None),
        ("/v1/events", "n1"),
        ("/v1/events", None),
        ("/v1/events", "n1"),
    ]
