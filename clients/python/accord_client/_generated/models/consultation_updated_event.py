from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.consultation_changed import ConsultationChanged


T = TypeVar("T", bound="ConsultationUpdatedEvent")


@_attrs_define
class ConsultationUpdatedEvent:
    """A consultation was changed; `changed` names the fields.

    Attributes:
        type_ (Literal['consultation.updated']): The event type
        timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
        data (ConsultationChanged):
    """

    type_: Literal["consultation.updated"]
    timestamp: datetime.datetime
    data: ConsultationChanged
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        timestamp = self.timestamp.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "timestamp": timestamp,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.consultation_changed import ConsultationChanged

        d = dict(src_dict)
        type_ = cast(Literal["consultation.updated"], d.pop("type"))
        if type_ != "consultation.updated":
            raise ValueError(f"type must match const 'consultation.updated', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = ConsultationChanged.from_dict(d.pop("data"))

        consultation_updated_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        consultation_updated_event.additional_properties = d
        return consultation_updated_event

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
