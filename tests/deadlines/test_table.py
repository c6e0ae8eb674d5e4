"""The deadlines table (issue 11): after every kind of write it equals a full recomputation of the
agreement's clocks; GET /v1/deadlines answers from it exactly as the assembled answer did;
statuses move with the day without any write; pages join across their boundary; `accord migrate`
fills it for an existing database. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import sqlalchemy as sa
import vobject

from service import cli
from service.agreements import service as agreements
from service.agreements.models import agreements_table as A
from service.agreements.schemas import TransitionCreate
from service.agreements.timeline import clock_date
from service.db import Database, utcnow
from service.deadlines import alerts, calendar, rows
from service.deadlines import service as deadlines
from service.deadlines.models import deadline_builds_table as BUILDS
from service.deadlines.models import deadlines_table as D
from service.deadlines.schemas import STATUSES, Deadline
from service.principal import Principal
from service.seed import load_seed_into
from tests.helpers import US_EU, create_agreement, fire, fire_all
from workflows import latest_definition


def today() -> date:
    return clock_date(utcnow())


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


async def consistent(db: Database) -> None:
    assert await deadlines.check_consistency(db) == []


async def table_rows(db: Database, agreement_id: str) -> dict[str, dict]:
    async with db.read() as conn:
        found = await conn.execute(sa.select(D).where(D.c.agreement_id == agreement_id))
        return {r["clock"]: dict(r) for r in found.mappings()}


async def reference(
    db: Database,
    on: date,
    *,
    status: str | None = None,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    limit: int = 200,
) -> list[Deadline]:
    """GET /v1/deadlines as it was assembled before the table: every agreement's clocks computed
    from its history, filtered in Python, with the consultations' dates."""
    found = [
        d
        for d in await deadlines.all_deadlines_on(db, on)
        if (status is None or d.status == status)
        and (due_before is None or (d.due_date is not None and d.due_date < due_before))
        and (due_on_or_after is None or (d.due_date is not None and d.due_date >= due_on_or_after))
    ]
    found += await deadlines.consultation_deadlines_across(
        db, today=on, due_before=due_before, due_on_or_after=due_on_or_after, status=status, limit=limit
    )
    found.sort(key=deadlines.order)
    return found[:limit]


async def test_every_write_keeps_the_table_equal_to_a_recomputation(db, client):
    # Creation under tpa: the clocks start as not_applicable (no trigger yet), open windows open.
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    assert set(await table_rows(db, aid)) == {c.name for c in latest_definition("trade-agreement").clocks_for("tpa")}
    await consistent(db)
    # Transitions that are clock events start and meet clocks.
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-07-25"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-01"),
        ("open_negotiations", "2019-01-14"),
    )
    await consistent(db)
    stored = await table_rows(db, aid)
    assert stored["notice_of_intent_to_negotiate"]["resolution"] == "met"
    # A milestone recorded late with its true date (a clock event before others).
    assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-20))).status_code == 201
    await consistent(db)
    assert (await table_rows(db, aid))["advisory_reports"]["resolution"] == rows.OPEN
    # An extension moves a due date.
    before = (await table_rows(db, aid))["advisory_reports"]["due_date"]
    extended = await fire(client, aid, "extend_deadline", clock="advisory_reports", days=15)
    assert extended.status_code == 201, extended.text
    await consistent(db)
    assert (await table_rows(db, aid))["advisory_reports"]["due_date"] == before + timedelta(days=15)
    # A correction of a clock event's date.
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    notice = next(h for h in history if h["event"] == "notify_intent_to_sign")
    corrected = await client.post(
        f"/v1/agreements/{aid}/transitions/{notice['sequence']}/corrections",
        json={"occurred_at": day(-25), "reason": "the notice was sent earlier"},
    )
    assert corrected.status_code == 201, corrected.text
    await consistent(db)
    assert (await table_rows(db, aid))["advisory_reports"]["trigger_date"] == today() - timedelta(days=25)
    # Terminated: the agreement is closed, its open clocks no longer apply.
    ended = await fire(client, aid, "terminate")
    assert ended.status_code == 201, ended.text
    await consistent(db)
    assert (await table_rows(db, aid))["advisory_reports"]["resolution"] == "not_applicable"
    # Void of the termination reopens them.
    voided = await client.post(
        f"/v1/agreements/{aid}/transitions/{ended.json()['transition']['sequence']}/void", json={"reason": "in error"}
    )
    assert voided.status_code == 200, voided.text
    await consistent(db)
    assert (await table_rows(db, aid))["advisory_reports"]["resolution"] == rows.OPEN
    # A patch (nothing it may change moves a clock) leaves the rows as they are.
    etag = (await client.get(f"/v1/agreements/{aid}")).headers["etag"]
    patched = await client.patch(f"/v1/agreements/{aid}", json={"title": "US-EU, renamed"}, headers={"If-Match": etag})
    assert patched.status_code == 200, patched.text
    await consistent(db)
    # A workflow upgrade: moved back to v1 behind the service's back (its rows are then stale),
    # the upgrade rewrites them for v3 under another authority.
    other = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await db.write(
        lambda conn: conn.execute(sa.update(A).where(A.c.id == other).values(workflow_version=1, authority=None))
    )
    assert await deadlines.check_consistency(db) != []
    await agreements.upgrade_workflow(db, Principal.system("test"), other, authority="section_103a")
    await consistent(db)
    # Agreements without clocks have no rows.
    plain = (await create_agreement(client, authority="other"))["id"]
    assert await table_rows(db, plain) == {}
    await consistent(db)


