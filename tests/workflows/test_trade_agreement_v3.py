"""trade-agreement v3: every calendar-day clock of TPA-2015, its window, the 4206 exemption,
unrecorded triggers and Washington dates (no database)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from workflows import Occurrence, Subject, get_definition, latest_definition, washington_date
from workflows.clocks import DEADLINE_STATUSES, MET, MISSED, NOT_APPLICABLE, PENDING, UNRECORDED
from workflows.trade_agreement import (
    AUTHORITIES,
    MILESTONES,
    MILESTONES_V3,
    TRADE_AGREEMENT_V2,
    TRADE_AGREEMENT_V3,
)

V3 = get_definition("trade-agreement", 3)
D = date.fromisoformat
NEW_MILESTONES = ("request_itc_assessment", "advisory_reports", "submit_changes_list", "submit_final_text")
NEW_MILESTONES += ("report_to_committees", "joint_review")
TPP = frozenset({"4206"})
WINDOW_BASIS = {"tpa": "19 U.S.C. 4202(b)(1)(C)", "section_103a": "19 U.S.C. 4202(a)(1)(A)"}


def _deadline(authority, timeline, clock, *, today="2030-01-01", closed=False, **kwargs):
    (found,) = [
        d for d in V3.deadlines(authority, timeline, today=D(today), closed=closed, **kwargs) if d.clock.name == clock
    ]
    return found


# -- the definition ------------------------------------------------------------------------------


def test_v3_is_the_latest_and_v1_v2_are_kept():
    assert latest_definition("trade-agreement") is V3 is TRADE_AGREEMENT_V3
    assert get_definition("trade-agreement", 2) is TRADE_AGREEMENT_V2
    assert get_definition("trade-agreement", 1).clocks == ()
    assert V3.authorities == AUTHORITIES and V3.default_authority == "tpa"
    assert set(TRADE_AGREEMENT_V2.events) | set(NEW_MILESTONES) == set(V3.events)
    assert set(MILESTONES) | set(NEW_MILESTONES) == set(MILESTONES_V3)


def test_v2_clocks_are_pinned():
    rows = {(c.name, c.event, c.trigger, c.days, c.bound, c.legal_basis) for c in TRADE_AGREEMENT_V2.clocks}
    assert ("fta_consultation_and_layover", "implement", "sign", 60, "earliest") in {r[:5] for r in rows}
    assert len(rows) == 10 and not any(c.window for c in TRADE_AGREEMENT_V2.clocks)
    assert TRADE_AGREEMENT_V2.exemptions == () and "report_to_committees" not in TRADE_AGREEMENT_V2.events
    assert TRADE_AGREEMENT_V2.provisions == () and "joint_review" not in TRADE_AGREEMENT_V2.clock_events


@pytest.mark.parametrize("authority", AUTHORITIES)
@pytest.mark.parametrize("state", [s for s in TRADE_AGREEMENT_V3.states if s != "terminated"])
def test_new_milestones_leave_the_state_unchanged(authority, state):
    subject = Subject(state, "negotiating" if state == "suspended" else None, authority)
    for milestone in NEW_MILESTONES:
        decision = V3.decide(subject, milestone)
        assert decision.allowed and decision.to_state == state
    assert not V3.decide(Subject("terminated", authority=authority), "report_to_committees").allowed


def test_clock_names_are_unique_and_clock_events_cover_every_clock():
    names = [c.name for c in V3.clocks]
    assert len(names) == len(set(names))
    for clock in V3.clocks:
        assert clock.event in V3.clock_events and clock.event in V3.events
        assert clock.window or (clock.trigger in V3.clock_events and clock.trigger in V3.events)
    assert "" not in V3.clock_events and "extend_deadline" in V3.clock_events


def test_clocks_by_authority():
    by = {a: {c.name for c in V3.clocks_for(a)} for a in AUTHORITIES}
    assert {"trade_remedy_report", "itc_request", "tpa_window", "advisory_reports", "changes_to_us_law"} <= by["tpa"]
    assert {"final_text_and_draft_saa", "implementing_bill_enacted", "itc_report"} <= by["tpa"]
    assert by["section_103a"] == {
        "section_103a_notice",
        "section_103a_window",
        "advisory_reports",
        "section_103a_proclamation",
    }
    assert by["existing_fta"] == {"fta_consultation_and_layover", "fta_proclamation"}
    assert by["other"] == set()


# -- each new earliest clock at N-1, N, with an extension and under the exemption ----------------

# (authority, clock, event, trigger, days, state the event fires from, text naming the trigger, basis)
EARLIEST = [
    (
        "tpa",
        "trade_remedy_report",
        "sign",
        "trade_remedy_report",
        180,
        "preliminary",
        "the President reported on the proposals touching the trade remedy laws",
        "19 U.S.C. 4204(b)(3)(A)",
    ),
    (
        "tpa",
        "itc_request",
        "sign",
        "request_itc_assessment",
        90,
        "preliminary",
        "the President gave the USITC the agreement's details and requested its assessment",
        "19 U.S.C. 4204(c)(1)",
    ),
    (
        "tpa",
        "final_text_and_draft_saa",
        "introduce_bill",
        "submit_final_text",
        30,
        "finalized",
        "the final legal text and the draft statement of administrative action were submitted",
        "19 U.S.C. 4205(a)(1)(D)",
    ),
    (
        "existing_fta",
        "fta_consultation_and_layover",
        "proclaim",
        "report_to_committees",
        60,
        "finalized",
        "the President reported to Ways and Means and Finance",
        "Pub. L. 112-41 sec. 104",
    ),
]
START = D("2018-10-16")


def _ready(authority, event, trigger):
    """Every other trigger the event needs, long before START, then the trigger on START."""
    others = {c.trigger for c in V3.clocks_for(authority) if c.event == event and not c.window} - {trigger}
    return [Occurrence(t, START - timedelta(days=400)) for t in sorted(others)] + [Occurrence(trigger, START)]


@pytest.mark.parametrize("exemptions", [frozenset(), TPP], ids=["plain", "under-4206"])
@pytest.mark.parametrize(("authority", "clock", "event", "trigger", "days", "state", "text", "basis"), EARLIEST)
def test_new_earliest_clock_at_its_boundary(authority, clock, event, trigger, days, state, text, basis, exemptions):
    subject = Subject(state, authority=authority)
    timeline = _ready(authority, event, trigger)
    due = START + timedelta(days=days)

    early = V3.decide_on(subject, event, due - timedelta(days=1), timeline, exemptions=exemptions)
    assert not early.allowed
    (reason,) = early.reasons
    assert reason.startswith(f"{event} is allowed from {due.isoformat()}: {days} days after {text} on 2018-10-16 (")
    assert basis in reason
    assert V3.decide_on(subject, event, due, timeline, exemptions=exemptions).allowed

    extended = [*timeline, Occurrence("extend_deadline", START, clock=clock, days=10)]
    (reason,) = V3.decide_on(subject, event, due, extended, exemptions=exemptions).reasons
    later = (due + timedelta(days=10)).isoformat()
    assert f"is allowed from {later}" in reason and "plus 10 days of extension" in reason
    assert V3.decide_on(subject, event, due + timedelta(days=10), extended, exemptions=exemptions).allowed

    assert _deadline(authority, [*timeline, Occurrence(event, due)], clock, exemptions=exemptions).status == MET


@pytest.mark.parametrize(("authority", "clock", "event", "trigger", "days", "state", "text", "basis"), EARLIEST)
def test_new_earliest_clock_needs_its_trigger(authority, clock, event, trigger, days, state, text, basis):
    timeline = [o for o in _ready(authority, event, trigger) if o.event != trigger]
    (reason,) = V3.decide_on(Subject(state, authority=authority), event, START, timeline).reasons
    assert reason.startswith(f"{event} needs {trigger} first, at least {days} days before: ") and basis in reason


def test_the_trade_remedy_refusal_word_for_word():
    timeline = [*_ready("tpa", "sign", "trade_remedy_report")]
    (reason,) = V3.decide_on(Subject("preliminary", authority="tpa"), "sign", D("2019-04-13"), timeline).reasons
    assert reason == (
        "sign is allowed from 2019-04-14: 180 days after the President reported on the proposals touching the "
        "trade remedy laws on 2018-10-16 (19 U.S.C. 4204(b)(3)(A))"
    )


def test_the_korus_layover_bounds_proclaim_not_implement_or_sign():
    subject = Subject("finalized", authority="existing_fta")
    assert V3.decide_on(Subject("preliminary", authority="existing_fta"), "sign", D("2018-09-24"), []).allowed
    signed = [Occurrence("sign", D("2018-09-24")), Occurrence("proclaim", D("2018-09-25"))]
    # v2's layover counted from `sign` and bounded `implement`; v3's does neither.
    assert V3.decide_on(subject, "implement", D("2018-09-26"), signed).allowed
    assert not TRADE_AGREEMENT_V2.decide_on(subject, "implement", D("2018-09-26"), signed).allowed


# -- the new latest clocks: deadlines, reported and never refused --------------------------------

# (authority, clock, bounded event, trigger, trigger date, due date)
LATEST = [
    ("tpa", "advisory_reports", "advisory_reports", "notify_intent_to_sign", "2018-08-31", "2018-09-30"),
    # US-Japan (section 103(a)): notice 2019-09-16, reports due 2019-10-16.
    ("section_103a", "advisory_reports", "advisory_reports", "notify_intent_to_sign", "2019-09-16", "2019-10-16"),
    # USMCA: signed 2018-11-30; the list was delivered on 2019-01-29, the last day.
    ("tpa", "changes_to_us_law", "submit_changes_list", "sign", "2018-11-30", "2019-01-29"),
]


@pytest.mark.parametrize("exemptions", [frozenset(), TPP], ids=["plain", "under-4206"])
@pytest.mark.parametrize(("authority", "clock", "event", "trigger", "started", "due"), LATEST)
def test_new_latest_clock_at_its_boundary(authority, clock, event, trigger, started, due, exemptions):
    timeline = [Occurrence(trigger, D(started))]
    day_n, day_after = D(due), D(due) + timedelta(days=1)

    def status(extra, *, today="2030-01-01"):
        return _deadline(authority, [*timeline, *extra], clock, today=today, exemptions=exemptions)

    assert (status([], today=due).status, status([], today=due).due) == (PENDING, day_n)
    assert status([], today=day_after.isoformat()).status == MISSED
    assert status([Occurrence(event, day_n)]).status == MET
    assert status([Occurrence(event, day_after)]).status == MISSED
    assert status([Occurrence(event, day_after)]).occurred_on == day_after

    extension = Occurrence("extend_deadline", D(started), clock=clock, days=10)
    extended = status([extension, Occurrence(event, day_n + timedelta(days=10))])
    assert (extended.status, extended.due, extended.extension_days) == (MET, day_n + timedelta(days=10), 10)

    # A deadline never refuses its event, early or late.
    state = "finalized" if trigger == "sign" else "preliminary"
    assert V3.decide_on(Subject(state, authority=authority), event, D("2030-01-01"), timeline).allowed


def test_us_japan_advisory_reports_were_due_2019_10_16():
    timeline = [Occurrence("notify_intent_to_sign", D("2019-09-16"))]
    due = _deadline("section_103a", timeline, "advisory_reports", today="2019-10-01")
    assert (due.due, due.status, due.clock.legal_basis) == (
        D("2019-10-16"),
        PENDING,
        "19 U.S.C. 4204(b)(4) and 2155(e)(1)",
    )


# -- TPA-2015's window ---------------------------------------------------------------------------


def _signable(authority):
    """Everything `sign` needs under `authority`, long before the window closes."""
    triggers = {c.trigger for c in V3.clocks_for(authority) if c.event == "sign" and not c.window}
    return [Occurrence(t, D("2020-01-01")) for t in sorted(triggers)]


@pytest.mark.parametrize("authority", ["tpa", "section_103a"])
def test_the_window_bounds_sign(authority):
    subject = Subject("preliminary", authority=authority)
    timeline = _signable(authority)
    assert V3.decide_on(subject, "sign", D("2021-06-30"), timeline).allowed
    refused = V3.decide_on(subject, "sign", D("2021-07-01"), timeline)
    assert not refused.allowed
    (reason,) = refused.reasons
    assert reason.startswith(
        "sign is allowed only before 2021-07-01, when TPA-2015's window for entering into trade agreements "
        "(July 1, 2018, extended to July 1, 2021) closed ("
    )
    assert WINDOW_BASIS[authority] in reason and "4202(c)" in reason


def test_the_window_refusal_word_for_word():
    (reason,) = V3.decide_on(Subject("preliminary", authority="tpa"), "sign", D("2021-07-01"), _signable("tpa")).reasons
    assert reason == (
        "sign is allowed only before 2021-07-01, when TPA-2015's window for entering into trade agreements "
        "(July 1, 2018, extended to July 1, 2021) closed (19 U.S.C. 4202(b)(1)(C), extended under 4202(c)(1)(B))"
    )


def test_the_window_bounds_sign_not_a_later_proclamation():
    timeline = [*_signable("section_103a"), Occurrence("sign", D("2021-06-30"))]
    finalized = Subject("finalized", authority="section_103a")
    assert V3.decide_on(finalized, "proclaim", D("2021-08-01"), timeline).allowed
    proclaimed = [*timeline, Occurrence("proclaim", D("2021-08-01"))]
    assert V3.decide_on(finalized, "implement", D("2021-09-01"), proclaimed).allowed


def test_an_extension_moves_the_window():
    timeline = [*_signable("tpa"), Occurrence("extend_deadline", D("2021-01-01"), clock="tpa_window", days=5)]
    subject = Subject("preliminary", authority="tpa")
    assert V3.decide_on(subject, "sign", D("2021-07-05"), timeline).allowed
    (reason,) = V3.decide_on(subject, "sign", D("2021-07-06"), timeline).reasons
    assert "only before 2021-07-06" in reason and "plus 5 days of extension" in reason


def test_the_window_as_a_deadline():
    def status(timeline, today, closed=False):
        d = _deadline("tpa", timeline, "tpa_window", today=today, closed=closed)
        assert (d.trigger_date, d.due, d.clock.trigger, d.clock.days) == (None, D("2021-06-30"), "", 0)
        return d.status

    assert status([], "2021-06-30") == PENDING
    # US-EU: notified in 2018, never signed; the window closed on 2021-07-01.
    assert status([Occurrence("notify_congress", D("2018-10-16"))], "2026-01-01") == MISSED
    assert status([Occurrence("sign", D("2018-11-30"))], "2026-01-01") == MET
    assert status([Occurrence("sign", D("2021-07-01"))], "2026-01-01") == MISSED  # recorded with an override
    assert status([], "2026-01-01", closed=True) == NOT_APPLICABLE


def test_a_window_needs_no_trigger_and_other_has_none():
    assert not V3.clocks_for("other")
    assert V3.decide_on(Subject("preliminary", authority="other"), "sign", D("2030-01-01"), []).allowed
    assert V3.decide_on(Subject("preliminary", authority="existing_fta"), "sign", D("2030-01-01"), []).allowed


# -- the 19 U.S.C. 4206 exemption ----------------------------------------------------------------

# TPP: Congress notified 2009-12-14, no objectives published under TPA-2015, first round 2010-03-15.
TPP_TALKS = [Occurrence("notify_congress", D("2009-12-14"))]


def test_4206_waives_the_pre_negotiation_clocks():
    subject = Subject("congressional_notification", authority="tpa")
    refused = V3.decide_on(subject, "open_negotiations", D("2010-03-15"), TPP_TALKS)
    assert [r.split(" ")[2] for r in refused.reasons] == ["publish_objectives"]
    assert V3.decide_on(subject, "open_negotiations", D("2010-03-15"), TPP_TALKS, exemptions=TPP).allowed
    # 90 days after the notice would have been 2010-03-14; under 4206 even a day after the notice will do.
    assert V3.decide_on(subject, "open_negotiations", D("2009-12-15"), TPP_TALKS, exemptions=TPP).allowed
    assert not V3.decide_on(subject, "open_negotiations", D("2009-12-15"), TPP_TALKS).allowed


def test_4206_deadlines_read_not_applicable_and_name_the_exemption():
    opened = [*TPP_TALKS, Occurrence("open_negotiations", D("2010-03-15"))]
    for clock in ("notice_of_intent_to_negotiate", "negotiating_objectives"):
        waived = _deadline("tpa", opened, clock, exemptions=TPP)
        assert waived.status == NOT_APPLICABLE and waived.exemption.legal_basis == "19 U.S.C. 4206"
        assert _deadline("tpa", opened, clock).exemption is None
    assert _deadline("tpa", opened, "negotiating_objectives").status == MISSED  # the event came without its trigger
    assert "notice_of_intent_to_negotiate" not in {c.name for c in V3.clocks_for("tpa", TPP)}
    assert len(V3.deadlines("tpa", opened, today=D("2020-01-01"), closed=False, exemptions=TPP)) == len(
        V3.clocks_for("tpa")
    )


def test_4206_leaves_the_later_clocks():
    subject = Subject("preliminary", authority="tpa")
    (reason, *_) = V3.decide_on(subject, "sign", D("2016-02-04"), [], exemptions=TPP).reasons
    assert reason.startswith("sign needs trade_remedy_report first")
    assert len(V3.clock_refusals("tpa", "sign", D("2016-02-04"), [], exemptions=TPP)) == 4


def test_exemptions_only_where_they_apply():
    # 4206 is for agreements under 4202(b): it does nothing for a section 103(a) agreement, and
    # names the definition does not know change nothing.
    assert V3.exemption_names == ("4206",)
    assert V3.clocks_for("section_103a", TPP) == V3.clocks_for("section_103a")
    subject = Subject("congressional_notification", authority="tpa")
    assert not V3.decide_on(subject, "open_negotiations", D("2010-03-15"), TPP_TALKS, exemptions={"4207"}).allowed
    assert TRADE_AGREEMENT_V2.clocks_for("tpa", TPP) == TRADE_AGREEMENT_V2.clocks_for("tpa")
    with pytest.raises(TypeError, match="collection of names"):
        V3.clocks_for("tpa", "4206")
    with pytest.raises(TypeError, match="collection of names"):
        V3.deadlines("tpa", [], today=D("2020-01-01"), closed=False, unrecorded="trade_remedy_report")


# -- unrecorded triggers -------------------------------------------------------------------------


def test_an_unrecorded_trigger_refuses_nothing_and_reads_unrecorded():
    subject = Subject("preliminary", authority="tpa")
    timeline = [o for o in _signable("tpa") if o.event != "trade_remedy_report"]
    (reason,) = V3.decide_on(subject, "sign", D("2021-01-01"), timeline).reasons
    assert reason.startswith("sign needs trade_remedy_report first")
    marked = frozenset({"trade_remedy_report"})
    assert V3.decide_on(subject, "sign", D("2021-01-01"), timeline, unrecorded=marked).allowed

    before = _deadline("tpa", timeline, "trade_remedy_report", unrecorded=marked)
    signed = _deadline(
        "tpa", [*timeline, Occurrence("sign", D("2021-01-01"))], "trade_remedy_report", unrecorded=marked
    )
    assert (before.status, before.trigger_date, before.due) == (UNRECORDED, None, None)
    assert (signed.status, signed.occurred_on) == (UNRECORDED, D("2021-01-01"))
    closed = _deadline("tpa", timeline, "trade_remedy_report", closed=True, unrecorded=marked)
    assert closed.status == NOT_APPLICABLE  # ended before the event: the clock no longer matters


def test_a_recorded_trigger_wins_over_the_marker():
    subject = Subject("preliminary", authority="tpa")
    timeline = [*_ready("tpa", "sign", "trade_remedy_report")]
    marked = frozenset({"trade_remedy_report"})
    assert not V3.decide_on(subject, "sign", D("2019-04-13"), timeline, unrecorded=marked).allowed
    assert _deadline("tpa", timeline, "trade_remedy_report", today="2019-01-01", unrecorded=marked).status == PENDING


def test_an_unrecorded_bounded_event_is_neither_met_nor_missed():
    # TPP: the advisory reports were due 30 days after the notice of 2015-11-05; if the record
    # lacks their date, the deadline must not read missed.
    timeline = [Occurrence("notify_intent_to_sign", D("2015-11-05"))]
    assert _deadline("tpa", timeline, "advisory_reports", today="2020-01-01").status == MISSED
    marked = _deadline("tpa", timeline, "advisory_reports", today="2020-01-01", unrecorded={"advisory_reports"})
    assert (marked.status, marked.due) == (UNRECORDED, D("2015-12-05"))


def test_deadline_statuses():
    assert DEADLINE_STATUSES == (PENDING, MET, MISSED, NOT_APPLICABLE, UNRECORDED) and UNRECORDED == "unrecorded"


# -- Washington dates ----------------------------------------------------------------------------


def test_washington_dates():
    assert washington_date(datetime(2019, 1, 14, 3, 0, tzinfo=UTC)) == D("2019-01-13")
    assert washington_date(datetime(2019, 1, 14, 5, 0, tzinfo=UTC)) == D("2019-01-14")  # EST, UTC-5
    assert washington_date(datetime(2019, 7, 1, 3, 59, tzinfo=UTC)) == D("2019-06-30")  # EDT, UTC-4
    assert washington_date(datetime(2019, 7, 1, 4, 0, tzinfo=UTC)) == D("2019-07-01")
    tokyo = timezone(timedelta(hours=9))
    assert washington_date(datetime(2019, 10, 8, 9, 0, tzinfo=tokyo)) == D("2019-10-07")
    assert washington_date(D("2019-01-14")) == D("2019-01-14")
    with pytest.raises(ValueError, match="no time zone"):
        washington_date(datetime(2019, 1, 14, 3, 0))


def test_the_90_day_clock_counts_washington_days():
    subject = Subject("congressional_notification", authority="tpa")
    timeline = [Occurrence("notify_congress", D("2018-10-16")), Occurrence("publish_objectives", D("2018-12-01"))]
    day = washington_date(datetime(2019, 1, 14, 3, 0, tzinfo=UTC))
    (reason,) = V3.decide_on(subject, "open_negotiations", day, timeline).reasons
    assert reason.startswith("open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified")
    assert V3.decide_on(subject, "open_negotiations", D("2019-01-14"), timeline).allowed


# -- whole histories (dates from ../shared/DOMAIN.md and docs/sources.md) ------------------------


def _replay(authority, history, *, exemptions=frozenset(), unrecorded=frozenset()):
    """Record each event in order, as the service would with no override; return the timeline."""
    state, timeline = "announced", []
    for event, on in history:
        decision = V3.decide_on(
            Subject(state, authority=authority), event, D(on), timeline, exemptions=exemptions, unrecorded=unrecorded
        )
        assert decision.allowed, (event, on, decision.reasons)
        state = decision.to_state or state
        timeline.append(Occurrence(event, D(on)))
    return state, timeline


USMCA = [
    ("start_domestic_procedures", "2017-04-26"),
    ("notify_congress", "2017-05-18"),
    ("publish_objectives", "2017-07-17"),
    ("open_negotiations", "2017-08-16"),
    ("trade_remedy_report", "2017-09-22"),
    ("reach_preliminary", "2018-08-27"),
    ("notify_intent_to_sign", "2018-08-31"),
    ("request_itc_assessment", "2018-08-31"),
    ("publish_text", "2018-09-30"),
    ("sign", "2018-11-30"),
    ("submit_changes_list", "2019-01-29"),
    ("itc_report", "2019-04-18"),
    ("submit_final_text", "2019-05-30"),
    ("sign_protocol", "2019-12-10"),
    ("introduce_bill", "2019-12-13"),
    ("pass_house", "2019-12-19"),
    ("pass_senate", "2020-01-16"),
    ("enact", "2020-01-29"),
    ("implement", "2020-07-01"),
]


def test_usmca_passes_every_clock():
    state, timeline = _replay("tpa", USMCA, unrecorded={"advisory_reports"})
    timeline.append(Occurrence("extend_deadline", D("2019-02-11"), clock="itc_report", days=35))
    statuses = {
        d.clock.name: d.status
        for d in V3.deadlines("tpa", timeline, today=D("2026-01-01"), closed=False, unrecorded={"advisory_reports"})
    }
    assert state == "implemented"
    assert statuses == {
        "notice_of_intent_to_negotiate": MET,
        "negotiating_objectives": MET,
        "trade_remedy_report": MET,
        "itc_request": MET,
        "notice_of_intent_to_sign": MET,
        "text_published": MET,
        "tpa_window": MET,
        "advisory_reports": UNRECORDED,
        "changes_to_us_law": MET,
        "itc_report": MET,
        "final_text_and_draft_saa": MET,
        "implementing_bill_enacted": MET,
    }


def test_us_japan_passes_every_clock():
    history = [
        ("start_domestic_procedures", "2018-09-26"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-21"),
        ("open_negotiations", "2019-04-15"),
        ("reach_preliminary", "2019-08-25"),
        ("agreement_in_principle", "2019-08-25"),
        ("notify_intent_to_sign", "2019-09-16"),
        ("agreement_in_principle", "2019-09-25"),
        ("sign", "2019-10-07"),
        ("proclaim", "2019-12-26"),
        ("implement", "2020-01-01"),
    ]
    state, timeline = _replay("section_103a", history)
    statuses = {
        d.clock.name: d.status for d in V3.deadlines("section_103a", timeline, today=D("2019-10-08"), closed=False)
    }
    assert state == "implemented"
    assert statuses == {
        "section_103a_notice": MET,
        "section_103a_window": MET,
        "advisory_reports": PENDING,
        "section_103a_proclamation": MET,
    }


def test_tpp_passes_under_4206_with_its_unrecorded_triggers():
    history = [
        ("start_domestic_procedures", "2009-11-14"),
        ("notify_congress", "2009-12-14"),
        ("open_negotiations", "2010-03-15"),
        ("reach_preliminary", "2015-10-05"),
        ("notify_intent_to_sign", "2015-11-05"),
        ("publish_text", "2015-11-05"),
        ("sign", "2016-02-04"),
        ("itc_report", "2016-05-18"),
        ("terminate", "2017-01-23"),
    ]
    unrecorded = frozenset({"trade_remedy_report", "request_itc_assessment", "advisory_reports"})
    with pytest.raises(AssertionError):
        _replay("tpa", history, unrecorded=unrecorded)  # without the exemption, the objectives clock refuses
    state, timeline = _replay("tpa", history, exemptions=TPP, unrecorded=unrecorded)
    deadlines = V3.deadlines("tpa", timeline, today=D("2026-01-01"), closed=True, exemptions=TPP, unrecorded=unrecorded)
    statuses = {d.clock.name: d.status for d in deadlines}
    assert state == "terminated"
    assert statuses["notice_of_intent_to_negotiate"] == statuses["negotiating_objectives"] == NOT_APPLICABLE
    assert statuses["trade_remedy_report"] == statuses["itc_request"] == statuses["advisory_reports"] == UNRECORDED
    assert statuses["tpa_window"] == statuses["notice_of_intent_to_sign"] == statuses["itc_report"] == MET
    assert statuses["changes_to_us_law"] == NOT_APPLICABLE  # never submitted; the agreement ended
