from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.round_updated import RoundUpdated


T = TypeVar("T", bound="RoundUpdatedEvent")


@_attrs_define
class RoundUpdatedEvent:
    """A round was corrected; `changed` names the fields, `round` is the round as it now reads.

    Attributes:
        type_ (Literal['round.updated']): The event type
        timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
        data (RoundUpdated):
    """

    type_: Literal["round.updated"]
    timestamp: datetime.datetime
    data: RoundUpdated
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
        from ..models.round_updated import RoundUpdated

        d = dict(src_dict)
        type_ = cast(Literal["round.updated"], d.pop("type"))
        if type_ != "round.updated":
            raise ValueError(f"type must match const 'round.updated', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = RoundUpdated.from_dict(d.pop("data"))

        round_updated_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        round_updated_event.additional_properties = d
        return round_updated_event

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
