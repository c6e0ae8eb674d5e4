from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agreement_create_authority_type_0 import AgreementCreateAuthorityType0
from ..models.agreement_create_coverage_type_0 import AgreementCreateCoverageType0
from ..models.agreement_create_rta_type_type_0 import AgreementCreateRtaTypeType0
from ..models.agreement_create_workflow_type_0 import AgreementCreateWorkflowType0
from ..models.party import Party
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_create_metadata import AgreementCreateMetadata
    from ..models.relation_in import RelationIn
    from ..models.wto_notification import WtoNotification


T = TypeVar("T", bound="AgreementCreate")


@_attrs_define
class AgreementCreate:
    """
    Attributes:
        title (str):
        parties (list[Party]): ISO 3166-1 alpha-2 codes, or EU; at least two, unique
        rta_type (AgreementCreateRtaTypeType0 | None | Unset): FTA, CU, EIA, PSA, or a goods type with EIA (services)
        coverage (AgreementCreateCoverageType0 | None | Unset): What the agreement covers: goods, services or both
        wto_notifications (list[WtoNotification] | None | Unset): Notifications to the WTO, at most one per coverage
            (one of each when coverage is both)
        rta_is_id (int | None | Unset): The agreement's RTA ID in the WTO RTA-IS database
        desta_id (int | None | Unset): The agreement's number in the DESTA database
        sectors (list[str] | Unset):
        metadata (AgreementCreateMetadata | Unset): Free JSON, bounded by ACCORD_MAX_METADATA_BYTES serialized
        workflow (AgreementCreateWorkflowType0 | None | Unset): Workflow name; defaults to trade-agreement at its latest
            version
        announced_at (datetime.date | datetime.datetime | None | Unset): Date of the announcement; defaults to now
        authority (AgreementCreateAuthorityType0 | None | Unset): The negotiating authority; sets the path and the
            statutory clocks. Defaults to tpa
        relations (list[RelationIn] | Unset): Agreements this one supersedes or amends
        exemptions (list[str] | Unset): Statutory exemptions the agreement carries (workflow v3: 4206, under authority
            tpa)
        provisions (list[str] | Unset): Provisions of the agreement's own text that add clocks (workflow v3: usmca_34_7)
        note (None | str | Unset):
        reference (None | str | Unset):
    """

    title: str
    parties: list[Party]
    rta_type: AgreementCreateRtaTypeType0 | None | Unset = UNSET
    coverage: AgreementCreateCoverageType0 | None | Unset = UNSET
    wto_notifications: list[WtoNotification] | None | Unset = UNSET
    rta_is_id: int | None | Unset = UNSET
    desta_id: int | None | Unset = UNSET
    sectors: list[str] | Unset = UNSET
    metadata: AgreementCreateMetadata | Unset = UNSET
    workflow: AgreementCreateWorkflowType0 | None | Unset = UNSET
    announced_at: datetime.date | datetime.datetime | None | Unset = UNSET
    authority: AgreementCreateAuthorityType0 | None | Unset = UNSET
    relations: list[RelationIn] | Unset = UNSET
    exemptions: list[str] | Unset = UNSET
    provisions: list[str] | Unset = UNSET
    note: None | str | Unset = UNSET
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.value
            parties.append(parties_item)

        rta_type: None | str | Unset
        if isinstance(self.rta_type, Unset):
            rta_type = UNSET
        elif isinstance(self.rta_type, AgreementCreateRtaTypeType0):
            rta_type = self.rta_type.value
        else:
            rta_type = self.rta_type

        coverage: None | str | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, AgreementCreateCoverageType0):
            coverage = self.coverage.value
        else:
            coverage = self.coverage

        wto_notifications: list[dict[str, Any]] | None | Unset
        if isinstance(self.wto_notifications, Unset):
            wto_notifications = UNSET
        elif isinstance(self.wto_notifications, list):
            wto_notifications = []
            for wto_notifications_type_0_item_data in self.wto_notifications:
                wto_notifications_type_0_item = wto_notifications_type_0_item_data.to_dict()
                wto_notifications.append(wto_notifications_type_0_item)

        else:
            wto_notifications = self.wto_notifications

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

        sectors: list[str] | Unset = UNSET
        if not isinstance(self.sectors, Unset):
            sectors = self.sectors

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        workflow: None | str | Unset
        if isinstance(self.workflow, Unset):
            workflow = UNSET
        elif isinstance(self.workflow, AgreementCreateWorkflowType0):
            workflow = self.workflow.value
        else:
            workflow = self.workflow

        announced_at: None | str | Unset
        if isinstance(self.announced_at, Unset):
            announced_at = UNSET
        elif isinstance(self.announced_at, datetime.datetime) or isinstance(self.announced_at, datetime.date):
            announced_at = self.announced_at.isoformat()
        else:
            announced_at = self.announced_at

        authority: None | str | Unset
        if isinstance(self.authority, Unset):
            authority = UNSET
        elif isinstance(self.authority, AgreementCreateAuthorityType0):
            authority = self.authority.value
        else:
            authority = self.authority

        relations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relations, Unset):
            relations = []
            for relations_item_data in self.relations:
                relations_item = relations_item_data.to_dict()
                relations.append(relations_item)

        exemptions: list[str] | Unset = UNSET
        if not isinstance(self.exemptions, Unset):
            exemptions = self.exemptions

        provisions: list[str] | Unset = UNSET
        if not isinstance(self.provisions, Unset):
            provisions = self.provisions

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "parties": parties,
            }
        )
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
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if workflow is not UNSET:
            field_dict["workflow"] = workflow
        if announced_at is not UNSET:
            field_dict["announced_at"] = announced_at
        if authority is not UNSET:
            field_dict["authority"] = authority
        if relations is not UNSET:
            field_dict["relations"] = relations
        if exemptions is not UNSET:
            field_dict["exemptions"] = exemptions
        if provisions is not UNSET:
            field_dict["provisions"] = provisions
        if note is not UNSET:
            field_dict["note"] = note
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_create_metadata import AgreementCreateMetadata
        from ..models.relation_in import RelationIn
        from ..models.wto_notification import WtoNotification

        d = dict(src_dict)
        title = d.pop("title")

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = Party(parties_item_data)

            parties.append(parties_item)

        def _parse_rta_type(data: object) -> AgreementCreateRtaTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rta_type_type_0 = AgreementCreateRtaTypeType0(data)

                return rta_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementCreateRtaTypeType0 | None | Unset, data)

        rta_type = _parse_rta_type(d.pop("rta_type", UNSET))

        def _parse_coverage(data: object) -> AgreementCreateCoverageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                coverage_type_0 = AgreementCreateCoverageType0(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementCreateCoverageType0 | None | Unset, data)

        coverage = _parse_coverage(d.pop("coverage", UNSET))

        def _parse_wto_notifications(data: object) -> list[WtoNotification] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                wto_notifications_type_0 = []
                _wto_notifications_type_0 = data
                for wto_notifications_type_0_item_data in _wto_notifications_type_0:
                    wto_notifications_type_0_item = WtoNotification.from_dict(wto_notifications_type_0_item_data)

                    wto_notifications_type_0.append(wto_notifications_type_0_item)

                return wto_notifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WtoNotification] | None | Unset, data)

        wto_notifications = _parse_wto_notifications(d.pop("wto_notifications", UNSET))

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

        sectors = cast(list[str], d.pop("sectors", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: AgreementCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = AgreementCreateMetadata.from_dict(_metadata)

        def _parse_workflow(data: object) -> AgreementCreateWorkflowType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                workflow_type_0 = AgreementCreateWorkflowType0(data)

                return workflow_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementCreateWorkflowType0 | None | Unset, data)

        workflow = _parse_workflow(d.pop("workflow", UNSET))

        def _parse_announced_at(data: object) -> datetime.date | datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                announced_at_type_0_type_0 = datetime.datetime.fromisoformat(data)

                return announced_at_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                announced_at_type_0_type_1 = datetime.date.fromisoformat(data)

                return announced_at_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | datetime.datetime | None | Unset, data)

        announced_at = _parse_announced_at(d.pop("announced_at", UNSET))

        def _parse_authority(data: object) -> AgreementCreateAuthorityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                authority_type_0 = AgreementCreateAuthorityType0(data)

                return authority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementCreateAuthorityType0 | None | Unset, data)

        authority = _parse_authority(d.pop("authority", UNSET))

        _relations = d.pop("relations", UNSET)
        relations: list[RelationIn] | Unset = UNSET
        if _relations is not UNSET:
            relations = []
            for relations_item_data in _relations:
                relations_item = RelationIn.from_dict(relations_item_data)

                relations.append(relations_item)

        exemptions = cast(list[str], d.pop("exemptions", UNSET))

        provisions = cast(list[str], d.pop("provisions", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        agreement_create = cls(
            title=title,
            parties=parties,
            rta_type=rta_type,
            coverage=coverage,
            wto_notifications=wto_notifications,
            rta_is_id=rta_is_id,
            desta_id=desta_id,
            sectors=sectors,
            metadata=metadata,
            workflow=workflow,
            announced_at=announced_at,
            authority=authority,
            relations=relations,
            exemptions=exemptions,
            provisions=provisions,
            note=note,
            reference=reference,
        )

        return agreement_create
