"""The documents table."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class Document(SQLModel, table=True):
    """One document of an agreement; `sequence` names the history entry it documents, if any."""

    __tablename__ = "documents"
    __table_args__ = (
        # An agreement's documents in date order, a page at a time; the documents of one entry.
        sa.Index("ix_documents_agreement_published", "agreement_id", "published_on", "id"),
        sa.Index("ix_documents_agreement_sequence", "agreement_id", "sequence"),
    )

    id: str = Field(primary_key=True, max_length=32)
    agreement_id: str = Field(foreign_key="agreements.id", max_length=32)
    type: str = Field(max_length=40)
    title: str = Field(max_length=300)
    url: str = Field(max_length=2048)
    published_on: date
    sequence: int | None = None
    # A Federal Register citation: "83 FR 57118".
    fr_citation: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=2000)
    # Names of the fields whose values are inferred rather than read in a source.
    inferred: list[Any] = Field(
        default_factory=list, sa_column=sa.Column(JSONType, nullable=False, server_default="[]")
    )
    actor: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


documents_table: sa.Table = Document.__table__
