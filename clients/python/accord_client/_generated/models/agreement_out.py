from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_out_coverage_type_0 import AgreementOutCoverageType0
from ..models.agreement_out_rta_status import AgreementOutRtaStatus
from ..models.agreement_out_rta_type_type_0 import AgreementOutRtaTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_out_metadata import AgreementOutMetadata
    from ..models.unrecorded_trigger import UnrecordedTrigger
    from ..models.workflow_ref import WorkflowRef
    from ..models.wto_notification import WtoNotification


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
        rta_type (AgreementOutRtaTypeType0 | None | Unset): The type in the WTO RTA-IS vocabulary
        coverage (AgreementOutCoverageType0 | None | Unset):
        wto_notifications (list[WtoNotification] | Unset): Notifications to the WTO
        rta_is_id (int | None | Unset): The RTA ID in the WTO RTA-IS database
        desta_id (int | None | Unset): The number in the DESTA database
        signed_on (datetime.date | None | Unset): The date of the latest signature (sign) in the history, never set
            directly; null if none
        entered_into_force_on (datetime.date | None | Unset): The date of entry into force (implement) in the history,
            never set directly; null if none
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
    rta_type: AgreementOutRtaTypeType0 | None | Unset = UNSET
    coverage: AgreementOutCoverageType0 | None | Unset = UNSET
    wto_notifications: list[WtoNotification] | Unset = UNSET
    rta_is_id: int | None | Unset = UNSET
    desta_id: int | None | Unset = UNSET
    signed_on: datetime.date | None | Unset = UNSET
    entered_into_force_on: datetime.date | None | Unset = UNSET
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

        rta_type: None | str | Unset
        if isinstance(self.rta_type, Unset):
            rta_type = UNSET
        elif isinstance(self.rta_type, AgreementOutRtaTypeType0):
            rta_type = self.rta_type.value
        else:
            rta_type = self.rta_type

        coverage: None | str | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, AgreementOutCoverageType0):
            coverage = self.coverage.value
        else:
            coverage = self.coverage

        wto_notifications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wto_notifications, Unset):
            wto_notifications = []
            for wto_notifications_item_data in self.wto_notifications:
                wto_notifications_item = wto_notifications_item_data.to_dict()
                wto_notifications.append(wto_notifications_item)

        rta_is_id: int | None | Unset
        if isinstance(self.rta_is_id, Unset):
            rta_is_id = UNSET
        else:
            rta_is_id = self.rta_is_id

        desta_id: int | None | Unset
        if isinstance(self.desta_id, Unset):
            desta_id = UNSET
        else:
            desta_id = self.desta_id

        signed_on: None | str | Unset
        if isinstance(self.signed_on, Unset):
            signed_on = UNSET
        elif isinstance(self.signed_on, datetime.date):
            signed_on = self.signed_on.isoformat()
        else:
            signed_on = self.signed_on

        entered_into_force_on: None | str | Unset
        if isinstance(self.entered_into_force_on, Unset):
            entered_into_force_on = UNSET
        elif isinstance(self.entered_into_force_on, datetime.date):
            entered_into_force_on = self.entered_into_force_on.isoformat()
        else:
            entered_into_force_on = self.entered_into_force_on

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
        if rta_type is not UNSET:
            field_dict["rta_type"] = rta_type
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if wto_notifications is not UNSET:
            field_dict["wto_notifications"] = wto_notifications
        if rta_is_id is not UNSET:
            field_dict["rta_is_id"] = rta_is_id
        if desta_id is not UNSET:
            field_dict["desta_id"] = desta_id
        if signed_on is not UNSET:
            field_dict["signed_on"] = signed_on
        if entered_into_force_on is not UNSET:
            field_dict["entered_into_force_on"] = entered_into_force_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out_metadata import AgreementOutMetadata
        from ..models.unrecorded_trigger import UnrecordedTrigger
        from ..models.workflow_ref import WorkflowRef
        from ..models.wto_notification import WtoNotification

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

        def _parse_rta_type(data: object) -> AgreementOutRtaTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rta_type_type_0 = AgreementOutRtaTypeType0(data)

                return rta_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementOutRtaTypeType0 | None | Unset, data)

        rta_type = _parse_rta_type(d.pop("rta_type", UNSET))

        def _parse_coverage(data: object) -> AgreementOutCoverageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                coverage_type_0 = AgreementOutCoverageType0(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementOutCoverageType0 | None | Unset, data)

        coverage = _parse_coverage(d.pop("coverage", UNSET))

        _wto_notifications = d.pop("wto_notifications", UNSET)
        wto_notifications: list[WtoNotification] | Unset = UNSET
        if _wto_notifications is not UNSET:
            wto_notifications = []
            for wto_notifications_item_data in _wto_notifications:
                wto_notifications_item = WtoNotification.from_dict(wto_notifications_item_data)

                wto_notifications.append(wto_notifications_item)

        def _parse_rta_is_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rta_is_id = _parse_rta_is_id(d.pop("rta_is_id", UNSET))

        def _parse_desta_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        desta_id = _parse_desta_id(d.pop("desta_id", UNSET))

        def _parse_signed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_on_type_0 = datetime.date.fromisoformat(data)

                return signed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        signed_on = _parse_signed_on(d.pop("signed_on", UNSET))

        def _parse_entered_into_force_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                entered_into_force_on_type_0 = datetime.date.fromisoformat(data)

                return entered_into_force_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        entered_into_force_on = _parse_entered_into_force_on(d.pop("entered_into_force_on", UNSET))

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
            rta_type=rta_type,
            coverage=coverage,
            wto_notifications=wto_notifications,
            rta_is_id=rta_is_id,
            desta_id=desta_id,
            signed_on=signed_on,
            entered_into_force_on=entered_into_force_on,
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
