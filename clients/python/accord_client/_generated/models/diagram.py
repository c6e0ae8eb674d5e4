from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_ref import WorkflowRef


T = TypeVar("T", bound="Diagram")


@_attrs_define
class Diagram:
    """
    Attributes:
        agreement_id (str):
        workflow (WorkflowRef):
        state (str):
        path (list[str]): The states this agreement went through, in order
        mermaid (str): A Mermaid stateDiagram-v2: the path taken and the current state are marked
    """

    agreement_id: str
    workflow: WorkflowRef
    state: str
    path: list[str]
    mermaid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        workflow = self.workflow.to_dict()

        state = self.state

        path = self.path

        mermaid = self.mermaid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "workflow": workflow,
                "state": state,
                "path": path,
                "mermaid": mermaid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_ref import WorkflowRef

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        workflow = WorkflowRef.from_dict(d.pop("workflow"))

        state = d.pop("state")

        path = cast(list[str], d.pop("path"))

        mermaid = d.pop("mermaid")

        diagram = cls(
            agreement_id=agreement_id,
            workflow=workflow,
            state=state,
            path=path,
            mermaid=mermaid,
        )

        diagram.additional_properties = d
        return diagram

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
