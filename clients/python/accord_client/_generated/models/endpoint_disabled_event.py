from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.endpoint_disabled import EndpointDisabled


T = TypeVar("T", bound="EndpointDisabledEvent")


@_attrs_define
class EndpointDisabledEvent:
    """The dispatcher disabled an endpoint after its deliveries kept failing. Sent only to that endpoint (if it is still
    reachable) and listed in the feed only for webhooks:manage keys.

        Attributes:
            type_ (Literal['endpoint.disabled']): The event type
            timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
            data (EndpointDisabled):
    """

    type_: Literal["endpoint.disabled"]
    timestamp: datetime.datetime
    data: EndpointDisabled
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
        from ..models.endpoint_disabled import EndpointDisabled

        d = dict(src_dict)
        type_ = cast(Literal["endpoint.disabled"], d.pop("type"))
        if type_ != "endpoint.disabled":
            raise ValueError(f"type must match const 'endpoint.disabled', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = EndpointDisabled.from_dict(d.pop("data"))

        endpoint_disabled_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        endpoint_disabled_event.additional_properties = d
        return endpoint_disabled_event

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
