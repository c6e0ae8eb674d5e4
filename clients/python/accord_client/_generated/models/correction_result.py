from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut
    from ..models.correction_out import CorrectionOut
    from ..models.transition_out import TransitionOut


T = TypeVar("T", bound="CorrectionResult")


@_attrs_define
class CorrectionResult:
    """
    Attributes:
        correction (CorrectionOut):
        transition (TransitionOut):
        agreement (AgreementOut):
    """

    correction: CorrectionOut
    transition: TransitionOut
    agreement: AgreementOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        correction = self.correction.to_dict()

        transition = self.transition.to_dict()

        agreement = self.agreement.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "correction": correction,
                "transition": transition,
                "agreement": agreement,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out import AgreementOut
        from ..models.correction_out import CorrectionOut
        from ..models.transition_out import TransitionOut

        d = dict(src_dict)
        correction = CorrectionOut.from_dict(d.pop("correction"))

        transition = TransitionOut.from_dict(d.pop("transition"))

        agreement = AgreementOut.from_dict(d.pop("agreement"))

        correction_result = cls(
            correction=correction,
            transition=transition,
            agreement=agreement,
        )

        correction_result.additional_properties = d
        return correction_result

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
