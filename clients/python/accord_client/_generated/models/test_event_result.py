from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.test_event_result_type import TestEventResultType

T = TypeVar("T", bound="TestEventResult")


@_attrs_define
class TestEventResult:
    """
    Attributes:
        event_id (str): The webhook-id sent (evt_test_...); test events are not in the feed
        type_ (TestEventResultType):
        succeeded (bool): The endpoint answered 2xx
        response_status (int | None):
        duration_ms (int):
        response_excerpt (None | str): The first kilobyte of the response body
        error (None | str): Why it failed: the status, a timeout, a refused address, a broken response
    """

    event_id: str
    type_: TestEventResultType
    succeeded: bool
    response_status: int | None
    duration_ms: int
    response_excerpt: None | str
    error: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        type_ = self.type_.value

        succeeded = self.succeeded

        response_status: int | None
        response_status = self.response_status

        duration_ms = self.duration_ms

        response_excerpt: None | str
        response_excerpt = self.response_excerpt

        error: None | str
        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "type": type_,
                "succeeded": succeeded,
                "response_status": response_status,
                "duration_ms": duration_ms,
                "response_excerpt": response_excerpt,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        type_ = TestEventResultType(d.pop("type"))

        succeeded = d.pop("succeeded")

        def _parse_response_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        response_status = _parse_response_status(d.pop("response_status"))

        duration_ms = d.pop("duration_ms")

        def _parse_response_excerpt(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_excerpt = _parse_response_excerpt(d.pop("response_excerpt"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        test_event_result = cls(
            event_id=event_id,
            type_=type_,
            succeeded=succeeded,
            response_status=response_status,
            duration_ms=duration_ms,
            response_excerpt=response_excerpt,
            error=error,
        )

        test_event_result.additional_properties = d
        return test_event_result

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