async def test_the_seed_loader_fills_the_table(db):
    created, _ = await load_seed_into(db)
    assert created > 0
    await consistent(db)
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(D))).scalar() > 0
    on = today()
    assert await deadlines.across_agreements(db, due_before=None, status=None, limit=200, today=on) == await reference(
        db, on
    )


async def test_the_endpoint_answers_as_the_assembled_deadlines_did(db, client):
    await load_seed_into(db)
    for offset in (-20, 0, 10, 40):
        aid = (await create_agreement(client, announced_at=day(-500), authority="tpa"))["id"]
        assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-30 - offset))).status_code == 201
    consultation = await client.post(
        f"/v1/agreements/{aid}/consultations",
        json={
            "docket_id": "USTR-2018-0035",
            "fr_citation": "83 FR 57526",
            "opens_on": day(-30),
            "comments_due": day(-1),
            "hearing_on": day(5),
        },
    )
    assert consultation.status_code == 201, consultation.text
    on = today()
    cases = [{}, {"limit": 7}, {"due_before": day(15)}, {"due_before": "2020-01-01", "limit": 3}]
    cases += [{"status": s} for s in STATUSES if s != "unrecorded"]
    cases += [{"status": "pending", "due_before": day(12)}, {"status": "missed", "limit": 5}]
    for params in cases:
        response = await client.get("/v1/deadlines", params=params)
        assert response.status_code == 200, response.text
        due_before = date.fromisoformat(params["due_before"]) if "due_before" in params else None
        expected = await reference(
            db, on, status=params.get("status"), due_before=due_before, limit=params.get("limit", 200)
        )
        assert response.json()["data"] == [d.model_dump(mode="json") for d in expected], params


async def test_statuses_move_with_the_day_without_a_write(db, client):
    """An open clock reads pending through its due date and missed the day after; an earliest one
    stays pending; met and not_applicable do not move. Asked on each day around the due dates."""
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-07-25"), ("notify_congress", "2018-10-16"))
    late = (await create_agreement(client, announced_at=day(-500), authority="tpa"))["id"]
    assert (await fire(client, late, "notify_intent_to_sign", occurred_at=day(-30))).status_code == 201
    due = (await table_rows(db, late))["advisory_reports"]["due_date"]
    assert due == today()  # 30 days after the notice (19 U.S.C. 4204(b)(4))
    for on in (due - timedelta(days=1), due, due + timedelta(days=1), date(2019, 1, 13), date(2019, 1, 14)):
        for status in (None, *STATUSES):
            got = await deadlines.across_agreements(db, due_before=None, status=status, limit=200, today=on)
            assert got == await reference(db, on, status=status), (on, status)
    on_due = await deadlines.across_agreements(db, due_before=None, status="pending", limit=200, today=due)
    assert ("advisory_reports", late) in {(d.clock, d.agreement_id) for d in on_due}
    after = await deadlines.across_agreements(db, due_before=None, status="missed", limit=200, today=due + timedelta(1))
    assert ("advisory_reports", late) in {(d.clock, d.agreement_id) for d in after}
    # The status helper and the workflow's own function agree on either side of a due date.
    for offset in (-1, 0, 1):
        assert rows.status_on(rows.OPEN, "latest", due, due + timedelta(offset)) == (
            "missed" if offset > 0 else "pending"
        )
        assert rows.status_on(rows.OPEN, "earliest", due, due + timedelta(offset)) == "pending"


async def test_pages_join_across_their_boundary(db, client):
    await load_seed_into(db)
    on = today()
    whole = await deadlines.statutory(db, today=on, status=None, limit=10_000)
    assert len(whole) > 12
    for size in (1, 5, 12):
        paged, after = [], None
        while True:
            page = await deadlines.statutory(db, today=on, status=None, limit=size, after=after)
            paged += page
            if len(page) < size:
                break
            after = rows.key_of(page[-1])
        assert paged == whole
        streamed = [r async for page in deadlines.pages(db, sa.true(), size=size) for r in page]
        assert streamed == whole
    # The API's first page and a longer one agree where they overlap.
    short = (await client.get("/v1/deadlines", params={"limit": 5})).json()["data"]
    longer = (await client.get("/v1/deadlines", params={"limit": 50})).json()["data"]
    assert short == longer[:5]
    # Undated clocks come last, after every dated one.
    dated = [r["due_date"] is not None for r in whole]
    assert dated == sorted(dated, reverse=True)


