"""The trade-agreement v1 table, event by event and state by state (no database)."""

import pytest

from workflows import PREVIOUS_STATE, Subject, get_definition, latest_definition
from workflows.trade_agreement import LIFECYCLE, STATES

WORKFLOW = get_definition("trade-agreement", 1)

# The table, written out independently of the definition.
EXPECTED = {
    ("announced", "start_domestic_procedures"): "domestic_procedures",
    ("domestic_procedures", "notify_congress"): "congressional_notification",
    ("congressional_notification", "open_negotiations"): "negotiating",
    ("negotiating", "reach_preliminary"): "preliminary",
    ("preliminary", "reopen"): "negotiating",
    ("preliminary", "sign"): "finalized",
    ("finalized", "implement"): "implemented",
    **{
        (s, "suspend"): "suspended"
        for s in (
            "announced",
            "domestic_procedures",
            "congressional_notification",
            "negotiating",
            "preliminary",
            "finalized",
        )
    },
    **{(s, "terminate"): "terminated" for s in STATES if s != "terminated"},
}
EVENTS = [
    "start_domestic_procedures",
    "notify_congress",
    "open_negotiations",
    "reach_preliminary",
    "reopen",
    "sign",
    "implement",
    "suspend",
    "resume",
    "terminate",
]


def test_definition_shape():
    assert WORKFLOW.name == "trade-agreement" and WORKFLOW.version == 1
    assert list(WORKFLOW.states) == [
        "announced",
        "domestic_procedures",
        "congressional_notification",
        "negotiating",
        "preliminary",
        "finalized",
        "implemented",
        "suspended",
        "terminated",
    ]
    assert list(WORKFLOW.events) == EVENTS
    assert WORKFLOW.machine.auto_transitions is False
    assert latest_definition("trade-agreement") is not None
    assert latest_definition("no-such-workflow") is None


@pytest.mark.parametrize("state", [s for s in STATES if s != "suspended"])
@pytest.mark.parametrize("event", [e for e in EVENTS if e != "resume"])
def test_every_event_from_every_state(state, event):
    decision = WORKFLOW.decide(Subject(state), event)
    expected = EXPECTED.get((state, event))
    assert decision.allowed is (expected is not None)
    assert decision.to_state == expected
    if expected is None:
        assert decision.reasons and event in decision.reasons[0]


@pytest.mark.parametrize("previous", [s for s in LIFECYCLE if s != "implemented"])
def test_suspend_then_resume_returns_to_the_state_it_left(previous):
    suspended = WORKFLOW.decide(Subject(previous), "suspend")
    assert suspended.to_state == "suspended"
    resumed = WORKFLOW.decide(Subject("suspended", suspended_from=previous), "resume")
    assert resumed.allowed and resumed.to_state == previous


@pytest.mark.parametrize("event", [e for e in EVENTS if e not in ("resume", "terminate")])
def test_only_resume_and_terminate_leave_suspended(event):
    assert not WORKFLOW.decide(Subject("suspended", "negotiating"), event).allowed
    assert WORKFLOW.decide(Subject("suspended", "negotiating"), "terminate").to_state == "terminated"


def test_resume_without_a_remembered_state_is_refused_with_a_reason():
    decision = WORKFLOW.decide(Subject("suspended", None), "resume")
    assert not decision.allowed
    assert "suspended from" in decision.reasons[0]


def test_terminated_is_final():
    for event in EVENTS:
        decision = WORKFLOW.decide(Subject("terminated"), event)
        assert not decision.allowed
        assert "final" in decision.reasons[0]


def test_unknown_event_is_refused():
    decision = WORKFLOW.decide(Subject("announced"), "teleport")
    assert not decision.allowed and "not an event" in decision.reasons[0]


def test_allowed_events_from_negotiating():
    assert WORKFLOW.allowed_events(Subject("negotiating")) == ["reach_preliminary", "suspend", "terminate"]


def test_resume_targets_every_suspendable_state():
    resume = next(t for t in WORKFLOW.transitions if t.event == "resume")
    assert resume.target == PREVIOUS_STATE
    assert set(WORKFLOW.targets(resume)) == {
        "announced",
        "domestic_procedures",
        "congressional_notification",
        "negotiating",
        "preliminary",
        "finalized",
    }


def test_mermaid_is_drawn_from_the_definition():
    diagram = WORKFLOW.mermaid()
    assert "stateDiagram-v2" in diagram
    assert "announced --> domestic_procedures: start_domestic_procedures" in diagram
    assert "suspended --> negotiating: resume" in diagram
    assert "implemented --> suspended" not in diagram


def test_the_shared_machine_holds_no_models_after_use():
    WORKFLOW.decide(Subject("announced"), "start_domestic_procedures")
    assert len(WORKFLOW.machine.models) == 0
