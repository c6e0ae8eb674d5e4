"""The workflow diagram of an agreement's page, as SVG drawn here from the workflow definition.

Hand-laid rather than by a layout engine: Graphviz would be a system package and Mermaid needs a
browser script from elsewhere; a lifecycle is a column of states with a few exits beside it,
which a dozen lines place well. The template (templates/_diagram.svg) draws what this computes.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.agreements.schemas import Diagram
from workflows import PREVIOUS_STATE, WorkflowDefinition

NODE_W, NODE_H, ROW = 260, 34, 58
MAIN_X, SIDE_X, TOP = 70, 420, 16
# A state that many states lead to (suspend, terminate) is an exit, drawn beside the lifecycle.
EXIT_SOURCES = 3


@dataclass(frozen=True)
class Node:
    state: str
    x: int
    y: int
    visited: bool
    current: bool
    step: int | None  # its first place in the path taken, 1-based

    @property
    def cx(self) -> int:
        return self.x + NODE_W // 2


@dataclass(frozen=True)
class Edge:
    d: str  # the SVG path
    event: str
    taken: bool
    label_x: int
    label_y: int


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    exits_note: str
    summary: str


def _exits(definition: WorkflowDefinition) -> set[str]:
    return {
        spec.target
        for spec in definition.transitions
        if len(spec.sources) >= EXIT_SOURCES and spec.target in definition.states
    }


def draw(definition: WorkflowDefinition, diagram: Diagram, authority: str | None) -> Drawing:
    exits = _exits(definition)
    main = [s for s in definition.states if s not in exits]
    side = [s for s in definition.states if s in exits]
    visited = set(diagram.path) | {diagram.state}
    steps: dict[str, int] = {}
    for index, state in enumerate(diagram.path, start=1):
        steps.setdefault(state, index)
    place: dict[str, tuple[int, int]] = {s: (MAIN_X, TOP + i * ROW) for i, s in enumerate(main)}
    place.update({s: (SIDE_X, TOP + (1 + 2 * i) * ROW) for i, s in enumerate(side)})
    nodes = [
        Node(s, *place[s], visited=s in visited, current=s == diagram.state, step=steps.get(s))
        for s in definition.states
    ]
    taken = set(zip(diagram.path, diagram.path[1:], strict=False))
    edges: list[Edge] = []
    drawn: set[tuple[str, str]] = set()
    for spec in definition.transitions:
        if spec.milestone or (spec.authorities is not None and authority not in spec.authorities):
            continue
        for source in spec.sources:
            for target in definition.targets(spec):
                if source == target or (spec.target == PREVIOUS_STATE and source not in exits):
                    continue
                pair = (source, target)
                is_taken = pair in taken
                # Exits from every open state would hide the lifecycle: only those taken are drawn.
                if (target in exits or source in exits) and not is_taken:
                    continue
                if pair in drawn:
                    continue
                drawn.add(pair)
                edges.append(_edge(place[source], place[target], spec.event, is_taken))
    # Moves the definition does not draw (a path taken under an older rule) still show as taken.
    for source, target in sorted(taken - drawn):
        if source in place and target in place:
            edges.append(_edge(place[source], place[target], "", True))
    height = TOP * 2 + max(len(main), 2 * len(side)) * ROW
    exit_events = sorted({spec.event for spec in definition.transitions if spec.target in exits})
    return Drawing(
        width=SIDE_X + NODE_W + 20,
        height=height,
        nodes=nodes,
        edges=edges,
        exits_note=f"{', '.join(exit_events)}: from any open state" if exit_events else "",
        summary="Path taken: " + " → ".join(diagram.path) + f". Current state: {diagram.state}.",
    )


def _edge(start: tuple[int, int], end: tuple[int, int], event: str, taken: bool) -> Edge:
    (x1, y1), (x2, y2) = start, end
    if x1 == x2 and y2 > y1:  # down the lifecycle: a straight line
        cx = x1 + NODE_W // 2
        return Edge(f"M{cx},{y1 + NODE_H} L{cx},{y2 - 2}", event, taken, cx + 8, (y1 + NODE_H + y2) // 2 + 4)
    if x1 == x2:  # back up the lifecycle: a curve on the left
        bend = x1 - 40
        d = f"M{x1},{y1 + NODE_H // 2} C{bend},{y1 + NODE_H // 2} {bend},{y2 + NODE_H // 2} {x1 - 2},{y2 + NODE_H // 2}"
        return Edge(d, event, taken, max(bend - 30, 2), (y1 + y2 + NODE_H) // 2 + 4)
    # across, to or from an exit
    sx, ex = (x1 + NODE_W, x2 - 2) if x2 > x1 else (x1, x2 + NODE_W + 2)
    sy, ey = y1 + NODE_H // 2, y2 + NODE_H // 2
    return Edge(f"M{sx},{sy} L{ex},{ey}", event, taken, (sx + ex) // 2 - 30, (sy + ey) // 2 - 6)
