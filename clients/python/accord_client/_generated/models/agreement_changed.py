from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut


T = TypeVar("T", bound="AgreementChanged")


@_attrs_define
class AgreementChanged:
    """
    Attributes:
        agreement (AgreementOut):
        changed (list[str]): The fields that changed
        actor (str): The API key (or system) that made the change
    """

    agreement: AgreementOut
    changed: list[str]
    actor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement = self.agreement.to_dict()

        changed = self.changed

        actor = self.actor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement": agreement,
                "changed": changed,
                "actor": actor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out import AgreementOut

        d = dict(src_dict)
        agreement = AgreementOut.from_dict(d.pop("agreement"))

        changed = cast(list[str], d.pop("changed"))

        actor = d.pop("actor")

        agreement_changed = cls(
            agreement=agreement,
            changed=changed,
            actor=actor,
        )

        agreement_changed.additional_properties = d
        return agreement_changed

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
