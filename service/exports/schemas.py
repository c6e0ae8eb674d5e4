"""Bodies of the calendar feed API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from service.schemas import Request


class CalendarFeedCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "USMCA desk calendar", "agreement_id": "agr_01HZX5V3K2"}]}
    )

    name: Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)] = Field(
        description="What the feed is for; shown in the list"
    )
    agreement_id: Annotated[str, StringConstraints(min_length=1, max_length=32)] | None = Field(
        None, description="Only this agreement's deadlines and hearings; every agreement's when left out"
    )


class CalendarFeedOut(BaseModel):
    id: str
    name: str
    agreement_id: str | None = Field(description="The one agreement the feed shows; null: every agreement")
    created_by: str = Field(description="The name of the key that created it")
    created_at: datetime
    revoked_at: datetime | None = Field(None, description="Set once revoked: its URL then answers 404")


class CalendarFeedCreated(CalendarFeedOut):
    token: str = Field(description="cal_...: the feed's read-only secret, shown only here")
    url: str = Field(description="The feed's path, /v1/calendar/{token}.ics: give it to a calendar application")
