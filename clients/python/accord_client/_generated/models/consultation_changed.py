from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.consultation_agreement import ConsultationAgreement
    from ..models.consultation_out import ConsultationOut


T = TypeVar("T", bound="ConsultationChanged")


@_attrs_define
class ConsultationChanged:
    """
    Attributes:
        consultation (ConsultationOut):
        agreement (ConsultationAgreement):
        actor (str): The API key (or system) that made the change
        changed (list[str] | Unset): consultation.updated: the fields that changed
    """

    consultation: ConsultationOut
    agreement: ConsultationAgreement
    actor: str
    changed: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consultation = self.consultation.to_dict()

        agreement = self.agreement.to_dict()

        actor = self.actor

        changed: list[str] | Unset = UNSET
        if not isinstance(self.changed, Unset):
            changed = self.changed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consultation": consultation,
                "agreement": agreement,
                "actor": actor,
            }
        )
        if changed is not UNSET:
            field_dict["changed"] = changed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.consultation_agreement import ConsultationAgreement
        from ..models.consultation_out import ConsultationOut

        d = dict(src_dict)
        consultation = ConsultationOut.from_dict(d.pop("consultation"))

        agreement = ConsultationAgreement.from_dict(d.pop("agreement"))

        actor = d.pop("actor")

        changed = cast(list[str], d.pop("changed", UNSET))

        consultation_changed = cls(
            consultation=consultation,
            agreement=agreement,
            actor=actor,
            changed=changed,
        )

        consultation_changed.additional_properties = d
        return consultation_changed

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
