"""The namespaces of issue 13 against a real `accord serve`, on SQLite and on PostgreSQL:
documents (and the timeline), rounds, consultations, CSV exports and calendar feeds."""

from __future__ import annotations

import datetime
import io
import json
import time

import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors, webhooks
from accord_client.models import CalendarFeedCreated, ConsultationOut, DocumentOut, RoundOut, Timeline
from sdk_support import Script, problem, title

from tests.helpers import ADMIN_KEY

# authority "other": no statutory clocks, so the path may be walked on any dates.
TO_NEGOTIATING = (
    ("start_domestic_procedures", "2018-09-26"),
    ("notify_congress", "2018-10-16"),
    ("open_negotiations", "2019-04-15"),
)


@pytest.fixture
def accord(accord_server):
    with Accord(accord_server.base_url, ADMIN_KEY, timeout=10) as client:
        yield client


def _negotiating(accord: Accord, word: str) -> str:
    agreement = accord.agreements.create(title(word), ["US", "JP"], authority="other", announced_at="2018-09-25")
    for event, day in TO_NEGOTIATING:
        accord.transitions.create(agreement.id, event, occurred_at=day)
    return agreement.id


def _feed(accord: Accord, agreement_id: str, prefix: str, count: int) -> list:
    """The agreement's events of `prefix`, once `count` are listed. On PostgreSQL the feed shows an
    event only when every older transaction of the server (any database) has ended, so a busy
    server may list it a moment after the write returned."""
    deadline = time.monotonic() + 15
    while True:
        events = [e for e in accord.events.list(agreement_id=agreement_id) if str(e.type_).startswith(prefix)]
        if len(events) >= count or time.monotonic() > deadline:
            return events
        time.sleep(0.1)


def _feed_types(accord: Accord, agreement_id: str, prefix: str, count: int = 3) -> list[str]:
    return [str(e.type_) for e in _feed(accord, agreement_id, prefix, count)]


def test_documents_and_the_timeline(accord: Accord):
    agreement = accord.agreements.create(title("United States-Japan"), ["US", "JP"], authority="other")
    moved = accord.transitions.create(agreement.id, "start_domestic_procedures")
    notice = accord.documents.create(
        agreement.id,
        "federal_register_notice",
        "Request for comments on negotiating objectives",
        "https://www.federalregister.gov/d/2018-22623",
        "2018-10-26",
        sequence=moved.transition.sequence,
        fr_citation="83 FR 54164",
    )
    assert isinstance(notice, DocumentOut) and notice.id.startswith("doc_")
    sheet = accord.documents.create(
        agreement.id, "fact_sheet", "Fact sheet", "https://ustr.gov/fact-sheet", "2018-09-26", note="a note"
    )
    assert accord.documents.get(agreement.id, notice.id).fr_citation == "83 FR 54164"
    assert sorted(d.id for d in accord.documents.list(agreement.id, limit=1)) == sorted([notice.id, sheet.id])
    assert [d.id for d in accord.documents.list(agreement.id, attached=True)] == [notice.id]
    assert [d.id for d in accord.documents.list(agreement.id, type="fact_sheet")] == [sheet.id]

    updated = accord.documents.update(agreement.id, sheet.id, title="Fact sheet, revised", clear=["note"])
    assert updated.title == "Fact sheet, revised" and updated.note is None

    timeline = accord.documents.timeline(agreement.id, limit=1)  # every entry of every page
    assert isinstance(timeline.model, Timeline) and [u.id for u in timeline.unattached] == [sheet.id]
    entries = list(timeline)
    assert [e.sequence for e in entries] == [1, moved.transition.sequence]
    assert [d.id for d in entries[-1].documents] == [notice.id]

    with pytest.raises(errors.InvalidArgument, match="type"):
        accord.documents.create(agreement.id, "memo", "x", "https://x.test", "2018-01-01")
    with pytest.raises(errors.InvalidArgument, match="clear"):
        accord.documents.update(agreement.id, sheet.id, clear=["title"])
    with pytest.raises(errors.ValidationError):
        accord.documents.create(agreement.id, "other", "future", "https://x.test", "2999-01-01")

    accord.documents.delete(agreement.id, sheet.id)
    with pytest.raises(errors.NotFound):
        accord.documents.get(agreement.id, sheet.id)
    assert {"document.created", "document.updated", "document.deleted"} <= set(
        _feed_types(accord, agreement.id, "document.")
    )
    (created,) = [e for e in accord.events.list(type="document.created", agreement_id=agreement.id) if e][:1]
    event = webhooks.from_feed(created)
    assert isinstance(event, webhooks.DocumentCreated) and event.agreement_id == agreement.id


