from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type_out_type import EventTypeOutType

if TYPE_CHECKING:
    from ..models.event_type_out_example import EventTypeOutExample
    from ..models.event_type_out_schema import EventTypeOutSchema


T = TypeVar("T", bound="EventTypeOut")


@_attrs_define
class EventTypeOut:
    """
    Attributes:
        type_ (EventTypeOutType):
        description (str):
        schema (EventTypeOutSchema): JSON Schema (2020-12) of the webhook body {type, timestamp, data}
        example (EventTypeOutExample): An example webhook body
    """

    type_: EventTypeOutType
    description: str
    schema: EventTypeOutSchema
    example: EventTypeOutExample
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        description = self.description

        schema = self.schema.to_dict()

        example = self.example.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "description": description,
                "schema": schema,
                "example": example,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_type_out_example import EventTypeOutExample
        from ..models.event_type_out_schema import EventTypeOutSchema

        d = dict(src_dict)
        type_ = EventTypeOutType(d.pop("type"))

        description = d.pop("description")

        schema = EventTypeOutSchema.from_dict(d.pop("schema"))

        example = EventTypeOutExample.from_dict(d.pop("example"))

        event_type_out = cls(
            type_=type_,
            description=description,
            schema=schema,
            example=example,
        )

        event_type_out.additional_properties = d
        return event_type_out

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
