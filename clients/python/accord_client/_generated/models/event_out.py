from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_out_data import EventOutData


T = TypeVar("T", bound="EventOut")


@_attrs_define
class EventOut:
    """
    Attributes:
        id (str): Also the `webhook-id` of every delivery of this event
        type_ (str): One of GET /v1/event-types (more may be added)
        agreement_id (None | str):
        position (int): Global order of events
        created_at (datetime.datetime):
        data (EventOutData): The event's payload: its schema per type is in GET /v1/event-types and openapi.yaml's
            `webhooks`
    """

    id: str
    type_: str
    agreement_id: None | str
    position: int
    created_at: datetime.datetime
    data: EventOutData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        agreement_id: None | str
        agreement_id = self.agreement_id

        position = self.position

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "agreement_id": agreement_id,
                "position": position,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_out_data import EventOutData

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        def _parse_agreement_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id"))

        position = d.pop("position")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = EventOutData.from_dict(d.pop("data"))

        event_out = cls(
            id=id,
            type_=type_,
            agreement_id=agreement_id,
            position=position,
            created_at=created_at,
            data=data,
        )

        event_out.additional_properties = d
        return event_out

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
