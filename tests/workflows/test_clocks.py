"""trade-agreement v2: authorities' paths and the statutory clocks at their boundaries (no database)."""

from datetime import date, timedelta

import pytest

from workflows import Occurrence, Subject, get_definition, latest_definition
from workflows.clocks import MET, MISSED, NOT_APPLICABLE, PENDING
from workflows.trade_agreement import AUTHORITIES, MILESTONES, TRADE_AGREEMENT_V2, rta_is_status

V2 = get_definition("trade-agreement", 2)
D = date.fromisoformat


def test_v2_is_kept_beside_v1_and_v3():
    assert V2 is TRADE_AGREEMENT_V2 and latest_definition("trade-agreement").version == 3
    assert get_definition("trade-agreement", 1).authorities == ()
    assert V2.authorities == AUTHORITIES and V2.default_authority == "tpa"
    assert set(MILESTONES) <= set(V2.events)


# -- authorities ---------------------------------------------------------------------------------

PATHS = {
    # (authority, state) -> does open_negotiations lead to negotiating from there?
    ("tpa", "announced"): False,
    ("tpa", "domestic_procedures"): False,
    ("tpa", "congressional_notification"): True,
    ("section_103a", "announced"): False,
    ("section_103a", "domestic_procedures"): True,
    ("section_103a", "congressional_notification"): True,
    ("existing_fta", "announced"): True,
    ("existing_fta", "domestic_procedures"): False,
    ("existing_fta", "congressional_notification"): True,
    ("other", "announced"): False,
    ("other", "domestic_procedures"): True,
    ("other", "congressional_notification"): True,
}


@pytest.mark.parametrize(("authority", "state"), sorted(PATHS))
def test_open_negotiations_depends_on_the_authority(authority, state):
    decision = V2.decide(Subject(state, authority=authority), "open_negotiations")
    assert decision.allowed is PATHS[(authority, state)]
    if decision.allowed:
        assert decision.to_state == "negotiating"
    else:
        assert "open_negotiations" in decision.reasons[0]


def test_a_tpa_refusal_names_the_authorities_that_may():
    (reason,) = V2.decide(Subject("announced", authority="tpa"), "open_negotiations").reasons
    assert (
        reason
        == "open_negotiations from announced is only for existing_fta agreements; this agreement's authority is tpa"
    )


@pytest.mark.parametrize("authority", AUTHORITIES)
@pytest.mark.parametrize("state", [s for s in TRADE_AGREEMENT_V2.states if s != "terminated"])
def test_milestones_leave_the_state_unchanged(authority, state):
    for milestone in MILESTONES:
        decision = V2.decide(Subject(state, "negotiating" if state == "suspended" else None, authority), milestone)
        assert decision.allowed and decision.to_state == state


def test_no_milestone_after_termination():
    assert not V2.decide(Subject("terminated", authority="tpa"), "agreement_in_principle").allowed


def test_the_machine_is_shared_and_authority_is_part_of_the_cache_key():
    assert V2.decide(Subject("announced", authority="existing_fta"), "open_negotiations").allowed
    assert not V2.decide(Subject("announced", authority="tpa"), "open_negotiations").allowed
    assert V2.decide(Subject("announced", authority="existing_fta"), "open_negotiations").allowed


# -- clocks at N-1, N and with an extension -----------------------------------------------------

# (authority, event, trigger, days, state the event fires from, text naming the trigger, legal basis)
EARLIEST = [
    (
        "tpa",
        "open_negotiations",
        "notify_congress",
        90,
        "congressional_notification",
        "Congress was notified",
        "19 U.S.C. 4204(a)(1)(A)",
    ),
    (
        "tpa",
        "open_negotiations",
        "publish_objectives",
        30,
        "congressional_notification",
        "the negotiating objectives were published",
        "19 U.S.C. 4204(a)(1)(D)",
    ),
    (
        "tpa",
        "sign",
        "notify_intent_to_sign",
        90,
        "preliminary",
        "the President notified Congress of the intent to sign",
        "19 U.S.C. 4205(a)(1)(A)",
    ),
    ("tpa", "sign", "publish_text", 60, "preliminary", "the text was published", "19 U.S.C. 4205(a)(1)(B)"),
    ("existing_fta", "implement", "sign", 60, "finalized", "the changes were signed", "Pub. L. 112-41"),
]
START = D("2018-10-16")


def _timeline(authority, event, trigger):
    """Everything the event needs, all long before START, then the trigger on START."""
    others = {c.trigger for c in V2.clocks_for(authority) if c.event == event and c.trigger != trigger}
    return [Occurrence(t, START - timedelta(days=400)) for t in sorted(others)] + [Occurrence(trigger, START)]


