"""A workflow definition and the one shared `transitions.Machine` that enforces it.

The definition is plain data (states, events, sources, targets) so the API can show it and
tests can read it. The Machine is built once per definition: pytransitions issue #146 measured
one machine per model at over 1 GB for 1,000 objects.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from transitions import Machine, MachineError
from transitions.extensions import GraphMachine

from workflows.clocks import EXTEND_DEADLINE, Clock, Deadline, Exemption, Occurrence, Provision, deadline, refusal

NO_NAMES: frozenset[str] = frozenset()


def _names(value: Collection[str]) -> Collection[str]:
    # A bare string is a collection too, and `in` would match its substrings.
    if isinstance(value, str):
        raise TypeError(f"expected a collection of names, not the string {value!r}")
    return value


# A target meaning "the state the subject was suspended from"; expanded into one guarded
# transition per possible state when the Machine is built.
PREVIOUS_STATE = "<previous>"
# The target of a milestone: a dated event that leaves the state unchanged (an internal
# transition of the library, `dest=None`).
SAME_STATE = "<same>"


@dataclass(frozen=True)
class TransitionSpec:
    event: str
    sources: tuple[str, ...]
    target: str
    description: str = ""
    # None: every authority; otherwise the transition exists only for these authorities.
    authorities: tuple[str, ...] | None = None

    @property
    def milestone(self) -> bool:
        return self.target == SAME_STATE


@dataclass
class Subject:
    """The plain object bound to the Machine; a SQLModel row cannot be (pydantic refuses the
    attributes the library adds)."""

    state: str
    suspended_from: str | None = None
    authority: str | None = None


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
    # Authorities an agreement may be created under (empty: the workflow has none) and clocks.
    authorities: tuple[str, ...] = ()
    default_authority: str | None = None
    clocks: tuple[Clock, ...] = ()
    # Statutory exemptions an agreement may carry, each waiving some clocks (by name).
    exemptions: tuple[Exemption, ...] = ()
    # Provisions of an agreement's own text an agreement may opt into, each adding clocks.
    provisions: tuple[Provision, ...] = ()
    # Each state in the WTO RTA-IS vocabulary; a suspended subject reports the state it left.
    rta_is_statuses: tuple[tuple[str, str], ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _decisions: dict[tuple[str, str | None, str | None, str], Decision] = field(
        default_factory=dict, repr=False, compare=False
    )

    @cached_property
    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.event for t in self.transitions))

    def targets(self, spec: TransitionSpec) -> tuple[str, ...]:
        if spec.target == SAME_STATE:
            return ()
        if spec.target != PREVIOUS_STATE:
            return (spec.target,)
        remembering = [t for t in self.transitions if t.event == self.remembers_previous_on]
        return tuple(s for s in self.states if any(s in t.sources for t in remembering))

    def _machine_transitions(self) -> list[dict]:
        rows: list[dict] = []
        for spec in self.transitions:
            conditions = [_authority_in(spec.authorities)] if spec.authorities is not None else []
            if spec.milestone:
                rows.append(
                    {"trigger": spec.event, "source": list(spec.sources), "dest": None, "conditions": conditions}
                )
                continue
            for target in self.targets(spec):
                row: dict = {"trigger": spec.event, "source": list(spec.sources), "dest": target}
                guards = [*conditions, _returns_to(target)] if spec.target == PREVIOUS_STATE else conditions
                if guards:
                    row["conditions"] = guards
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
        authority = subject.authority if self.authorities else None
        key = (subject.state, remembered, authority, event)
        decision = self._decisions.get(key)
        if decision is None:
            decision = self._fire(Subject(subject.state, remembered, authority), event)
            self._decisions[key] = decision
        return decision

    @cached_property
    def _remembering_states(self) -> frozenset[str]:
        return frozenset(s for t in self.transitions if t.target == PREVIOUS_STATE for s in t.sources)

    def _fire(self, subject: Subject, event: str) -> Decision:
        if event not in self.events:
            return Decision(
                event, False, reasons=(f"{event!r} is not an event of workflow {self.name} v{self.version}",)
            )
        probe = Subject(subject.state, subject.suspended_from, subject.authority)
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
        here = [t for t in self.transitions if t.event == event and subject.state in t.sources]
        if here and all(t.authorities is not None and subject.authority not in t.authorities for t in here):
            only = sorted({a for t in here for a in t.authorities or ()})
            return (
                f"{event} from {subject.state} is only for {' or '.join(only)} agreements; "
                f"this agreement's authority is {subject.authority}"
            )
        if guarded:
            return (
                f"{event} returns to the state the agreement was suspended from, "
                f"and none is recorded for this agreement"
            )
        sources = sorted(
            {
                s
                for t in self.transitions
                if t.event == event and (t.authorities is None or subject.authority in t.authorities)
                for s in t.sources
            }
        )
        if subject.state in self.final_states:
            return f"{subject.state} is final: no event may follow it, {event} included"
        return f"{event} is allowed only from {', '.join(sources)}; the agreement is {subject.state}"

    def available(self, subject: Subject) -> list[Decision]:
        return [self.decide(subject, event) for event in self.events]

    def allowed_events(self, subject: Subject) -> list[str]:
        return [d.event for d in self.available(subject) if d.allowed]

    # -- clocks: evaluated on every call, after the (cached) Machine has allowed the event --
    #
    # `exemptions` are names of `self.exemptions` the agreement carries ("4206"); names this
    # definition does not know, or that do not apply to the authority, change nothing (callers
    # validate them against `exemption_names`). `unrecorded` are events the record says happened
    # on a date no source gives: see workflows/clocks.py. `provisions` are names of
    # `self.provisions` the agreement opted into ("usmca_34_7"): their clocks join the statutory
    # ones (callers validate them against `provision_names`; unknown names add nothing).

    @cached_property
    def exemption_names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.exemptions)

    @cached_property
    def provision_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.provisions)

    def provided(self, authority: str | None, provisions: Collection[str] = NO_NAMES) -> tuple[Clock, ...]:
        """The clocks the agreement's provisions add, for `authority`."""
        names = _names(provisions)
        return tuple(c for p in self.provisions if p.name in names for c in p.clocks if c.applies_to(authority))

    def waived(self, authority: str | None, exemptions: Collection[str] = NO_NAMES) -> dict[str, Exemption]:
        """The clocks (by name) that the agreement's exemptions waive, and the exemption that does."""
        names = _names(exemptions)
        return {
            clock: e for e in self.exemptions if e.name in names and authority in e.authorities for clock in e.clocks
        }

    def clocks_for(
        self,
        authority: str | None,
        exemptions: Collection[str] = NO_NAMES,
        *,
        provisions: Collection[str] = NO_NAMES,
    ) -> tuple[Clock, ...]:
        """The clocks that bind an agreement under `authority`, less those its exemptions waive,
        plus those its provisions add."""
        waived = self.waived(authority, exemptions) if exemptions else {}
        added = self.provided(authority, provisions) if provisions else ()
        return tuple(c for c in (*self.clocks, *added) if c.applies_to(authority) and c.name not in waived)

    @cached_property
    def clock_events(self) -> frozenset[str]:
        """The events any clock reads: triggers, bounded events and extensions. A timeline for the
        clocks needs only these (a window has no trigger event). Provisions' clocks included."""
        clocks = (*self.clocks, *(c for p in self.provisions for c in p.clocks))
        if not clocks:
            return frozenset()
        triggers = {c.trigger for c in clocks if not c.window}
        return frozenset({EXTEND_DEADLINE, *triggers, *(c.event for c in clocks)})

    def rta_status(self, state: str, suspended_from: str | None = None) -> str | None:
        statuses = dict(self.rta_is_statuses)
        return statuses.get(suspended_from if suspended_from and state not in statuses else state)

    def clock_refusals(
        self,
        authority: str | None,
        event: str,
        on: date,
        timeline: list[Occurrence],
        *,
        exemptions: Collection[str] = NO_NAMES,
        unrecorded: Collection[str] = NO_NAMES,
        provisions: Collection[str] = NO_NAMES,
    ) -> list[str]:
        """Why the statutory clocks forbid `event` on `on`, given the dated history so far."""
        unrecorded = _names(unrecorded)
        return [
            r
            for c in self.clocks_for(authority, exemptions, provisions=provisions)
            if c.event == event and (r := refusal(c, timeline, on, unrecorded=unrecorded))
        ]

    def decide_on(
        self,
        subject: Subject,
        event: str,
        on: date,
        timeline: list[Occurrence],
        *,
        exemptions: Collection[str] = NO_NAMES,
        unrecorded: Collection[str] = NO_NAMES,
        provisions: Collection[str] = NO_NAMES,
    ) -> Decision:
        """`decide`, then the clocks: the full answer for an event on a given date."""
        decision = self.decide(subject, event)
        if not decision.allowed or not (self.clocks or self.provisions):
            return decision
        reasons = self.clock_refusals(
            subject.authority, event, on, timeline, exemptions=exemptions, unrecorded=unrecorded, provisions=provisions
        )
        return Decision(event, False, reasons=tuple(reasons)) if reasons else decision

    def deadlines(
        self,
        authority: str | None,
        timeline: list[Occurrence],
        *,
        today: date,
        closed: bool,
        exemptions: Collection[str] = NO_NAMES,
        unrecorded: Collection[str] = NO_NAMES,
        provisions: Collection[str] = NO_NAMES,
    ) -> list[Deadline]:
        """Every clock of `authority` on `today`, waived ones included (they read not_applicable),
        and those the agreement's provisions add."""
        waived = self.waived(authority, exemptions) if exemptions else {}
        unrecorded = _names(unrecorded)
        return [
            deadline(c, timeline, today=today, closed=closed, unrecorded=unrecorded, exemption=waived.get(c.name))
            for c in self.clocks_for(authority, provisions=provisions)
        ]

    def mermaid_path(
        self, taken: list[tuple[str | None, str, str]], *, current: str, authority: str | None = None
    ) -> str:
        """A stateDiagram-v2 of the transitions open to `authority`, with the states and events
        of `taken` ((from, to, event) in order) marked and `current` highlighted."""
        taken_edges = {(f, t, e) for f, t, e in taken if f is not None}
        visited = {t for _, t, _ in taken} | {current}
        lines = ["stateDiagram-v2", "  direction LR", f"  [*] --> {self.initial}"]
        for spec in self.transitions:
            if spec.milestone or (spec.authorities is not None and authority not in spec.authorities):
                continue
            for source in spec.sources:
                for target in self.targets(spec):
                    if spec.target == PREVIOUS_STATE and target == source:
                        continue
                    mark = " (taken)" if (source, target, spec.event) in taken_edges else ""
                    lines.append(f"  {source} --> {target}: {spec.event}{mark}")
        lines += [
            "  classDef taken fill:#dbeafe,stroke:#1d4ed8",
            "  classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px",
        ]
        if visited - {current}:
            lines.append(f"  class {','.join(s for s in self.states if s in visited - {current})} taken")
        lines.append(f"  class {current} current")
        return "\n".join(lines) + "\n"

    def mermaid(self) -> str:
        """A Mermaid stateDiagram-v2 drawn by the library from the same transitions."""

        class _Drawing:
            pass

        drawing = _Drawing()
        GraphMachine(
            model=drawing,
            states=list(self.states),
            transitions=[
                {k: v for k, v in row.items() if k != "conditions"}
                for row in self._machine_transitions()
                if row["dest"]
            ],
            initial=self.initial,
            auto_transitions=False,
            graph_engine="mermaid",
            title=f"{self.name} v{self.version}",
        )
        return drawing.get_graph().draw(None)


def _authority_in(authorities: tuple[str, ...]):
    def condition(event_data) -> bool:
        return event_data.model.authority in authorities

    condition.__name__ = f"authority_in_{'_'.join(authorities)}"
    return condition


def _returns_to(target: str):
    def condition(event_data) -> bool:
        return event_data.model.suspended_from == target

    condition.__name__ = f"suspended_from_{target}"
    return condition