async def test_rebuild_and_the_consistency_check(db, client):
    await load_seed_into(db)
    await consistent(db)
    some = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await db.write(
        lambda conn: conn.execute(
            sa.update(D).where((D.c.agreement_id == some) & (D.c.clock == "itc_report")).values(days=1)
        )
    )
    days = next(c.days for c in latest_definition("trade-agreement").clocks if c.name == "itc_report")
    problems = await deadlines.check_consistency(db)
    assert problems == [f"{some} itc_report: days is 1, computed {days}"]
    await db.write(lambda conn: conn.execute(sa.delete(D).where(D.c.agreement_id != some)))
    assert len(await deadlines.check_consistency(db)) > 1
    assert await deadlines.rebuild_if_stale(db) > 0  # never built: rebuilt
    await consistent(db)
    assert await deadlines.rebuild_if_stale(db) is None  # built from these definitions
    async with db.read() as conn:
        assert (await conn.execute(sa.select(BUILDS.c.fingerprint))).scalars().all() == [rows.fingerprint()]


async def test_accord_migrate_fills_the_table_of_an_existing_database(db, database_url):
    """A database migrated before 0015 has agreements and no rows: `accord migrate` fills them."""
    await load_seed_into(db)
    await db.write(lambda conn: (conn.execute(sa.delete(D)), conn.execute(sa.delete(BUILDS))))
    assert await deadlines.check_consistency(db) != []
    with ThreadPoolExecutor(1) as pool:  # the command runs its own event loop
        pool.submit(cli.migrate, database_url).result()
    await consistent(db)


async def test_the_alert_scan_reads_each_deadline_until_it_is_decided(db, client):
    """The scan reads open `latest` rows in its windows that no alert has decided: a deadline missed
    before its agreement was recorded is noted once (no event), and read again only when a write
    moves its date."""
    aid = (await create_agreement(client, announced_at=day(-500), authority="tpa"))["id"]
    assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-100))).status_code == 201
    due = await alerts._due_alerts(db, today=today(), approaching_days=14)
    # The advisory reports (due 70 days ago), and the TPA window that closed years ago.
    assert {(a.agreement_id, a.key, a.kind) for a in due} == {
        (aid, "advisory_reports", alerts.NOT_NEWS),
        (aid, "tpa_window", alerts.NOT_NEWS),
    }
    assert await alerts.scan_once(db, approaching_days=14) == 0
    assert await alerts._due_alerts(db, today=today(), approaching_days=14) == []
    # An extension moves the due date (still before the agreement was recorded): looked at again, noted again.
    assert (await fire(client, aid, "extend_deadline", clock="advisory_reports", days=5)).status_code == 201
    again = await alerts._due_alerts(db, today=today(), approaching_days=14)
    assert [(a.key, a.kind) for a in again] == [("advisory_reports", alerts.NOT_NEWS)]
    assert await alerts.scan_once(db, approaching_days=14) == 0
    assert await alerts._due_alerts(db, today=today(), approaching_days=14) == []
    # Extended past today: an approaching alert, once.
    assert (await fire(client, aid, "extend_deadline", clock="advisory_reports", days=75)).status_code == 201
    assert await alerts.scan_once(db, approaching_days=14) == 1
    assert await alerts._due_alerts(db, today=today(), approaching_days=14) == []


async def test_concurrent_clock_events_and_a_rebuild_leave_it_consistent(db, client):
    """Extensions of the same agreements at once (row locks order them on PostgreSQL, the one
    writer on SQLite), with a rebuild running through them: the rows match at the end."""
    ids = [(await create_agreement(client, announced_at=day(-500), authority="tpa"))["id"] for _ in range(3)]
    for aid in ids:
        assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=day(-10))).status_code == 201
    principal = Principal.system("test")
    extend = TransitionCreate(event="extend_deadline", clock="advisory_reports", days=1)

    async def extend_one(aid: str) -> None:
        await agreements.transition(db, principal, aid, extend, expected_version=None)

    await asyncio.gather(*(extend_one(aid) for aid in ids * 6), deadlines.rebuild(db, batch=1))
    await consistent(db)
    for aid in ids:
        assert (await table_rows(db, aid))["advisory_reports"]["extension_days"] == 6


async def test_the_calendar_of_every_agreement_lists_every_dated_deadline(db, client, app, monkeypatch):
    """Streamed from the deadlines table a page at a time (pages of 7 here, to cross boundaries):
    every dated clock that applies and every consultation date, each once."""
    await load_seed_into(db)
    monkeypatch.setattr(deadlines, "pages", functools.partial(deadlines.pages, size=7))
    url = (await client.post("/v1/calendar-feeds", json={"name": "all"})).json()["url"]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as anonymous:
        response = await anonymous.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    events = vobject.readOne(response.text).vevent_list
    uids = [e.uid.value for e in events]
    on = today()
    statutory = [d for d in await deadlines.all_deadlines_on(db, on) if d.due_date and d.status != "not_applicable"]
    consultations = await deadlines.consultation_deadlines_across(db, today=on)
    expected = [calendar.uid(d) for d in statutory + consultations]
    assert len(uids) == len(set(uids)) > 7 and sorted(uids) == sorted(expected)