def test_rounds(accord: Accord):
    agreement_id = _negotiating(accord, "United States-Japan rounds")
    with pytest.raises(errors.RoundOutsideNegotiation) as outside:
        accord.rounds.create(agreement_id, "2019-01-10", "2019-01-11", "Geneva")
    assert outside.value.state == "congressional_notification" and outside.value.on == "2019-01-10"
    first = accord.rounds.create(
        agreement_id, "2019-04-15", "2019-04-16", "Washington, D.C., United States", chapters=["agriculture"]
    )
    assert isinstance(first, RoundOut) and first.number == 1 and first.chapters == ["agriculture"]
    second = accord.rounds.create(
        agreement_id, "2019-05-25", "2019-05-25", "Tokyo, Japan", summary_url="https://x.test"
    )
    assert second.number == 2
    assert [r.number for r in accord.rounds.list(agreement_id, limit=1)] == [1, 2]
    assert accord.rounds.get(agreement_id, 2).location == "Tokyo, Japan"
    corrected = accord.rounds.update(agreement_id, 2, location="Tokyo", clear=["summary_url"])
    assert corrected.location == "Tokyo" and corrected.summary_url is None

    with pytest.raises(errors.RoundConflict) as gap:
        accord.rounds.create(agreement_id, "2019-06-13", "2019-06-13", "Washington", number=5)
    assert gap.value.expected_number == 3 and isinstance(gap.value, errors.Conflict)
    with pytest.raises(errors.RoundConflict):
        accord.rounds.delete(agreement_id, 1)  # only the last round

    accord.rounds.delete(agreement_id, 2)
    with pytest.raises(errors.NotFound):
        accord.rounds.get(agreement_id, 2)
    assert {"round.created", "round.updated", "round.deleted"} <= set(_feed_types(accord, agreement_id, "round."))
    typed = [webhooks.from_feed(e) for e in accord.events.list(agreement_id=agreement_id)]
    updated = next(e for e in typed if isinstance(e, webhooks.RoundUpdated))
    assert updated.round.number == 2 and "location" in updated.changed


def test_consultations(accord: Accord):
    agreement = accord.agreements.create(title("United States-United Kingdom"), ["US", "GB"], authority="other")
    consultation = accord.consultations.create(
        agreement.id,
        "USTR-2018-0036",
        "83 FR 57790",
        "2018-11-16",
        "2018-12-10",
        hearing_on="2019-01-29",
        title="Negotiating objectives for a U.S.-U.K. trade agreement",
    )
    assert isinstance(consultation, ConsultationOut) and consultation.id.startswith("con_")
    assert accord.consultations.get(agreement.id, consultation.id).docket_id == "USTR-2018-0036"
    assert [c.id for c in accord.consultations.list(agreement.id, limit=1)] == [consultation.id]
    changed = accord.consultations.update(
        agreement.id, consultation.id, comments_due="2018-12-12", clear=["hearing_on"]
    )
    assert str(changed.comments_due) == "2018-12-12" and changed.hearing_on is None

    with pytest.raises(errors.AlreadyExists) as twice:
        accord.consultations.create(agreement.id, "USTR-2018-0036", "83 FR 57790", "2018-11-16", "2018-12-10")
    assert twice.value.existing_id == consultation.id
    with pytest.raises(errors.ValidationError):  # comments due before the notice
        accord.consultations.create(agreement.id, "USTR-2018-0037", "83 FR 57791", "2018-11-16", "2018-11-01")
    with pytest.raises(errors.InvalidArgument, match="opens_on"):
        accord.consultations.create(agreement.id, "USTR-2018-0038", "83 FR 1", "16/11/2018", "2018-12-10")

    accord.consultations.delete(agreement.id, consultation.id)
    with pytest.raises(errors.NotFound):
        accord.consultations.get(agreement.id, consultation.id)
    typed = [webhooks.from_feed(e) for e in _feed(accord, agreement.id, "consultation.", 3)]
    kinds = [type(e) for e in typed]
    assert kinds == [webhooks.ConsultationCreated, webhooks.ConsultationUpdated, webhooks.ConsultationDeleted]
    assert typed[-1].consultation.id == consultation.id and typed[-1].agreement_id == agreement.id


