"""Workflow definitions as data: states, events, sources, targets and a Mermaid diagram."""

from functools import cache
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from service.errors import NotFound, responses
from workflows import PREVIOUS_STATE, WorkflowDefinition, get_definition, latest_definition, list_definitions

router = APIRouter(prefix="/v1/workflows", tags=["workflows"])


class WorkflowEvent(BaseModel):
    event: str
    sources: list[str]
    targets: list[str]
    returns_to_previous: bool = Field(False, description="The target is the state the agreement was suspended from")
    milestone: bool = Field(False, description="A dated event that leaves the state unchanged")
    authorities: list[str] | None = Field(None, description="Only for agreements under these authorities; null: all")
    description: str


class WorkflowClock(BaseModel):
    name: str
    event: str = Field(description="The event the clock bounds")
    trigger: str = Field(description="The event that starts it")
    days: int = Field(description="Calendar days")
    bound: str = Field(description="earliest (a guard on the event) or latest (a deadline)")
    legal_basis: str
    authorities: list[str]
    description: str


class Workflow(BaseModel):
    name: str
    version: int
    description: str
    initial_state: str
    states: list[str]
    final_states: list[str]
    events: list[WorkflowEvent]
    authorities: list[str] = Field(
        default_factory=list, description="Negotiating authorities; the first is the default"
    )
    clocks: list[WorkflowClock] = Field(default_factory=list, description="Statutory clocks, in calendar days")
    mermaid: str = Field(description="A Mermaid stateDiagram-v2 drawn from this definition")


class WorkflowList(BaseModel):
    data: list[Workflow]


@cache  # definitions are immutable; drawing the diagram costs milliseconds
def _describe(d: WorkflowDefinition) -> Workflow:
    return Workflow(
        name=d.name,
        version=d.version,
        description=d.description,
        initial_state=d.initial,
        states=list(d.states),
        final_states=list(d.final_states),
        events=[
            WorkflowEvent(
                event=t.event,
                sources=list(t.sources),
                targets=list(d.targets(t)),
                returns_to_previous=t.target == PREVIOUS_STATE,
                milestone=t.milestone,
                authorities=list(t.authorities) if t.authorities is not None else None,
                description=t.description,
            )
            for t in d.transitions
        ],
        authorities=list(d.authorities),
        clocks=[
            WorkflowClock(
                name=c.name,
                event=c.event,
                trigger=c.trigger,
                days=c.days,
                bound=c.bound,
                legal_basis=c.legal_basis,
                authorities=list(c.authorities),
                description=c.description,
            )
            for c in d.clocks
        ],
        mermaid=d.mermaid(),
    )


@router.get("", response_model=WorkflowList, responses=responses())
async def list_workflows() -> WorkflowList:
    """Every workflow definition, every version."""
    return WorkflowList(data=[_describe(d) for d in list_definitions()])


@router.get("/{name}", response_model=Workflow, responses=responses(NotFound))
async def get_workflow(
    name: str, version: Annotated[int | None, Query(ge=1, description="Defaults to the latest")] = None
) -> Workflow:
    """One workflow definition."""
    definition = latest_definition(name) if version is None else get_definition(name, version)
    if definition is None:
        raise NotFound(f"No workflow {name!r}" + (f" version {version}" if version else ""))
    return _describe(definition)
