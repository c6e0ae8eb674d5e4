from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.relation_in_kind import RelationInKind

T = TypeVar("T", bound="RelationIn")


@_attrs_define
class RelationIn:
    """
    Attributes:
        kind (RelationInKind):
        agreement_id (str):
    """

    kind: RelationInKind
    agreement_id: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        agreement_id = self.agreement_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "agreement_id": agreement_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = RelationInKind(d.pop("kind"))

        agreement_id = d.pop("agreement_id")

        relation_in = cls(
            kind=kind,
            agreement_id=agreement_id,
        )

        return relation_in