def test_exports_and_calendar_feeds(accord: Accord, tmp_path):
    agreement = accord.agreements.create(title("United States-Vietnam"), ["US", "VN"], authority="other")
    accord.transitions.create(agreement.id, "start_domestic_procedures", note="=cmd|' /C calc'!A0")

    text = accord.exports.agreements_csv(q=agreement.title.split()[-1])
    assert not text.startswith("\ufeff")
    header, *rows = text.strip().splitlines()
    assert header.startswith("id,") and len(rows) == 1 and agreement.id in rows[0]
    history = accord.exports.transitions_csv(agreement.id)
    assert history.count("\r\n") == 3 and "'=cmd" in history  # header, two entries; the formula is defused

    path = tmp_path / "history.csv"
    written = accord.exports.transitions_csv(agreement.id, to=path)
    assert written == path.stat().st_size and path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_bytes().decode("utf-8-sig") == history
    buffer = io.BytesIO()
    assert accord.exports.agreements_csv(q=agreement.title.split()[-1], to=buffer) == len(buffer.getvalue())
    with pytest.raises(errors.NotFound):
        accord.exports.transitions_csv("agr_missing", to=tmp_path / "never.csv")
    assert not (tmp_path / "never.csv").exists()

    feed = accord.calendar_feeds.create("sdk desk", agreement_id=agreement.id)
    assert isinstance(feed, CalendarFeedCreated) and feed.token.startswith("cal_")
    assert feed.id in [f.id for f in accord.calendar_feeds.list(limit=1)]
    ics = accord.calendar_feeds.ics(feed.token)
    assert ics.startswith("BEGIN:VCALENDAR")
    assert accord.calendar_feeds.ics(feed.url) == ics  # the url as created works too
    accord.calendar_feeds.delete(feed.id)
    with pytest.raises(errors.NotFound):
        accord.calendar_feeds.ics(feed.token)


