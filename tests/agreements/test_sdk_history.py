"""The SDK's corrections, void, projections and answers as of a date, against a real `accord serve`
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import sys

import pytest

from service.health import ROOT
from tests.helpers import ADMIN_KEY

sys.path.insert(0, str(ROOT / "clients" / "python"))

from accord_client import Accord, InvalidTransition, errors


@pytest.fixture
def accord(server):
    with Accord(server.base_url, api_key=ADMIN_KEY, timeout=30) as client:
        yield client


def test_history_tools_through_the_sdk(accord: Accord):
    agreement = accord.create_agreement("US-EU toward zero tariffs", ["US", "EU"], announced_at="2018-07-25")
    aid = agreement.id
    for event, day in [
        ("start_domestic_procedures", "2018-07-25"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-01"),
    ]:
        accord.transition(aid, event, occurred_at=day)

    # A projection, then the real transition on its earliest date.
    projection = accord.project(aid, [("open_negotiations", "2019-01-20")])
    clocks = {c.clock: c for c in projection.clocks}
    assert clocks["notice_of_intent_to_negotiate"].earliest == datetime.date(2019, 1, 14)
    (opening,) = [e for e in projection.events if e.event == "open_negotiations"]
    assert projection.state == "negotiating" and projection.assumed[0].allowed
    assert opening.earliest == datetime.date(2019, 1, 20)  # from the timeline's last date on
    ahead = accord.project(aid, [{"event": "agreement_in_principle", "occurred_at": "2019-01-01"}])
    assert [e.earliest for e in ahead.events if e.event == "open_negotiations"] == [datetime.date(2019, 1, 14)]
    opened = accord.transition(aid, "open_negotiations", occurred_at="2019-01-14")

    # As of a date.
    assert accord.get_agreement(aid, as_of="2019-01-13").state == "congressional_notification"
    assert accord.get_agreement(aid, as_of=datetime.date(2019, 1, 14)).state == "negotiating"
    refused = accord.available_transitions(aid, on="2019-01-13")
    assert refused.on == datetime.date(2019, 1, 13)
    assert not {e.event: e for e in refused.events}["open_negotiations"].allowed
    deadlines = {d.clock: d for d in accord.deadlines(aid, on="2019-01-13").data}
    assert deadlines["notice_of_intent_to_negotiate"].status == "pending"
    listed = accord.list_agreements(as_of="2019-01-13", state="congressional_notification")
    assert aid in [a.id for a in listed.data]
    assert aid in [a.id for a in accord.iter_agreements(as_of="2019-01-14", state="negotiating")]

    # A correction refused by a clock, one made, and its trail.
    with pytest.raises(InvalidTransition) as refusal:
        accord.correct_transition(aid, 3, occurred_at="2018-10-20", reason="a later date")
    assert "2019-01-18" in refusal.value.reasons[0]
    corrected = accord.correct_transition(
        aid, 3, occurred_at="2018-10-12", note="the letters' date", reason="Federal Register"
    )
    assert corrected.correction.number == 1
    assert [c.field for c in corrected.correction.changes] == ["occurred_at", "note"]
    cleared = accord.correct_transition(aid, 3, clear=["note"], reason="the note repeated the date")
    assert cleared.transition.note is None
    assert [c.number for c in accord.get_transition(aid, 3).corrections] == [1, 2]

    # Void the opening: back to congressional_notification.
    voided = accord.void_transition(aid, opened.transition.sequence, "a scoping meeting, not a round")
    assert voided.agreement.state == "congressional_notification"
    assert voided.transition.void_reason == "a scoping meeting, not a round"
    with pytest.raises(errors.Conflict):
        accord.void_transition(aid, opened.transition.sequence, "again")
