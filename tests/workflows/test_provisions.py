"""Agreement-specific provisions: clocks an agreement opts into (USMCA Art. 34.7's joint review)."""

from datetime import date

import pytest

from workflows import Occurrence, Provision, Subject, get_definition
from workflows.clocks import LATEST, MET, MISSED, PENDING, Clock, anniversary, due_date
from workflows.trade_agreement import TRADE_AGREEMENT_V1, TRADE_AGREEMENT_V2, USMCA_34_7

V3 = get_definition("trade-agreement", 3)
D = date.fromisoformat
USMCA = frozenset({"usmca_34_7"})
IN_FORCE = [Occurrence("sign", D("2018-11-30")), Occurrence("implement", D("2020-07-01"))]


def _joint_review(timeline, *, today="2026-11-24", provisions=USMCA, closed=False):
    found = [
        d
        for d in V3.deadlines("tpa", timeline, today=D(today), closed=closed, provisions=provisions)
        if d.clock.name == "joint_review"
    ]
    return found[0] if found else None


def test_v3_has_the_usmca_provision_and_v1_v2_do_not():
    assert V3.provisions == (USMCA_34_7,) and V3.provision_names == ("usmca_34_7",)
    assert isinstance(USMCA_34_7, Provision)
    (clock,) = USMCA_34_7.clocks
    assert (clock.name, clock.event, clock.trigger, clock.days, clock.years, clock.bound) == (
        "joint_review",
        "joint_review",
        "implement",
        0,
        6,
        LATEST,
    )
    assert "Art. 34.7" in clock.legal_basis and not clock.guards
    assert "joint_review" in V3.events and "joint_review" in V3.clock_events
    for old in (TRADE_AGREEMENT_V1, TRADE_AGREEMENT_V2):
        assert old.provisions == () and "joint_review" not in old.events


def test_due_on_the_sixth_anniversary_of_entry_into_force():
    review = _joint_review(IN_FORCE, today="2026-06-30")
    assert (review.trigger_date, review.due, review.status) == (D("2020-07-01"), D("2026-07-01"), PENDING)
    assert _joint_review(IN_FORCE, today="2026-07-01").status == PENDING
    # No review recorded by 2026-11-24: missed.
    assert _joint_review(IN_FORCE).status == MISSED


def test_met_when_the_joint_review_is_recorded():
    held = [*IN_FORCE, Occurrence("joint_review", D("2026-07-01"))]
    assert (_joint_review(held).status, _joint_review(held).occurred_on) == (MET, D("2026-07-01"))
    late = [*IN_FORCE, Occurrence("joint_review", D("2026-07-02"))]
    assert _joint_review(late).status == MISSED


def test_not_applicable_without_the_provision():
    assert _joint_review(IN_FORCE, provisions=frozenset()) is None
    assert _joint_review(IN_FORCE, provisions={"unknown"}) is None
    assert "joint_review" not in {c.name for c in V3.clocks_for("tpa")}
    assert "joint_review" in {c.name for c in V3.clocks_for("tpa", provisions=USMCA)}
    with pytest.raises(TypeError):
        V3.clocks_for("tpa", provisions="usmca_34_7")


def test_a_latest_provision_clock_refuses_nothing():
    subject = Subject("implemented", authority="tpa")
    assert V3.decide_on(subject, "joint_review", D("2027-01-01"), IN_FORCE, provisions=USMCA).allowed
    assert V3.clock_refusals("tpa", "joint_review", D("2027-01-01"), IN_FORCE, provisions=USMCA) == []


def test_anniversary_is_a_calendar_date():
    assert anniversary(D("2020-07-01"), 6) == D("2026-07-01")
    assert anniversary(D("2020-02-29"), 1) == D("2021-02-28")
    clock = Clock("c", "e", "t", 1, LATEST, "basis", "t happened", ("tpa",), years=2)
    assert due_date(clock, [Occurrence("t", D("2024-02-29"))])[1] == D("2026-03-01")
    with pytest.raises(ValueError):
        Clock("w", "e", "", 0, LATEST, "basis", "window", ("tpa",), closes=D("2021-07-01"), years=1)
