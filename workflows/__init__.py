"""Workflow definitions: states, events and guards as data, with no web or database imports."""

from workflows.clocks import Clock, Deadline, Exemption, Occurrence, Provision, washington_date
from workflows.definition import PREVIOUS_STATE, SAME_STATE, Decision, Subject, TransitionSpec, WorkflowDefinition
from workflows.registry import (
    DEFAULT_WORKFLOW,
    authorities,
    get_definition,
    latest_definition,
    list_definitions,
    rta_statuses,
)

__all__ = [
    "DEFAULT_WORKFLOW",
    "PREVIOUS_STATE",
    "SAME_STATE",
    "Clock",
    "Deadline",
    "Decision",
    "Exemption",
    "Occurrence",
    "Provision",
    "Subject",
    "TransitionSpec",
    "WorkflowDefinition",
    "authorities",
    "get_definition",
    "latest_definition",
    "list_definitions",
    "rta_statuses",
    "washington_date",
]
