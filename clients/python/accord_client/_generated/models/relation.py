from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.relation_direction import RelationDirection
from ..models.relation_kind import RelationKind

T = TypeVar("T", bound="Relation")


@_attrs_define
class Relation:
    """
    Attributes:
        kind (RelationKind): supersedes or amends, read from this agreement
        agreement_id (str):
        direction (RelationDirection): outgoing: this agreement supersedes/amends the other
    """

    kind: RelationKind
    agreement_id: str
    direction: RelationDirection
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        agreement_id = self.agreement_id

        direction = self.direction.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "agreement_id": agreement_id,
                "direction": direction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = RelationKind(d.pop("kind"))

        agreement_id = d.pop("agreement_id")

        direction = RelationDirection(d.pop("direction"))

        relation = cls(
            kind=kind,
            agreement_id=agreement_id,
            direction=direction,
        )

        relation.additional_properties = d
        return relation

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
