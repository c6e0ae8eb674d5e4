from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_out import DocumentOut
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="Timeline")


@_attrs_define
class Timeline:
    """
    Attributes:
        data (list[TimelineEntry]): The history, oldest first, each entry with its documents
        unattached (list[DocumentOut]): The documents that name no entry, by publication date: on the first page only,
            at most `limit` of them (the rest: GET .../documents?attached=false)
        unattached_more (bool): More documents name no entry than `unattached` holds
        next_cursor (None | str | Unset): Pass as `cursor` for the next page; null on the last page
    """

    data: list[TimelineEntry]
    unattached: list[DocumentOut]
    unattached_more: bool
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        unattached = []
        for unattached_item_data in self.unattached:
            unattached_item = unattached_item_data.to_dict()
            unattached.append(unattached_item)

        unattached_more = self.unattached_more

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "unattached": unattached,
                "unattached_more": unattached_more,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.document_out import DocumentOut
        from ..models.timeline_entry import TimelineEntry

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = TimelineEntry.from_dict(data_item_data)

            data.append(data_item)

        unattached = []
        _unattached = d.pop("unattached")
        for unattached_item_data in _unattached:
            unattached_item = DocumentOut.from_dict(unattached_item_data)

            unattached.append(unattached_item)

        unattached_more = d.pop("unattached_more")

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        timeline = cls(
            data=data,
            unattached=unattached,
            unattached_more=unattached_more,
            next_cursor=next_cursor,
        )

        timeline.additional_properties = d
        return timeline

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
