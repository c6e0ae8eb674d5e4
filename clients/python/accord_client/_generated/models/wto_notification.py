from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.wto_notification_coverage import WtoNotificationCoverage
from ..models.wto_notification_legal_basis import WtoNotificationLegalBasis

T = TypeVar("T", bound="WtoNotification")


@_attrs_define
class WtoNotification:
    """
    Attributes:
        coverage (WtoNotificationCoverage):
        date (datetime.date): The date of the notification to the WTO
        legal_basis (WtoNotificationLegalBasis): goods: GATT Art. XXIV or Enabling Clause; services: GATS Art. V
    """

    coverage: WtoNotificationCoverage
    date: datetime.date
    legal_basis: WtoNotificationLegalBasis

    def to_dict(self) -> dict[str, Any]:
        coverage = self.coverage.value

        date = self.date.isoformat()

        legal_basis = self.legal_basis.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "coverage": coverage,
                "date": date,
                "legal_basis": legal_basis,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        coverage = WtoNotificationCoverage(d.pop("coverage"))

        date = datetime.date.fromisoformat(d.pop("date"))

        legal_basis = WtoNotificationLegalBasis(d.pop("legal_basis"))

        wto_notification = cls(
            coverage=coverage,
            date=date,
            legal_basis=legal_basis,
        )

        return wto_notification
