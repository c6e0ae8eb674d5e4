"""A fuzz strategy for what the outside review found schemathesis missing: dates at the ends of
the calendar with every offset, and JSON nested far deeper than anyone means to send.

Against a real server, on both databases: every answer is a 2xx or a problem (never a 500), and
a refused request stores nothing."""

import json
from datetime import UTC, datetime, timedelta, timezone

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import AUTH, JAPAN

OFFSETS = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
EDGE_YEARS = st.one_of(st.integers(1, 3), st.integers(1897, 1902), st.integers(2998, 2999), st.integers(9997, 9999))
DATES = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", EDGE_YEARS, st.integers(1, 12), st.integers(1, 28)),
    st.builds(
        lambda y, m, d, tz: datetime(y, m, d, 12, tzinfo=tz).isoformat(),
        EDGE_YEARS,
        st.integers(1, 12),
        st.integers(1, 28),
        OFFSETS,
    ),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)).map(
        lambda d: d.isoformat()
    ),
)
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8))


def _nested(depth: int, leaf) -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


DEEP = st.builds(_nested, st.integers(0, 400), LEAVES)


def _ok(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_extreme_dates_and_deep_json_never_500(server):
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=30) as client:
        agreement = client.post("/v1/agreements", json=JAPAN).json()
        transitions = f"/v1/agreements/{agreement['id']}/transitions"

        @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(announced=DATES, occurred=DATES, metadata=DEEP)
        def check(announced, occurred, metadata):
            before = len(client.get("/v1/agreements", params={"limit": 200}).json()["data"])
            body = json.dumps({**JAPAN, "announced_at": announced, "metadata": {"m": metadata}})
            created = client.post("/v1/agreements", content=body, headers={"content-type": "application/json"})
            _ok(created)
            after = len(client.get("/v1/agreements", params={"limit": 200}).json()["data"])
            assert after == before + (1 if created.status_code == 201 else 0)
            moved = client.post(transitions, json={"event": "agreement_in_principle", "occurred_at": occurred})
            _ok(moved)
            _ok(
                client.patch(
                    f"/v1/agreements/{agreement['id']}",
                    content=json.dumps({"metadata": {"m": metadata}}),
                    headers={"content-type": "application/json", "If-Match": "*"},
                )
            )

        check()
