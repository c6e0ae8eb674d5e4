"""Request vocabulary every resource shares: the strict request base, party codes, dates.

Strict where clients are sloppy: booleans are JSON booleans, numbers are finite, nesting is
bounded, and text is what PostgreSQL can store. SQLite would store what PostgreSQL refuses, so
the check happens here, before either sees it.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import pycountry
from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    model_validator,
)
from pydantic_core import core_schema

PARTY_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | {"EU"}
# JSON nested deeper than this is refused (Python's own recursion, and PostgreSQL's, end sooner or later).
MAX_DEPTH = 32
# Event dates: nothing Accord records predates GATT 1947; the bounds keep date arithmetic
# (clocks add days) and time-zone conversion away from year 1 and 9999.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
MAX_URL_LENGTH = 2048

StrictBool = Annotated[bool, Strict()]
UNIQUE = Field(json_schema_extra={"uniqueItems": True})


def unique(values: list[Any]) -> list[Any]:
    if len(set(values)) != len(values):
        raise ValueError("values must be unique")
    return values


def storable(value: Any) -> Any:
    """Refuse what PostgreSQL cannot store (NUL characters, lone surrogates, NaN and infinities
    in JSON) and JSON nested deeper than MAX_DEPTH. Iterative: depth itself must not recurse."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise ValueError("text may not contain NUL (\\u0000) characters")
            try:
                item.encode()
            except UnicodeEncodeError:
                raise ValueError("text must be valid Unicode (no lone surrogates)") from None
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError("numbers must be finite (no NaN or Infinity)")
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise ValueError(f"JSON may be nested at most {MAX_DEPTH} levels deep")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return value


class Request(BaseModel):
    """The base of every request body: unknown fields are refused, text must be storable."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        return storable(data)


def _party(code: str) -> str:
    if code not in PARTY_CODES:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code or EU")
    return code


class Party(str):
    """A party code, validated as a plain string but documented once, as the `Party` schema, so
    every field that takes parties refers to it (the SDK gets one enum, not one per field)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        text = core_schema.str_schema(min_length=2, max_length=2)
        return core_schema.no_info_after_validator_function(_party, text, ref="Party")

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        reference = handler(schema)
        named = handler.resolve_ref_schema(reference)
        named["enum"] = sorted(PARTY_CODES)
        named["description"] = "ISO 3166-1 alpha-2 code, or EU"
        return reference


# Dates are Washington dates: a plain date names a calendar day in the capital, whose clocks
# (TPA's) run on US calendar days.
WASHINGTON = ZoneInfo("America/New_York")


def as_utc(value: datetime | date | None) -> datetime | None:
    """RFC 3339 date-times keep their instant; a plain date means midnight of that day in
    Washington, so it reads as that same date wherever dates are counted."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time.min, tzinfo=WASHINGTON).astimezone(UTC)


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$")


def _rfc3339_text(value: Any) -> Any:
    # pydantic would also take numbers and "0" as Unix times; an event date must be written out.
    if isinstance(value, str) and not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, or a date (YYYY-MM-DD)")
    if isinstance(value, int | float):
        raise ValueError("must be a string: an RFC 3339 date-time or a date")
    return value


def _in_range(value: datetime | date) -> datetime | date:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}")
    return value


EventDate = Annotated[
    AwareDatetime | date,
    BeforeValidator(_rfc3339_text),
    AfterValidator(_in_range),
    Field(
        description="When the event happened in the world: an RFC 3339 date-time, or a date (that day in "
        "Washington; clocks count Washington calendar days)"
    ),
]
# A point in time given by a client (a window's bounds, an expiry): written out, and in range.
Instant = Annotated[AwareDatetime, BeforeValidator(_rfc3339_text), AfterValidator(_in_range)]


def _url_length(value: AnyHttpUrl) -> AnyHttpUrl:
    # Normalising (percent-encoding, punycode) can lengthen a URL past what the column holds.
    if len(str(value)) > MAX_URL_LENGTH:
        raise ValueError(f"is longer than {MAX_URL_LENGTH} characters once normalised")
    return value


BoundedHttpUrl = Annotated[AnyHttpUrl, AfterValidator(_url_length)]
