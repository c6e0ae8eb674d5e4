from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_out_rta_status import AgreementOutRtaStatus
from ..types import UNSET, Unset

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
        authority (None | str | Unset): The negotiating authority (workflow v2); null on v1
        rta_status (AgreementOutRtaStatus | Unset): The state in the WTO RTA-IS vocabulary
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
    authority: None | str | Unset = UNSET
    rta_status: AgreementOutRtaStatus | Unset = UNSET
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

        authority: None | str | Unset
        if isinstance(self.authority, Unset):
            authority = UNSET
        else:
            authority = self.authority

        rta_status: str | Unset = UNSET
        if not isinstance(self.rta_status, Unset):
            rta_status = self.rta_status.value

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
        if authority is not UNSET:
            field_dict["authority"] = authority
        if rta_status is not UNSET:
            field_dict["rta_status"] = rta_status

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

        def _parse_authority(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        authority = _parse_authority(d.pop("authority", UNSET))

        _rta_status = d.pop("rta_status", UNSET)
        rta_status: AgreementOutRtaStatus | Unset
        if isinstance(_rta_status, Unset):
            rta_status = UNSET
        else:
            rta_status = AgreementOutRtaStatus(_rta_status)

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
            authority=authority,
            rta_status=rta_status,
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
