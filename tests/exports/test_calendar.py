"""Calendar feeds: tokens shown once, stored hashed, revocable; the feed as iCalendar read back
with vobject (a parser other than the icalendar package that writes it), with UIDs that survive a
change of date. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import httpx
import sqlalchemy as sa
import vobject

from service.consultations.models import consultations_table as C
from service.db import utcnow
from service.exports.models import calendar_feeds_table
from tests.helpers import US_EU, create_agreement, fire_all

DOCKET = {
    "docket_id": "USTR-2018-0035",
    "fr_citation": "83 FR 57526",
    "opens_on": "2018-11-15",
    "comments_due": "2018-12-10",
    "hearing_on": "2018-12-14",
}


async def _tpa_agreement(client) -> str:
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-07-25"), ("notify_congress", "2018-10-16"))
    return aid


def _anonymous(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test")


async def _events(app, url: str) -> dict[str, vobject.base.Component]:
    async with _anonymous(app) as anonymous:
        response = await anonymous.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = vobject.readOne(response.text)
    assert calendar.version.value == "2.0" and calendar.prodid.value
    return {event.uid.value: event for event in getattr(calendar, "vevent_list", [])}


async def _key(client, *scopes: str) -> dict[str, str]:
    response = await client.post("/v1/api-keys", json={"name": "desk", "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


async def test_a_feed_lists_deadlines_and_hearings_as_all_day_events(client, app):
    aid = await _tpa_agreement(client)
    docket = (await client.post(f"/v1/agreements/{aid}/consultations", json=DOCKET)).json()
    created = await client.post("/v1/calendar-feeds", json={"name": "US-EU desk", "agreement_id": aid})
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["token"].startswith("cal_") and len(feed["token"]) > 40
    assert feed["url"] == f"/v1/calendar/{feed['token']}.ics"

    events = await _events(app, feed["url"])
    deadlines = (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]
    dated = [d for d in deadlines if d["due_date"]]
    expected = {
        f"{aid}-{d['consultation_id']}-{d['clock']}@accord"
        if d["source"] == "consultation"
        else f"{aid}-{d['clock']}@accord": d
        for d in dated
    }
    assert set(events) == set(expected)
    for uid, event in events.items():
        deadline = expected[uid]
        assert event.dtstart.value == date.fromisoformat(deadline["due_date"])  # a date: all day
        assert not hasattr(event.dtstart.value, "hour")
        assert deadline["legal_basis"] in event.description.value
        assert event.summary.value.startswith(US_EU["title"])
        assert event.dtstamp.value.tzinfo is not None
        assert int(event.sequence.value) >= 0 and event.last_modified.value
    hearing = events[f"{aid}-{docket['id']}-hearing_on@accord"]
    assert hearing.dtstart.value == date(2018, 12, 14)


async def test_uids_stay_when_a_date_changes(client, app, db):
    aid = await _tpa_agreement(client)
    docket = (await client.post(f"/v1/agreements/{aid}/consultations", json=DOCKET)).json()
    url = (await client.post("/v1/calendar-feeds", json={"name": "all"})).json()["url"]
    before = await _events(app, url)

    corrected = await client.post(
        f"/v1/agreements/{aid}/transitions/3/corrections", json={"occurred_at": "2018-10-20", "reason": "typo"}
    )
    assert corrected.status_code == 201, corrected.text
    # Recorded a minute ago: a consultation's SEQUENCE counts the seconds from its recording to its last change.
    earlier = {"created_at": utcnow() - timedelta(minutes=1), "updated_at": utcnow() - timedelta(minutes=1)}
    await db.write(lambda conn: conn.execute(sa.update(C).where(C.c.id == docket["id"]).values(**earlier)))
    moved = await client.patch(f"/v1/agreements/{aid}/consultations/{docket['id']}", json={"hearing_on": "2018-12-17"})
    assert moved.status_code == 200, moved.text
    after = await _events(app, url)

    assert set(after) == set(before)
    changed = [uid for uid in before if before[uid].dtstart.value != after[uid].dtstart.value]
    assert f"{aid}-{docket['id']}-hearing_on@accord" in changed
    assert any(uid.startswith(f"{aid}-") and "USTR" not in uid and "cons" not in uid for uid in changed)
    for uid in changed:
        assert int(after[uid].sequence.value) > int(before[uid].sequence.value), uid
    assert after[f"{aid}-{docket['id']}-hearing_on@accord"].dtstart.value == date(2018, 12, 17)


async def test_the_token_is_shown_once_stored_hashed_and_revocable(client, app, db):
    aid = await _tpa_agreement(client)
    created = (await client.post("/v1/calendar-feeds", json={"name": "desk", "agreement_id": aid})).json()
    token = created["token"]
    listed = (await client.get("/v1/calendar-feeds")).json()["data"]
    assert [f["id"] for f in listed] == [created["id"]]
    assert token not in str(listed) and "token" not in listed[0] and "url" not in listed[0]
    async with db.read() as conn:
        rows = [dict(r) for r in (await conn.execute(sa.select(calendar_feeds_table))).mappings()]
    assert token not in str(rows) and rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()

    assert (await client.delete(f"/v1/calendar-feeds/{created['id']}")).status_code == 204
    async with _anonymous(app) as anonymous:
        gone = await anonymous.get(created["url"])
        assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"
        unknown = await anonymous.get("/v1/calendar/cal_not-a-token.ics")
        assert unknown.status_code == 404 and unknown.json()["detail"] == gone.json()["detail"]
    assert (await client.get("/v1/calendar-feeds")).json()["data"][0]["revoked_at"] is not None
    assert (await client.delete("/v1/calendar-feeds/feed_nothing")).status_code == 404


async def test_a_read_key_manages_its_own_feeds_only(client, app):
    aid = await _tpa_agreement(client)
    admin_feed = (await client.post("/v1/calendar-feeds", json={"name": "admin's"})).json()
    reader = await _key(client, "agreements:read")
    hooks = await _key(client, "webhooks:manage")
    async with _anonymous(app) as c:
        mine = await c.post("/v1/calendar-feeds", json={"name": "mine", "agreement_id": aid}, headers=reader)
        assert mine.status_code == 201, mine.text
        assert [f["name"] for f in (await c.get("/v1/calendar-feeds", headers=reader)).json()["data"]] == ["mine"]
        assert (await c.delete(f"/v1/calendar-feeds/{admin_feed['id']}", headers=reader)).status_code == 404
        assert (await c.post("/v1/calendar-feeds", json={"name": "x"}, headers=hooks)).status_code == 403
        assert (await c.get("/v1/calendar-feeds")).status_code == 401
        unknown = await c.post("/v1/calendar-feeds", json={"name": "x", "agreement_id": "agr_nothing"}, headers=reader)
        assert unknown.status_code == 422
        # The feed's own token opens only its feed: it is no API key.
        token = {"Authorization": f"Bearer {mine.json()['token']}"}
        assert (await c.get("/v1/agreements", headers=token)).status_code == 401
    assert len((await client.get("/v1/calendar-feeds")).json()["data"]) == 2  # an admin sees every feed


async def test_clocks_that_no_longer_apply_are_left_out(client, app):
    """Terminated after Congress was notified: the 90-day clock has a date but no meaning now."""
    aid = await _tpa_agreement(client)
    await fire_all(client, aid, ("terminate", "2018-11-01"))
    deadlines = (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]
    dropped = {d["clock"] for d in deadlines if d["status"] == "not_applicable" and d["due_date"]}
    assert dropped, "the fixture should give a dated clock that does not apply"
    url = (await client.post("/v1/calendar-feeds", json={"name": "desk", "agreement_id": aid})).json()["url"]
    events = await _events(app, url)
    assert not {uid for uid in events if any(uid == f"{aid}-{clock}@accord" for clock in dropped)}
