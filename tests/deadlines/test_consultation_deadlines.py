"""A consultation's dates are deadlines beside the statutory ones: pending through their day, then
`passed` (never missed); the approaching alert once, across scans, restarts and two workers; and
the dates across agreements read from their indexes. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import sqlalchemy as sa

from service.agreements.timeline import clock_date
from service.db import Database, utcnow
from service.deadlines import alerts
from service.deadlines.models import deadline_alerts_table as DA
from service.deadlines.service import consultation_dates
from service.webhooks.models import events_table as E
from tests.helpers import create_agreement, fire

DEADLINE_TYPES = ("agreement.deadline_approaching", "agreement.deadline_missed")


def today() -> date:
    return clock_date(utcnow())


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


async def consult(client, agreement_id: str, docket: str = "USTR-2018-0035", **dates) -> dict:
    body = {"docket_id": docket, "fr_citation": "83 FR 57526", "title": "Request for Comments", **dates}
    response = await client.post(f"/v1/agreements/{agreement_id}/consultations", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def undated_last(due: str | None) -> str:
    return due or "9999-12-31"


async def deadlines(client, agreement_id: str | None = None, **params) -> list[dict]:
    url = f"/v1/agreements/{agreement_id}/deadlines" if agreement_id else "/v1/deadlines"
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def alert_events(db: Database) -> list[dict]:
    async with db.read() as conn:
        rows = await conn.execute(
            sa.select(E.c.type, E.c.agreement_id, E.c.data).where(E.c.type.in_(DEADLINE_TYPES)).order_by(E.c.position)
        )
        return [dict(r._mapping) for r in rows]


async def test_dates_appear_beside_the_statutory_deadlines(client):
    # A tpa agreement whose President notified Congress of the intent to sign 20 days ago: its
    # advisory committees' reports are due in 10 days (a statutory clock).
    aid = (await create_agreement(client, announced_at=day(-420), authority="tpa"))["id"]
    assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-20))).status_code == 201
    docket = await consult(
        client,
        aid,
        opens_on=day(-30),
        comments_due=day(-1),
        hearing_on=day(5),
        post_hearing_comments_due=day(12),
    )
    found = await deadlines(client, aid)
    statutory = [d for d in found if d["source"] == "statutory"]
    assert statutory and {d["consultation_id"] for d in statutory} == {None}
    assert {d["clock"]: d["status"] for d in statutory}["advisory_reports"] == "pending"
    consultation = [d for d in found if d["source"] == "consultation"]
    assert found == statutory + consultation  # the clocks first, then the docket's dates
    assert [(d["clock"], d["due_date"], d["status"]) for d in consultation] == [
        ("comments_due", day(-1), "passed"),
        ("hearing_on", day(5), "pending"),
        ("post_hearing_comments_due", day(12), "pending"),
    ]
    comments = consultation[0]
    assert comments == {
        "agreement_id": aid,
        "clock": "comments_due",
        "event": "written_comments",
        "trigger": "federal_register_notice",
        "trigger_date": day(-30),
        "days": 29,
        "extension_days": 0,
        "bound": "latest",
        "due_date": day(-1),
        "status": "passed",
        "occurred_on": None,
        "closes": None,
        "exemption": None,
        "legal_basis": "Federal Register notice 83 FR 57526 (docket USTR-2018-0035)",
        "description": "written comments on the docket are due: Request for Comments",
        "source": "consultation",
        "consultation_id": docket["id"],
        "docket_id": "USTR-2018-0035",
    }
    # Across agreements: the same entries, soonest due first, the statutory one among them.
    across = await deadlines(client)
    assert [d["due_date"] for d in across] == sorted((d["due_date"] for d in across), key=undated_last)
    assert {(d["source"], d["clock"]) for d in across} >= {
        ("statutory", "advisory_reports"),
        ("consultation", "comments_due"),
        ("consultation", "hearing_on"),
        ("consultation", "post_hearing_comments_due"),
    }
    assert [d for d in across if d["source"] == "consultation"] == consultation


async def test_a_date_is_pending_through_its_day_then_passed_never_missed(client):
    aid = (await create_agreement(client, announced_at=day(-400)))["id"]
    await consult(client, aid, opens_on=day(-20), comments_due=day(0), hearing_on=day(-1))
    statuses = {d["clock"]: d["status"] for d in await deadlines(client, aid)}
    assert statuses == {"comments_due": "pending", "hearing_on": "passed"}
    # As of a past day: pending then; before the notice, not there at all.
    on = {d["clock"]: d["status"] for d in await deadlines(client, aid, on=day(-2))}
    assert on == {"comments_due": "pending", "hearing_on": "pending"}
    assert await deadlines(client, aid, on=day(-21)) == []
    assert await deadlines(client, status="missed") == []


async def test_filters_select_both_kinds(client):
    aid = (await create_agreement(client, announced_at=day(-420), authority="tpa"))["id"]
    assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-20))).status_code == 201
    other = (await create_agreement(client, title="Another"))["id"]
    old = await consult(client, aid, opens_on=day(-60), comments_due=day(-40), hearing_on=day(-30))
    soon = await consult(client, other, "USTR-2018-0036", opens_on=day(-5), comments_due=day(3))
    far = await consult(client, other, "USTR-2018-0037", opens_on=day(-5), comments_due=day(200))

    def keys(found: list[dict]) -> list[tuple]:
        return [(d["source"], d["clock"], d["consultation_id"]) for d in found]

    passed = await deadlines(client, status="passed")
    assert keys(passed) == [
        ("consultation", "comments_due", old["id"]),
        ("consultation", "hearing_on", old["id"]),
    ]
    pending = await deadlines(client, status="pending")
    assert {d["status"] for d in pending} == {"pending"}
    assert ("statutory", "advisory_reports", None) in keys(pending)
    assert ("consultation", "comments_due", soon["id"]) in keys(pending)
    assert ("consultation", "comments_due", far["id"]) in keys(pending)
    # due_before: strictly before; with status, both at once.
    early = await deadlines(client, due_before=day(-30))
    assert [k for k in keys(early) if k[0] == "consultation"] == [("consultation", "comments_due", old["id"])]
    assert all(d["due_date"] < day(-30) for d in early)
    assert ("statutory", "tpa_window", None) in keys(early)  # TPA-2015's window, 2021-06-30
    window = await deadlines(client, status="pending", due_before=day(100))
    assert ("consultation", "comments_due", soon["id"]) in keys(window)
    assert ("statutory", "advisory_reports", None) in keys(window)
    assert far["id"] not in {d["consultation_id"] for d in window}
    assert all(d["due_date"] < day(100) for d in window)
    # limit: the soonest first, whichever their source.
    everything = await deadlines(client)
    assert await deadlines(client, limit=3) == everything[:3]
    assert [d["due_date"] for d in everything] == sorted((d["due_date"] for d in everything), key=undated_last)
    for status in ("met", "missed", "not_applicable"):
        assert {d["source"] for d in await deadlines(client, status=status)} <= {"statutory"}
    refused = await client.get("/v1/deadlines", params={"status": "late"})
    assert refused.status_code == 422


async def test_the_approaching_alert_once_and_never_missed(db, client):
    aid = (await create_agreement(client, announced_at=day(-400)))["id"]
    near = await consult(client, aid, opens_on=day(-10), comments_due=day(10), hearing_on=day(13))
    await consult(client, aid, "USTR-2018-0036", opens_on=day(-30), comments_due=day(-1))  # passed: no alert
    await consult(client, aid, "USTR-2018-0037", opens_on=day(-10), comments_due=day(40))  # beyond the horizon

    assert await alerts.scan_once(db, approaching_days=14) == 2
    events = await alert_events(db)
    assert [(e["type"], e["agreement_id"]) for e in events] == [("agreement.deadline_approaching", aid)] * 2
    sent = sorted((e["data"]["deadline"]["clock"], e["data"]["deadline"]["due_date"]) for e in events)
    assert sent == [("comments_due", day(10)), ("hearing_on", day(13))]
    deadline = events[0]["data"]["deadline"]
    assert deadline["source"] == "consultation" and deadline["consultation_id"] == near["id"]
    assert deadline["status"] == "pending" and deadline["docket_id"] == "USTR-2018-0035"
    async with db.read() as conn:
        keys = set((await conn.execute(sa.select(DA.c.clock).where(DA.c.agreement_id == aid))).scalars())
    assert keys == {f"comments_due:{near['id']}", f"hearing_on:{near['id']}"}

    # Again: nothing new. A longer horizon reaches the third, once.
    assert await alerts.scan_once(db, approaching_days=14) == 0
    assert await alerts.scan_once(db, approaching_days=60) == 1
    assert await alerts.scan_once(db, approaching_days=60) == 0
    # Moving a date already announced does not announce it again.
    moved = await client.patch(f"/v1/agreements/{aid}/consultations/{near['id']}", json={"comments_due": day(11)})
    assert moved.status_code == 200, moved.text
    assert await alerts.scan_once(db, approaching_days=60) == 0
    assert [e["type"] for e in await alert_events(db)] == ["agreement.deadline_approaching"] * 3


async def test_a_passed_date_never_raises_a_missed_alert(db, client):
    """Even one that fell after the agreement was recorded: comment dates pass, they are not missed."""
    aid = (await create_agreement(client, announced_at=day(-400)))["id"]
    await consult(client, aid, opens_on=day(-10), comments_due=day(-2), hearing_on=day(-1))
    assert await alerts.scan_once(db, approaching_days=14) == 0
    assert await alert_events(db) == []


async def test_once_across_two_workers_and_a_restart(db, client, database_url):
    first = (await create_agreement(client, announced_at=day(-400)))["id"]
    second = (await create_agreement(client, title="Another", announced_at=day(-400)))["id"]
    await consult(client, first, opens_on=day(-10), comments_due=day(3), hearing_on=day(7))
    await consult(client, second, opens_on=day(-10), comments_due=day(0))
    workers = [Database(database_url), Database(database_url)]
    try:
        counts = await asyncio.gather(*(alerts.scan_once(w, approaching_days=14) for w in workers))
        assert sum(counts) == 3 and sorted(counts) in ([0, 3], [1, 2])
        restarted = Database(database_url)
        try:
            assert await alerts.scan_once(restarted, approaching_days=14) == 0
        finally:
            await restarted.dispose()
    finally:
        for worker in workers:
            await worker.dispose()
    events = await alert_events(db)
    assert sorted(e["agreement_id"] for e in events) == sorted([first, first, second])
    assert {e["type"] for e in events} == {"agreement.deadline_approaching"}


async def test_dates_across_agreements_are_read_from_their_indexes(db):
    """GET /v1/deadlines and the alert scan read a window of each date's index, not every row."""
    for field in ("comments_due", "hearing_on", "post_hearing_comments_due"):
        query = consultation_dates(field, due_before=date(2019, 1, 1), due_on_or_after=date(2018, 1, 1), limit=10)
        compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
        async with db.engine.connect() as conn:
            if db.is_sqlite:
                plan = " ".join(str(r[-1]) for r in await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
            else:
                await conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
                plan = " ".join(r[0] for r in await conn.exec_driver_sql(f"EXPLAIN {compiled}"))
        assert f"ix_consultations_{field}" in plan, plan


async def test_deadlines_across_agreements_page_by_cursor(client):
    """Pages of every size, following next_cursor, give the one-page list exactly: statutory clocks
    and consultation dates interleaved by due date, ties (the same day, the same agreement)
    included, status filters too; a forged cursor is a 422."""
    ids = []
    for offset in (-420, -400):
        aid = (await create_agreement(client, announced_at=day(offset), authority="tpa"))["id"]
        assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-20))).status_code == 201
        ids.append(aid)
    for aid in ids:  # dates on the statutory clocks' own days and between them
        for docket, shift in (("USTR-2018-0035", 0), ("USTR-2019-0001", 3)):
            await consult(
                client,
                aid,
                docket=docket,
                opens_on=day(-30),
                comments_due=day(-1 + shift),
                hearing_on=day(10 + shift),
                post_hearing_comments_due=day(12 + shift),
            )
    for params in ({}, {"status": "pending"}, {"status": "passed"}, {"due_before": day(11)}):
        whole = (await client.get("/v1/deadlines", params={**params, "limit": 200})).json()
        assert whole["next_cursor"] is None and len(whole["data"]) >= (8 if not params else 2)
        assert any(d["source"] == "consultation" for d in whole["data"])
        assert any(d["source"] == "statutory" for d in whole["data"]) or params.get("status") == "passed"
        for size in (1, 2, 3, 5):
            paged, cursor = [], None
            while True:
                query = {**params, "limit": size, **({"cursor": cursor} if cursor else {})}
                response = await client.get("/v1/deadlines", params=query)
                assert response.status_code == 200, response.text
                page = response.json()
                assert len(page["data"]) <= size
                paged += page["data"]
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            assert paged == whole["data"], (params, size)
    forged = await client.get("/v1/deadlines", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert forged.status_code == 422 and forged.headers["content-type"].startswith("application/problem+json")
