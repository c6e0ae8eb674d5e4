from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut
    from ..models.round_out import RoundOut


T = TypeVar("T", bound="RoundUpdated")


@_attrs_define
class RoundUpdated:
    """
    Attributes:
        round_ (RoundOut):
        agreement (AgreementOut):
        actor (str): The API key (or system) that made the change
        changed (list[str]): The fields that changed
    """

    round_: RoundOut
    agreement: AgreementOut
    actor: str
    changed: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        round_ = self.round_.to_dict()

        agreement = self.agreement.to_dict()

        actor = self.actor

        changed = self.changed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "round": round_,
                "agreement": agreement,
                "actor": actor,
                "changed": changed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out import AgreementOut
        from ..models.round_out import RoundOut

        d = dict(src_dict)
        round_ = RoundOut.from_dict(d.pop("round"))

        agreement = AgreementOut.from_dict(d.pop("agreement"))

        actor = d.pop("actor")

        changed = cast(list[str], d.pop("changed"))

        round_updated = cls(
            round_=round_,
            agreement=agreement,
            actor=actor,
            changed=changed,
        )

        round_updated.additional_properties = d
        return round_updated

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
