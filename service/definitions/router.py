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
    description: str


class Workflow(BaseModel):
    name: str
    version: int
    description: str
    initial_state: str
    states: list[str]
    final_states: list[str]
    events: list[WorkflowEvent]
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
                description=t.description,
            )
            for t in d.transitions
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