async def test_the_async_namespaces_of_issue_13(accord_server, tmp_path):
    async with AsyncAccord(accord_server.base_url, ADMIN_KEY, timeout=10) as accord:
        agreement = await accord.agreements.create(
            title("United States-Oman"), ["US", "OM"], authority="other", announced_at="2018-09-25"
        )
        for event, day in TO_NEGOTIATING:
            await accord.transitions.create(agreement.id, event, occurred_at=day)
        document = await accord.documents.create(agreement.id, "text", "Text", "https://x.test/text", "2019-05-01")
        assert [d.id async for d in accord.documents.list(agreement.id)] == [document.id]
        assert (await accord.documents.get(agreement.id, document.id)).title == "Text"
        assert (await accord.documents.update(agreement.id, document.id, title="The text")).title == "The text"
        assert len([e async for e in accord.documents.timeline(agreement.id, limit=2)]) == 4
        assert [u.id for u in (await accord.documents.timeline(agreement.id)).unattached] == [document.id]
        await accord.documents.delete(agreement.id, document.id)

        with pytest.raises(errors.RoundOutsideNegotiation):
            await accord.rounds.create(agreement.id, "2018-01-01", "2018-01-02", "Nowhere")
        first = await accord.rounds.create(agreement.id, "2019-04-15", "2019-04-16", "Washington")
        assert [r.number async for r in accord.rounds.list(agreement.id)] == [first.number]
        assert (await accord.rounds.update(agreement.id, 1, location="D.C.")).location == "D.C."
        assert (await accord.rounds.get(agreement.id, 1)).location == "D.C."
        await accord.rounds.delete(agreement.id, 1)

        consultation = await accord.consultations.create(
            agreement.id, "USTR-2019-0001", "84 FR 1", "2019-01-02", "2019-02-01"
        )
        assert [c.id async for c in accord.consultations.list(agreement.id)] == [consultation.id]
        assert (await accord.consultations.get(agreement.id, consultation.id)).docket_id == "USTR-2019-0001"
        assert (await accord.consultations.update(agreement.id, consultation.id, title="T")).title == "T"
        await accord.consultations.delete(agreement.id, consultation.id)

        text = await accord.exports.transitions_csv(agreement.id)
        assert text.count("\r\n") == 5
        assert await accord.exports.agreements_csv(q=agreement.title.split()[-1], to=tmp_path / "a.csv") > 0
        feed = await accord.calendar_feeds.create("async desk")
        assert feed.id in [f.id async for f in accord.calendar_feeds.list()]
        assert (await accord.calendar_feeds.ics(feed.token)).startswith("BEGIN:VCALENDAR")
        await accord.calendar_feeds.delete(feed.id)


def test_arguments_are_checked_and_sent_as_the_spec_says():
    script = Script(
        httpx.Response(200, json={"data": [], "next_cursor": None}),
        httpx.Response(200, text="\ufeffid,title\r\n", headers={"Content-Type": "text/csv; charset=utf-8"}),
        problem(404, "not-found"),
    )
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=0)
    assert list(accord.documents.list("agr_1", type="itc_report", attached=False)) == []
    assert accord.exports.agreements_csv(party="JP", as_of="2020-01-01") == "id,title\r\n"
    with pytest.raises(errors.NotFound):
        accord.documents.update("agr_1", "doc_1", clear=["sequence", "note"])
    listed, exported, patched = script.requests
    assert listed.url.params["type"] == "itc_report" and listed.url.params["attached"] == "false"
    assert exported.url.path == "/v1/agreements.csv" and exported.url.params["as_of"] == "2020-01-01"
    assert patched.method == "PATCH" and json.loads(patched.content) == {"sequence": None, "note": None}
    with pytest.raises(errors.InvalidArgument):
        accord.rounds.create("agr_1", "2019-01-01T00:00:00", "2019-01-02", "x")
    with pytest.raises(errors.InvalidArgument):
        accord.exports.transitions_csv("agr_1", to=42)  # type: ignore[arg-type]
    assert len(script.requests) == 3  # neither was sent


def test_identity_arguments(accord: Accord):
    created = accord.agreements.create(
        "USMCA (identity)",
        ["US", "MX", "CA"],
        announced_at="2018-09-30",
        coverage="both",
        wto_notifications=[
            {"coverage": "goods", "date": datetime.date(2020, 9, 16), "legal_basis": "GATT Art. XXIV"},
            {"coverage": "services", "date": "2020-09-16", "legal_basis": "GATS Art. V"},
        ],
    )
    assert created.coverage.value == "both" and len(created.wto_notifications) == 2
    updated = accord.agreements.update(created.id, created.version, rta_type="FTA & EIA", rta_is_id=1)
    assert updated.rta_type.value == "FTA & EIA" and updated.rta_is_id == 1
    with pytest.raises(errors.InvalidArgument):
        accord.agreements.create("X", ["US", "MX"], coverage="everything")
