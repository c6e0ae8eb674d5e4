"""The agreement list's index-backed filters, on SQLite and PostgreSQL: `q` from the trigram index
(FTS5 / pg_trgm) and its short-query window, `party` from agreement_parties, `as_of` with
`state`; and the derived tables staying in step with every write (check_search_indexes)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from service.agreements import search
from service.agreements.models import agreement_parties_table as P
from service.agreements.models import agreements_table as A
from service.seed import load_seed_into
from tests.helpers import create_agreement, fire, fire_all

TITLES = {
    "mx": ("United States–México–Canada Agreement", ["US", "MX", "CA"]),
    "ci": ("Côte d'Ivoire Trade and Investment Framework", ["US", "CI"]),
    "pct": ("KORUS 100%_revision \\ annex", ["US", "KR"]),
    "jp": ("U.S.-Japan Digital Trade Agreement", ["US", "JP"]),
    "tv": ("Pacific Islands Fisheries Accord", ["US", "TV", "FJ"]),
}


async def _ids(client, **params) -> list[str]:
    response = await client.get("/v1/agreements", params=params)
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["data"]]


async def _all_pages(client, **params) -> tuple[list[str], int]:
    """Every id the list gives, following next_cursor; and how many requests it took."""
    found, cursor, requests = [], None, 0
    while True:
        response = await client.get("/v1/agreements", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        requests += 1
        body = response.json()
        found += [a["id"] for a in body["data"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return found, requests


@pytest.fixture(autouse=True, params=["window", "index"])
def common_query_window(request, monkeypatch) -> None:
    """On SQLite an ASCII `q` reads a window of titles, then the FTS5 index after it: every test
    runs with the window reading everything ("window") and with it ending after one agreement,
    so the index answers the rest ("index")."""
    if request.param == "index":
        monkeypatch.setattr(search, "COMMON_QUERY_WINDOW", 1)


@pytest.fixture
async def made(client) -> dict[str, str]:
    ids = {}
    for key, (title, parties) in TITLES.items():
        ids[key] = (await create_agreement(client, title=title, parties=parties))["id"]
    return ids


async def test_q_is_a_case_insensitive_substring(client, made):
    assert await _ids(client, q="méxico") == [made["mx"]]
    assert await _ids(client, q="MÉXICO–CANADA") == [made["mx"]]  # non-ASCII case folds too
    assert await _ids(client, q="côte d'ivoire") == [made["ci"]]
    assert await _ids(client, q="d'Iv") == [made["ci"]]
    assert await _ids(client, q="trade") == [made["ci"], made["jp"]]
    assert await _ids(client, q="TRADE AGREEMENT") == [made["jp"]]
    assert await _ids(client, q="gital tra") == [made["jp"]]  # inside words, across a space
    assert await _ids(client, q="agreement") == [made["mx"], made["jp"]]
    assert await _ids(client, q="mexico") == []  # accents are not folded
    assert await _ids(client, q="no such title") == []
    assert await _ids(client, q='"quoted"') == []


async def test_q_takes_like_wildcards_and_quotes_literally(client, made):
    assert await _ids(client, q="100%_r") == [made["pct"]]
    assert await _ids(client, q="0%_") == [made["pct"]]
    assert await _ids(client, q="% ") == []  # no title has "% "
    assert await _ids(client, q="n_a") == []  # "_" is no wildcard: "Canada" does not match
    assert await _ids(client, q="\\ a") == [made["pct"]]
    assert await _ids(client, q="s\\a") == []
    assert await _ids(client, q="d'I") == [made["ci"]]


async def test_q_of_one_or_two_characters(client, made):
    assert await _ids(client, q="%") == [made["pct"]]
    assert await _ids(client, q="_") == [made["pct"]]
    assert await _ids(client, q="\\") == [made["pct"]]
    assert await _ids(client, q="ô") == [made["ci"]]
    assert await _ids(client, q="Sh") == [made["tv"]]  # "Fisheries", any case
    assert await _ids(client, q="u.") == [made["jp"]]
    assert await _ids(client, q="zz") == []


async def test_a_short_q_reads_a_bounded_window_and_pages_on(client, made, monkeypatch):
    """Past the window, a page may hold fewer agreements than asked, even none, and still carry a
    cursor; following the cursors gives every match once, in order."""
    monkeypatch.setattr(search, "SHORT_QUERY_WINDOW", 2)
    first = (await client.get("/v1/agreements", params={"q": "sh"})).json()
    assert first["data"] == [] and first["next_cursor"] is not None  # the first two have no "sh"
    found, requests = await _all_pages(client, q="sh")
    assert found == [made["tv"]]
    assert requests == 3  # windows of 2, 2 and 1 of the 5 agreements
    found, _ = await _all_pages(client, q="a", limit=1)
    assert found == [made[k] for k in ("mx", "ci", "pct", "jp", "tv")]
    found, _ = await _all_pages(client, q="%", party="KR")
    assert found == [made["pct"]]


async def test_q_pages_by_id_with_many_matches(client):
    ids = [(await create_agreement(client, title=f"Free Trade Agreement no. {n}"))["id"] for n in range(7)]
    other = await create_agreement(client, title="Something else")
    found, requests = await _all_pages(client, q="free trade", limit=3)
    assert found == ids and requests == 3
    assert other["id"] not in await _ids(client, q="agreement")


async def test_party_filter_rare_common_and_combined(client, made):
    assert await _ids(client, party="TV") == [made["tv"]]
    assert await _ids(client, party="US") == list(made.values())
    assert await _ids(client, party="GB") == []
    await fire(client, made["jp"], "start_domestic_procedures")
    assert await _ids(client, party="US", state="domestic_procedures") == [made["jp"]]
    assert await _ids(client, party="US", state="announced", q="trade") == [made["ci"]]
    assert await _ids(client, party="JP", q="trade") == [made["jp"]]
    assert await _ids(client, party="MX", q="japan") == []
    found, requests = await _all_pages(client, party="US", limit=2)
    assert found == list(made.values()) and requests == 3


async def test_the_indexes_follow_every_write(client, db, made):
    assert await search.check_search_indexes(db) == []
    jp = f"/v1/agreements/{made['jp']}"
    patched = await client.patch(jp, json={"title": "U.S.-Japan Reciprocal Tariff Deal"}, headers={"If-Match": '"1"'})
    assert patched.status_code == 200, patched.text
    assert await _ids(client, q="tariff deal") == [made["jp"]]
    assert await _ids(client, q="digital trade") == []
    # The API does not change parties; any other write (a script, a later migration) is followed too.
    for parties in (["US", "JP", "GB"], ["US", "GB"]):
        await db.write(lambda conn, p=parties: conn.execute(sa.update(A).where(A.c.id == made["jp"]).values(parties=p)))
        assert await _ids(client, party="GB") == [made["jp"]]
    assert await _ids(client, party="JP") == []
    assert await search.check_search_indexes(db) == []
    await fire(client, made["mx"], "start_domestic_procedures")
    assert await search.check_search_indexes(db) == []
    await load_seed_into(db)
    assert await search.check_search_indexes(db) == []
    assert len(await _ids(client, q="korea", limit=200)) >= 1


async def test_the_check_finds_a_side_table_out_of_step(client, db, made):
    await db.write(lambda conn: conn.execute(sa.delete(P).where(P.c.agreement_id == made["tv"])))
    problems = await search.check_search_indexes(db)
    assert sorted(problems) == sorted(f"agreement_parties lacks {made['tv']} {p}" for p in ("FJ", "TV", "US"))


async def test_in_a_state_as_of_a_day(client):
    """Before the announcement, on the day of a change, after it; with the other filters."""
    a = (await create_agreement(client, title="Alpha Free Trade", announced_at="2018-07-25"))["id"]
    b = (await create_agreement(client, title="Beta Free Trade", parties=["US", "MX"], announced_at="2018-09-01"))["id"]
    await fire_all(client, a, ("start_domestic_procedures", "2018-08-01"), ("suspend", "2018-10-01"))
    await fire_all(client, b, ("start_domestic_procedures", "2018-10-01"))
    assert await _ids(client, as_of="2018-07-24", state="announced") == []  # before any announcement
    assert await _ids(client, as_of="2018-07-25", state="announced") == [a]  # the day it was announced
    assert await _ids(client, as_of="2018-08-01", state="announced") == []  # changed that day
    assert await _ids(client, as_of="2018-08-01", state="domestic_procedures") == [a]
    assert await _ids(client, as_of="2018-09-30", state="announced") == [b]
    assert await _ids(client, as_of="2018-10-01", state="domestic_procedures") == [b]
    assert await _ids(client, as_of="2018-10-01", state="suspended") == [a]
    assert await _ids(client, as_of="2030-01-01", state="suspended") == [a]
    assert await _ids(client, as_of="2018-10-01", state="domestic_procedures", party="MX") == [b]
    assert await _ids(client, as_of="2018-09-15", state="domestic_procedures", party="MX") == []
    assert await _ids(client, as_of="2018-09-15", q="free trade") == [a, b]
    assert await _ids(client, as_of="2018-09-15", state="announced", q="beta") == [b]
    first = (await client.get("/v1/agreements", params={"as_of": "2018-09-15", "limit": 1})).json()
    assert [x["id"] for x in first["data"]] == [a] and first["data"][0]["state"] == "domestic_procedures"


# SQLite only: PostgreSQL's trigram index is part of the table, with nothing to fall out of step.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_check_finds_a_title_index_out_of_step(client, db, made):
    # A write that bypasses the triggers (as a table rebuilt without them would).
    await db.write(lambda conn: conn.exec_driver_sql("DROP TRIGGER agreement_titles_update"))
    patched = await client.patch(f"/v1/agreements/{made['tv']}", json={"title": "Renamed"}, headers={"If-Match": '"1"'})
    assert patched.status_code == 200, patched.text
    problems = await search.check_search_indexes(db)
    assert len(problems) == 1 and "Renamed" in problems[0] and "Pacific Islands Fisheries Accord" in problems[0]
