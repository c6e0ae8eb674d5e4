"""The rounds table."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class Round(SQLModel, table=True):
    """Round `number` of an agreement's negotiation; numbers run 1, 2, ... without gaps."""

    __tablename__ = "rounds"

    agreement_id: str = Field(primary_key=True, foreign_key="agreements.id", max_length=32)
    number: int = Field(primary_key=True)
    starts_on: date
    ends_on: date
    location: str = Field(max_length=200)
    chapters: list[Any] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    summary_url: str | None = Field(default=None, max_length=2048)
    note: str | None = Field(default=None, max_length=2000)
    inferred: list[Any] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    actor: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


rounds_table: sa.Table = Round.__table__
