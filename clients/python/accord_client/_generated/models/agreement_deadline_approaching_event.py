from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deadline_alert import DeadlineAlert


T = TypeVar("T", bound="AgreementDeadlineApproachingEvent")


@_attrs_define
class AgreementDeadlineApproachingEvent:
    """A deadline (a `latest` clock: the event must come by its due date) is due within ACCORD_DEADLINE_APPROACHING_DAYS.
    Sent once per agreement and clock. A consultation's comment or hearing date (`source: consultation`) is announced
    the same way, once per consultation and date.

        Attributes:
            type_ (Literal['agreement.deadline_approaching']): The event type
            timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
            data (DeadlineAlert):
    """

    type_: Literal["agreement.deadline_approaching"]
    timestamp: datetime.datetime
    data: DeadlineAlert
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
        from ..models.deadline_alert import DeadlineAlert

        d = dict(src_dict)
        type_ = cast(Literal["agreement.deadline_approaching"], d.pop("type"))
        if type_ != "agreement.deadline_approaching":
            raise ValueError(f"type must match const 'agreement.deadline_approaching', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = DeadlineAlert.from_dict(d.pop("data"))

        agreement_deadline_approaching_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        agreement_deadline_approaching_event.additional_properties = d
        return agreement_deadline_approaching_event

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
