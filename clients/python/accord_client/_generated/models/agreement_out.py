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
    from ..models.unrecorded_trigger import UnrecordedTrigger
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
        as_of (datetime.date | None | Unset): Set when asked `as_of` a date: state and rta_status are those of that date
        exemptions (list[str] | Unset): Statutory exemptions the agreement carries, e.g. 4206 (19 U.S.C. 4206: TPP)
        unrecorded (list[UnrecordedTrigger] | Unset): Clock triggers the record lacks; their clocks read `unrecorded`,
            neither met nor missed
        provisions (list[str] | Unset): Provisions of the agreement's own text that add clocks, e.g. usmca_34_7 (USMCA
            Art. 34.7)
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
    as_of: datetime.date | None | Unset = UNSET
    exemptions: list[str] | Unset = UNSET
    unrecorded: list[UnrecordedTrigger] | Unset = UNSET
    provisions: list[str] | Unset = UNSET
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

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        exemptions: list[str] | Unset = UNSET
        if not isinstance(self.exemptions, Unset):
            exemptions = self.exemptions

        unrecorded: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unrecorded, Unset):
            unrecorded = []
            for unrecorded_item_data in self.unrecorded:
                unrecorded_item = unrecorded_item_data.to_dict()
                unrecorded.append(unrecorded_item)

        provisions: list[str] | Unset = UNSET
        if not isinstance(self.provisions, Unset):
            provisions = self.provisions

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
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if exemptions is not UNSET:
            field_dict["exemptions"] = exemptions
        if unrecorded is not UNSET:
            field_dict["unrecorded"] = unrecorded
        if provisions is not UNSET:
            field_dict["provisions"] = provisions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out_metadata import AgreementOutMetadata
        from ..models.unrecorded_trigger import UnrecordedTrigger
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

        def _parse_as_of(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        exemptions = cast(list[str], d.pop("exemptions", UNSET))

        _unrecorded = d.pop("unrecorded", UNSET)
        unrecorded: list[UnrecordedTrigger] | Unset = UNSET
        if _unrecorded is not UNSET:
            unrecorded = []
            for unrecorded_item_data in _unrecorded:
                unrecorded_item = UnrecordedTrigger.from_dict(unrecorded_item_data)

                unrecorded.append(unrecorded_item)

        provisions = cast(list[str], d.pop("provisions", UNSET))

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
            as_of=as_of,
            exemptions=exemptions,
            unrecorded=unrecorded,
            provisions=provisions,
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
