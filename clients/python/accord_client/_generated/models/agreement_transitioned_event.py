from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transition_result import TransitionResult


T = TypeVar("T", bound="AgreementTransitionedEvent")


@_attrs_define
class AgreementTransitionedEvent:
    """An event was recorded in an agreement's history: a state change, or a dated milestone that leaves the state as it
    is. `agreement` is the agreement after it.

        Attributes:
            type_ (Literal['agreement.transitioned']): The event type
            timestamp (datetime.datetime): When the event was recorded (the feed's created_at)
            data (TransitionResult):
    """

    type_: Literal["agreement.transitioned"]
    timestamp: datetime.datetime
    data: TransitionResult
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
        from ..models.transition_result import TransitionResult

        d = dict(src_dict)
        type_ = cast(Literal["agreement.transitioned"], d.pop("type"))
        if type_ != "agreement.transitioned":
            raise ValueError(f"type must match const 'agreement.transitioned', got '{type_}'")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = TransitionResult.from_dict(d.pop("data"))

        agreement_transitioned_event = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        agreement_transitioned_event.additional_properties = d
        return agreement_transitioned_event

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
