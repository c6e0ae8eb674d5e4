"""tests/postgres.py: which PostgreSQL a test session uses.

The choices are checked with a stand-in for starting pgserver; one test starts the real one (about a
second), so the fallback keeps working on machines (CI's) whose own server always answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import helpers, postgres
from tests.helpers import free_port

THROWAWAY_URL = "postgresql+asyncpg://postgres@/postgres?host=%2Ftmp%2Faccord-pgserver-x&port=5432"


class FakeStart:
    """Stands in for start_pgserver: counts its calls, starts nothing."""

    def __init__(self) -> None:
        self.calls = 0
        self.stops = 0

    def __call__(self) -> postgres.Throwaway:
        self.calls += 1
        return postgres.Throwaway(THROWAWAY_URL, "16.2", Path("/tmp/accord-pgserver-x"), self.stop)

    def stop(self) -> None:
        self.stops += 1


def dead_url() -> str:
    return f"postgresql+asyncpg://postgres:secret@127.0.0.1:{free_port()}/test"


def test_unset_means_the_default_url_and_empty_stays_empty():
    assert postgres.configured_url({}) == postgres.DEFAULT_URL
    assert postgres.configured_url({postgres.ENV: ""}) == ""


def test_empty_skips_postgresql_and_starts_nothing():
    start = FakeStart()
    chosen = postgres.resolve({postgres.ENV: ""}, start=start)
    assert (chosen.url, chosen.source, start.calls) == ("", "skipped", 0)
    assert "skipped" in chosen.description


def test_a_url_that_does_not_answer_gets_a_throwaway_server():
    start = FakeStart()
    url = dead_url()
    chosen = postgres.resolve({postgres.ENV: url}, start=start)
    assert (chosen.url, chosen.source, start.calls) == (THROWAWAY_URL, "pgserver", 1)
    # The line says what is used and why, without the password.
    assert chosen.description.startswith("throwaway pgserver 16.2 at /tmp/accord-pgserver-x")
    assert url.replace(":secret", "") in chosen.description and "secret" not in chosen.description
    assert "ConnectionRefusedError" in chosen.description
    chosen.stop()
    chosen.stop()
    assert start.stops == 1


@pytest.mark.parametrize("ci", ["true", "1"])
def test_under_ci_a_url_that_does_not_answer_stops_the_session(ci):
    start = FakeStart()
    with pytest.raises(postgres.PostgresUnavailable, match=f"CI={ci}: CI tests against the machine's own"):
        postgres.resolve({postgres.ENV: dead_url(), "CI": ci}, start=start)
    assert start.calls == 0


def test_ci_false_is_not_ci():
    start = FakeStart()
    assert postgres.resolve({postgres.ENV: dead_url(), "CI": "false"}, start=start).source == "pgserver"


@pytest.mark.skipif(not helpers.POSTGRES_URL, reason="ACCORD_TEST_POSTGRES_URL is empty")
def test_a_url_that_answers_is_used_as_it_is():
    # This session's own server answers, whichever it is.
    start = FakeStart()
    chosen = postgres.resolve({postgres.ENV: helpers.POSTGRES_URL}, start=start)
    assert (chosen.url, chosen.source, start.calls) == (helpers.POSTGRES_URL, "env", 0)
    assert chosen.description.endswith(f"({postgres.ENV}), PostgreSQL {postgres.probe(helpers.POSTGRES_URL)[0]}")


def test_when_pgserver_fails_the_session_stops_and_says_why(monkeypatch):
    pgserver = postgres.import_pgserver()
    made = []

    def broken(datadir, **_):
        made.append(Path(datadir))
        raise OSError("no space left on device")

    monkeypatch.setattr(pgserver, "get_server", broken)
    with pytest.raises(postgres.PostgresUnavailable, match=r"no throwaway server could be had: .*no space left"):
        postgres.resolve({postgres.ENV: dead_url()})
    assert made and not made[0].exists()  # its temporary directory is gone


@pytest.mark.skipif(
    postgres.is_throwaway(helpers.POSTGRES_URL), reason="this session already runs on a throwaway pgserver"
)
def test_pgserver_starts_answers_and_is_removed():
    throwaway = postgres.start_pgserver()
    try:
        assert postgres.is_throwaway(throwaway.url)
        assert postgres.probe(throwaway.url) == (throwaway.version, None)
        assert throwaway.version.startswith("16.")
    finally:
        throwaway.stop()
    assert not throwaway.datadir.exists()
    assert postgres.probe(throwaway.url, timeout=1)[0] is None
