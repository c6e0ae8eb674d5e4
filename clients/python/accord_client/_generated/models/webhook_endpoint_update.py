from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party import Party
from ..models.webhook_endpoint_update_event_types_type_0_item import WebhookEndpointUpdateEventTypesType0Item
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpointUpdate")


@_attrs_define
class WebhookEndpointUpdate:
    """
    Attributes:
        url (None | str | Unset):
        event_types (list[WebhookEndpointUpdateEventTypesType0Item] | None | Unset):
        agreement_ids (list[str] | None | Unset):
        parties (list[Party] | None | Unset):
        description (None | str | Unset):
        enabled (bool | None | Unset): true re-enables an endpoint the dispatcher disabled
    """

    url: None | str | Unset = UNSET
    event_types: list[WebhookEndpointUpdateEventTypesType0Item] | None | Unset = UNSET
    agreement_ids: list[str] | None | Unset = UNSET
    parties: list[Party] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    enabled: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        event_types: list[str] | None | Unset
        if isinstance(self.event_types, Unset):
            event_types = UNSET
        elif isinstance(self.event_types, list):
            event_types = []
            for event_types_type_0_item_data in self.event_types:
                event_types_type_0_item = event_types_type_0_item_data.value
                event_types.append(event_types_type_0_item)

        else:
            event_types = self.event_types

        agreement_ids: list[str] | None | Unset
        if isinstance(self.agreement_ids, Unset):
            agreement_ids = UNSET
        elif isinstance(self.agreement_ids, list):
            agreement_ids = self.agreement_ids

        else:
            agreement_ids = self.agreement_ids

        parties: list[str] | None | Unset
        if isinstance(self.parties, Unset):
            parties = UNSET
        elif isinstance(self.parties, list):
            parties = []
            for parties_type_0_item_data in self.parties:
                parties_type_0_item = parties_type_0_item_data.value
                parties.append(parties_type_0_item)

        else:
            parties = self.parties

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        enabled: bool | None | Unset
        if isinstance(self.enabled, Unset):
            enabled = UNSET
        else:
            enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
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

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_event_types(data: object) -> list[WebhookEndpointUpdateEventTypesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                event_types_type_0 = []
                _event_types_type_0 = data
                for event_types_type_0_item_data in _event_types_type_0:
                    event_types_type_0_item = WebhookEndpointUpdateEventTypesType0Item(event_types_type_0_item_data)

                    event_types_type_0.append(event_types_type_0_item)

                return event_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WebhookEndpointUpdateEventTypesType0Item] | None | Unset, data)

        event_types = _parse_event_types(d.pop("event_types", UNSET))

        def _parse_agreement_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                agreement_ids_type_0 = cast(list[str], data)

                return agreement_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        agreement_ids = _parse_agreement_ids(d.pop("agreement_ids", UNSET))

        def _parse_parties(data: object) -> list[Party] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                parties_type_0 = []
                _parties_type_0 = data
                for parties_type_0_item_data in _parties_type_0:
                    parties_type_0_item = Party(parties_type_0_item_data)

                    parties_type_0.append(parties_type_0_item)

                return parties_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Party] | None | Unset, data)

        parties = _parse_parties(d.pop("parties", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enabled = _parse_enabled(d.pop("enabled", UNSET))

        webhook_endpoint_update = cls(
            url=url,
            event_types=event_types,
            agreement_ids=agreement_ids,
            parties=parties,
            description=description,
            enabled=enabled,
        )

        return webhook_endpoint_update
