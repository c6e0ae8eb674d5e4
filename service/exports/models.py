"""The calendar feed tokens: read-only, revocable, stored as a hash."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import UTCDateTime


class CalendarFeed(SQLModel, table=True):
    """A calendar feed: its token (hashed, shown once) opens the deadlines and hearings of one
    agreement, or of all of them when `agreement_id` is empty."""

    __tablename__ = "calendar_feeds"

    id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True)
    agreement_id: str | None = Field(default=None, foreign_key="agreements.id", max_length=32)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


calendar_feeds_table: sa.Table = CalendarFeed.__table__
