from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut
    from ..models.document_out import DocumentOut


T = TypeVar("T", bound="DocumentChanged")


@_attrs_define
class DocumentChanged:
    """
    Attributes:
        document (DocumentOut):
        agreement (AgreementOut):
        actor (str): The API key (or system) that made the change
    """

    document: DocumentOut
    agreement: AgreementOut
    actor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.to_dict()

        agreement = self.agreement.to_dict()

        actor = self.actor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "agreement": agreement,
                "actor": actor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_out import AgreementOut
        from ..models.document_out import DocumentOut

        d = dict(src_dict)
        document = DocumentOut.from_dict(d.pop("document"))

        agreement = AgreementOut.from_dict(d.pop("agreement"))

        actor = d.pop("actor")

        document_changed = cls(
            document=document,
            agreement=agreement,
            actor=actor,
        )

        document_changed.additional_properties = d
        return document_changed

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
