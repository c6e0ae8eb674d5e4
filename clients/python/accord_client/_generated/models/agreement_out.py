from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out_metadata import AgreementOutMetadata
    from ..models.workflow_ref import WorkflowRef


T = TypeVar("T", bound="AgreementOut")


@_attrs_define
class AgreementOut:
    """
    Attributes:
        id (str):
        title (str):
        parties (list[str]):
        sectors (list[str]):
        metadata (AgreementOutMetadata):
        workflow (WorkflowRef):
        state (str):
        version (int): Grows by one on every change; the ETag and If-Match token
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    title: str
    parties: list[str]
    sectors: list[str]
    metadata: AgreementOutMetadata
    workflow: WorkflowRef
    state: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        parties = self.parties

        sectors = self.sectors

        metadata = self.metadata.to_dict()

        workflow = self.workflow.to_dict()

        state = self.state

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "parties": parties,
                "sectors": sectors,
                "metadata": metadata,
                "workflow": workflow,
                "state": state,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out_metadata import AgreementOutMetadata
        from ..models.workflow_ref import WorkflowRef

        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        parties = cast(list[str], d.pop("parties"))

        sectors = cast(list[str], d.pop("sectors"))

        metadata = AgreementOutMetadata.from_dict(d.pop("metadata"))

        workflow = WorkflowRef.from_dict(d.pop("workflow"))

        state = d.pop("state")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        agreement_out = cls(
            id=id,
            title=title,
            parties=parties,
            sectors=sectors,
            metadata=metadata,
            workflow=workflow,
            state=state,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        agreement_out.additional_properties = d
        return agreement_out

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
