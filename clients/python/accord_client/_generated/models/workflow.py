from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_clock import WorkflowClock
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
        authorities (list[str] | Unset): Negotiating authorities; the first is the default
        clocks (list[WorkflowClock] | Unset): Statutory clocks, in calendar days
    """

    name: str
    version: int
    description: str
    initial_state: str
    states: list[str]
    final_states: list[str]
    events: list[WorkflowEvent]
    mermaid: str
    authorities: list[str] | Unset = UNSET
    clocks: list[WorkflowClock] | Unset = UNSET
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

        authorities: list[str] | Unset = UNSET
        if not isinstance(self.authorities, Unset):
            authorities = self.authorities

        clocks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.clocks, Unset):
            clocks = []
            for clocks_item_data in self.clocks:
                clocks_item = clocks_item_data.to_dict()
                clocks.append(clocks_item)

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
        if authorities is not UNSET:
            field_dict["authorities"] = authorities
        if clocks is not UNSET:
            field_dict["clocks"] = clocks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_clock import WorkflowClock
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

        authorities = cast(list[str], d.pop("authorities", UNSET))

        _clocks = d.pop("clocks", UNSET)
        clocks: list[WorkflowClock] | Unset = UNSET
        if _clocks is not UNSET:
            clocks = []
            for clocks_item_data in _clocks:
                clocks_item = WorkflowClock.from_dict(clocks_item_data)

                clocks.append(clocks_item)

        workflow = cls(
            name=name,
            version=version,
            description=description,
            initial_state=initial_state,
            states=states,
            final_states=final_states,
            events=events,
            mermaid=mermaid,
            authorities=authorities,
            clocks=clocks,
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
