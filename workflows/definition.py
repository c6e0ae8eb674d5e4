"""A workflow definition and the one shared `transitions.Machine` that enforces it.

The definition is plain data (states, events, sources, targets) so the API can show it and
tests can read it. The Machine is built once per definition: pytransitions issue #146 measured
one machine per model at over 1 GB for 1,000 objects.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

from transitions import Machine, MachineError
from transitions.extensions import GraphMachine

# A target meaning "the state the subject was suspended from"; expanded into one guarded
# transition per possible state when the Machine is built.
PREVIOUS_STATE = "<previous>"


@dataclass(frozen=True)
class TransitionSpec:
    event: str
    sources: tuple[str, ...]
    target: str
    description: str = ""


@dataclass
class Subject:
    """The plain object bound to the Machine; a SQLModel row cannot be (pydantic refuses the
    attributes the library adds)."""

    state: str
    suspended_from: str | None = None


@dataclass(frozen=True)
class Decision:
    event: str
    allowed: bool
    to_state: str | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkflowDefinition:
    name: str
    version: int
    states: tuple[str, ...]
    initial: str
    final_states: tuple[str, ...]
    transitions: tuple[TransitionSpec, ...]
    description: str = ""
    # The state a subject returns to on PREVIOUS_STATE transitions is remembered on suspend.
    remembers_previous_on: str = "suspend"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _decisions: dict[tuple[str, str | None, str], Decision] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.event for t in self.transitions))

    def targets(self, spec: TransitionSpec) -> tuple[str, ...]:
        if spec.target != PREVIOUS_STATE:
            return (spec.target,)
        remembering = [t for t in self.transitions if t.event == self.remembers_previous_on]
        return tuple(s for s in self.states if any(s in t.sources for t in remembering))

    def _machine_transitions(self) -> list[dict]:
        rows: list[dict] = []
        for spec in self.transitions:
            for target in self.targets(spec):
                row: dict = {"trigger": spec.event, "source": list(spec.sources), "dest": target}
                if spec.target == PREVIOUS_STATE:
                    row["conditions"] = [_returns_to(target)]
                rows.append(row)
        return rows

    @cached_property
    def machine(self) -> Machine:
        return Machine(
            model=None,
            states=list(self.states),
            transitions=self._machine_transitions(),
            initial=self.initial,
            auto_transitions=False,
            send_event=True,
        )

    def decide(self, subject: Subject, event: str) -> Decision:
        """Where `event` takes `subject`, or why it cannot.

        The shared Machine decides; its answer depends only on (state, remembered state, event),
        so each answer is kept. Firing the Machine costs ~45 us a call here, the lookup ~1 us.
        """
        if event not in self.events:  # not cached: arbitrary names must not grow the cache
            return self._fire(subject, event)
        remembered = subject.suspended_from if subject.state in self._remembering_states else None
        key = (subject.state, remembered, event)
        decision = self._decisions.get(key)
        if decision is None:
            decision = self._fire(Subject(subject.state, remembered), event)
            self._decisions[key] = decision
        return decision

    @cached_property
    def _remembering_states(self) -> frozenset[str]:
        return frozenset(s for t in self.transitions if t.target == PREVIOUS_STATE for s in t.sources)

    def _fire(self, subject: Subject, event: str) -> Decision:
        if event not in self.events:
            return Decision(event, False, reasons=(f"{event!r} is not an event of workflow {self.name} v{self.version}",))
        probe = Subject(subject.state, subject.suspended_from)
        # The shared Machine keeps a list of models; guard it for callers on several threads.
        with self._lock:
            self.machine.add_model(probe, initial=subject.state)
            try:
                fired = probe.trigger(event)
            except MachineError:
                fired = None
            finally:
                self.machine.remove_model(probe)
        if fired:
            return Decision(event, True, to_state=probe.state)
        return Decision(event, False, reasons=(self._refusal(subject, event, guarded=fired is False),))

    def _refusal(self, subject: Subject, event: str, *, guarded: bool) -> str:
        if guarded:
            return (
                f"{event} returns to the state the agreement was suspended from, "
                f"and none is recorded for this agreement"
            )
        sources = sorted({s for t in self.transitions if t.event == event for s in t.sources})
        if subject.state in self.final_states:
            return f"{subject.state} is final: no event may follow it, {event} included"
        return f"{event} is allowed only from {', '.join(sources)}; the agreement is {subject.state}"

    def available(self, subject: Subject) -> list[Decision]:
        return [self.decide(subject, event) for event in self.events]

    def allowed_events(self, subject: Subject) -> list[str]:
        return [d.event for d in self.available(subject) if d.allowed]

    def mermaid(self, current: str | None = None) -> str:
        """A Mermaid stateDiagram-v2 drawn by the library from the same transitions."""

        class _Drawing:
            pass

        drawing = _Drawing()
        GraphMachine(
            model=drawing,
            states=list(self.states),
            transitions=[{k: v for k, v in row.items() if k != "conditions"} for row in self._machine_transitions()],
            initial=current or self.initial,
            auto_transitions=False,
            graph_engine="mermaid",
            title=f"{self.name} v{self.version}",
        )
        return drawing.get_graph().draw(None)


def _returns_to(target: str):
    def condition(event_data) -> bool:
        return event_data.model.suspended_from == target

    condition.__name__ = f"suspended_from_{target}"
    return condition
