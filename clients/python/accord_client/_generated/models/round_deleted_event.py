from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.round_changed import RoundChanged


T = TypeVar("T", bound="RoundDeletedEvent")


@_attrs_define
class RoundDeletedEvent:
    """An agreement's last round was deleted; `round` is the round as it was.

    Attributes:
        type_ (Literal['round.deleted']): The event type
        timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
        data (RoundChanged):
    """

    type_: Literal["round.deleted"]
    timestamp: datetime.datetime
    data: RoundChanged
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
        from ..models.round_changed import RoundChanged

        d = dict(src_dict)
        type_ = cast(Literal["round.deleted"], d.pop("type"))
        if type_ != "round.deleted":
            raise ValueError(f"type must match const 'round.deleted', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = RoundChanged.from_dict(d.pop("data"))

        round_deleted_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        round_deleted_event.additional_properties = d
        return round_deleted_event

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
