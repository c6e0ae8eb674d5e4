from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_event import WorkflowEvent


T = TypeVar("T", bound="Workflow")


@_attrs_define
class Workflow:
    """
    Attributes:
        name (str):
        version (int):
        description (str):
        initial_state (str):
        states (list[str]):
        final_states (list[str]):
        events (list[WorkflowEvent]):
        mermaid (str): A Mermaid stateDiagram-v2 drawn from this definition
    """

    name: str
    version: int
    description: str
    initial_state: str
    states: list[str]
    final_states: list[str]
    events: list[WorkflowEvent]
    mermaid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        description = self.description

        initial_state = self.initial_state

        states = self.states

        final_states = self.final_states

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        mermaid = self.mermaid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "description": description,
                "initial_state": initial_state,
                "states": states,
                "final_states": final_states,
                "events": events,
                "mermaid": mermaid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_event import WorkflowEvent

        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        description = d.pop("description")

        initial_state = d.pop("initial_state")

        states = cast(list[str], d.pop("states"))

        final_states = cast(list[str], d.pop("final_states"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = WorkflowEvent.from_dict(events_item_data)

            events.append(events_item)

        mermaid = d.pop("mermaid")

        workflow = cls(
            name=name,
            version=version,
            description=description,
            initial_state=initial_state,
            states=states,
            final_states=final_states,
            events=events,
            mermaid=mermaid,
        )

        workflow.additional_properties = d
        return workflow

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
