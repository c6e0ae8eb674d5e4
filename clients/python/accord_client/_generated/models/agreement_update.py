from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agreement_update_coverage_type_0 import AgreementUpdateCoverageType0
from ..models.agreement_update_rta_type_type_0 import AgreementUpdateRtaTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_update_metadata_type_0 import AgreementUpdateMetadataType0
    from ..models.wto_notification import WtoNotification


T = TypeVar("T", bound="AgreementUpdate")


@_attrs_define
class AgreementUpdate:
    """
    Attributes:
        rta_type (AgreementUpdateRtaTypeType0 | None | Unset): FTA, CU, EIA, PSA, or a goods type with EIA (services)
        coverage (AgreementUpdateCoverageType0 | None | Unset): What the agreement covers: goods, services or both
        wto_notifications (list[WtoNotification] | None | Unset): Notifications to the WTO, at most one per coverage
            (one of each when coverage is both)
        rta_is_id (int | None | Unset): The agreement's RTA ID in the WTO RTA-IS database
        desta_id (int | None | Unset): The agreement's number in the DESTA database
        title (None | str | Unset):
        sectors (list[str] | None | Unset):
        metadata (AgreementUpdateMetadataType0 | None | Unset):
    """

    rta_type: AgreementUpdateRtaTypeType0 | None | Unset = UNSET
    coverage: AgreementUpdateCoverageType0 | None | Unset = UNSET
    wto_notifications: list[WtoNotification] | None | Unset = UNSET
    rta_is_id: int | None | Unset = UNSET
    desta_id: int | None | Unset = UNSET
    title: None | str | Unset = UNSET
    sectors: list[str] | None | Unset = UNSET
    metadata: AgreementUpdateMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement_update_metadata_type_0 import AgreementUpdateMetadataType0

        rta_type: None | str | Unset
        if isinstance(self.rta_type, Unset):
            rta_type = UNSET
        elif isinstance(self.rta_type, AgreementUpdateRtaTypeType0):
            rta_type = self.rta_type.value
        else:
            rta_type = self.rta_type

        coverage: None | str | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, AgreementUpdateCoverageType0):
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

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        sectors: list[str] | None | Unset
        if isinstance(self.sectors, Unset):
            sectors = UNSET
        elif isinstance(self.sectors, list):
            sectors = self.sectors

        else:
            sectors = self.sectors

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AgreementUpdateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        if title is not UNSET:
            field_dict["title"] = title
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_update_metadata_type_0 import AgreementUpdateMetadataType0
        from ..models.wto_notification import WtoNotification

        d = dict(src_dict)

        def _parse_rta_type(data: object) -> AgreementUpdateRtaTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rta_type_type_0 = AgreementUpdateRtaTypeType0(data)

                return rta_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementUpdateRtaTypeType0 | None | Unset, data)

        rta_type = _parse_rta_type(d.pop("rta_type", UNSET))

        def _parse_coverage(data: object) -> AgreementUpdateCoverageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                coverage_type_0 = AgreementUpdateCoverageType0(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementUpdateCoverageType0 | None | Unset, data)

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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_sectors(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sectors_type_0 = cast(list[str], data)

                return sectors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        sectors = _parse_sectors(d.pop("sectors", UNSET))

        def _parse_metadata(data: object) -> AgreementUpdateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AgreementUpdateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementUpdateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        agreement_update = cls(
            rta_type=rta_type,
            coverage=coverage,
            wto_notifications=wto_notifications,
            rta_is_id=rta_is_id,
            desta_id=desta_id,
            title=title,
            sectors=sectors,
            metadata=metadata,
        )

        return agreement_update