@pytest.mark.parametrize(("authority", "event", "trigger", "days", "state", "text", "basis"), EARLIEST)
def test_earliest_clock_at_its_boundary(authority, event, trigger, days, state, text, basis):
    subject = Subject(state, authority=authority)
    timeline = _timeline(authority, event, trigger)
    due = START + timedelta(days=days)

    early = V2.decide_on(subject, event, due - timedelta(days=1), timeline)
    assert not early.allowed
    (reason,) = early.reasons
    assert reason.startswith(f"{event} is allowed from {due.isoformat()}: {days} days after {text} on 2018-10-16 (")
    assert basis in reason

    assert V2.decide_on(subject, event, due, timeline).allowed

    extended = [
        *timeline,
        Occurrence(
            "extend_deadline",
            START,
            clock=next(c.name for c in V2.clocks_for(authority) if c.event == event and c.trigger == trigger),
            days=10,
        ),
    ]
    (reason,) = V2.decide_on(subject, event, due, extended).reasons
    assert (
        f"is allowed from {(due + timedelta(days=10)).isoformat()}" in reason and "plus 10 days of extension" in reason
    )
    assert V2.decide_on(subject, event, due + timedelta(days=10), extended).allowed


def test_the_issue_example_word_for_word():
    subject = Subject("congressional_notification", authority="tpa")
    timeline = [Occurrence("notify_congress", D("2018-10-16")), Occurrence("publish_objectives", D("2018-12-01"))]
    (reason,) = V2.decide_on(subject, "open_negotiations", D("2019-01-13"), timeline).reasons
    assert reason == (
        "open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified on 2018-10-16 "
        "(19 U.S.C. 4204(a)(1)(A))"
    )
    assert V2.decide_on(subject, "open_negotiations", D("2019-01-14"), timeline).allowed


@pytest.mark.parametrize(
    ("authority", "event", "trigger"),
    [
        ("tpa", "implement", "enact"),
        ("section_103a", "sign", "notify_intent_to_sign"),
        ("section_103a", "implement", "proclaim"),
        ("existing_fta", "implement", "proclaim"),
    ],
)
def test_requirements_need_their_trigger_first(authority, event, trigger):
    state = {"sign": "preliminary", "implement": "finalized"}[event]
    subject = Subject(state, authority=authority)
    before = [Occurrence("sign", D("2018-01-01"))]
    refused = V2.decide_on(subject, event, D("2019-01-01"), before)
    assert not refused.allowed
    assert any(r.startswith(f"{event} needs {trigger} first") for r in refused.reasons)
    assert V2.decide_on(subject, event, D("2019-01-01"), [*before, Occurrence(trigger, D("2019-01-01"))]).allowed


def test_other_has_no_clocks():
    assert V2.clocks_for("other") == ()
    assert V2.decide_on(Subject("finalized", authority="other"), "implement", D("2019-01-01"), []).allowed


# -- the ITC deadline (a "latest" clock: reported, never refused) -------------------------------

SIGNED = [Occurrence("sign", D("2018-11-30"))]


@pytest.mark.parametrize(
    ("report", "today", "extension", "status", "due"),
    [
        (None, "2019-03-15", 0, PENDING, "2019-03-15"),  # day N, not yet delivered
        (None, "2019-03-16", 0, MISSED, "2019-03-15"),  # day N+1
        ("2019-03-15", "2020-01-01", 0, MET, "2019-03-15"),  # delivered on day N
        ("2019-03-16", "2020-01-01", 0, MISSED, "2019-03-15"),
        ("2019-04-18", "2020-01-01", 35, MET, "2019-04-19"),  # USMCA: +35 days for the 2019 shutdown
        (None, "2019-04-19", 35, PENDING, "2019-04-19"),
    ],
)
def test_itc_report_deadline(report, today, extension, status, due):
    timeline = list(SIGNED)
    if extension:
        timeline.append(Occurrence("extend_deadline", D("2019-01-25"), clock="itc_report", days=extension))
    if report:
        timeline.append(Occurrence("itc_report", D(report)))
    (itc,) = [d for d in V2.deadlines("tpa", timeline, today=D(today), closed=False) if d.clock.name == "itc_report"]
    assert (itc.status, itc.due.isoformat(), itc.extension_days) == (status, due, extension)
    assert V2.decide_on(Subject("finalized", authority="tpa"), "itc_report", D("2030-01-01"), timeline).allowed


def test_deadlines_without_a_trigger_or_once_closed_do_not_apply():
    statuses = {d.clock.name: d.status for d in V2.deadlines("tpa", [], today=D("2020-01-01"), closed=False)}
    assert set(statuses.values()) == {NOT_APPLICABLE}
    (itc,) = [
        d for d in V2.deadlines("tpa", SIGNED, today=D("2020-01-01"), closed=True) if d.clock.name == "itc_report"
    ]
    assert itc.status == NOT_APPLICABLE


def test_rta_is_status_beside_the_state():
    assert rta_is_status("negotiating") == "Early announcement - Under negotiation"
    assert rta_is_status("finalized") == "Early announcement - Signed"
    assert rta_is_status("implemented") == "In Force"
    assert rta_is_status("terminated") == "Inactive"
    assert rta_is_status("suspended", "finalized") == "Early announcement - Signed"
