from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party import Party
from ..models.webhook_endpoint_create_event_types_item import WebhookEndpointCreateEventTypesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpointCreate")


@_attrs_define
class WebhookEndpointCreate:
    """
    Attributes:
        url (str): Where deliveries are POSTed; http or https, without user:pass@
        event_types (list[WebhookEndpointCreateEventTypesItem] | Unset): Event types to deliver; empty means all
        agreement_ids (list[str] | Unset): Deliver only events of these agreements; empty means any
        parties (list[Party] | Unset): Deliver only events of agreements with one of these parties; empty means any
        description (None | str | Unset):
        enabled (bool | Unset):  Default: True.
    """

    url: str
    event_types: list[WebhookEndpointCreateEventTypesItem] | Unset = UNSET
    agreement_ids: list[str] | Unset = UNSET
    parties: list[Party] | Unset = UNSET
    description: None | str | Unset = UNSET
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = []
            for event_types_item_data in self.event_types:
                event_types_item = event_types_item_data.value
                event_types.append(event_types_item)

        agreement_ids: list[str] | Unset = UNSET
        if not isinstance(self.agreement_ids, Unset):
            agreement_ids = self.agreement_ids

        parties: list[str] | Unset = UNSET
        if not isinstance(self.parties, Unset):
            parties = []
            for parties_item_data in self.parties:
                parties_item = parties_item_data.value
                parties.append(parties_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if agreement_ids is not UNSET:
            field_dict["agreement_ids"] = agreement_ids
        if parties is not UNSET:
            field_dict["parties"] = parties
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        _event_types = d.pop("event_types", UNSET)
        event_types: list[WebhookEndpointCreateEventTypesItem] | Unset = UNSET
        if _event_types is not UNSET:
            event_types = []
            for event_types_item_data in _event_types:
                event_types_item = WebhookEndpointCreateEventTypesItem(event_types_item_data)

                event_types.append(event_types_item)

        agreement_ids = cast(list[str], d.pop("agreement_ids", UNSET))

        _parties = d.pop("parties", UNSET)
        parties: list[Party] | Unset = UNSET
        if _parties is not UNSET:
            parties = []
            for parties_item_data in _parties:
                parties_item = Party(parties_item_data)

                parties.append(parties_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        enabled = d.pop("enabled", UNSET)

        webhook_endpoint_create = cls(
            url=url,
            event_types=event_types,
            agreement_ids=agreement_ids,
            parties=parties,
            description=description,
            enabled=enabled,
        )

        return webhook_endpoint_create
