"""API keys: only a SHA-256 of each key is stored; the key itself is shown once."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_keys"

    id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=100)
    scopes: list[str] = Field(sa_type=JSONType)
    # SHA-256 suffices for keys of 256 random bits (no dictionary to attack); a slow password
    # hash would cost every request. Operator-chosen bootstrap keys are required to be long.
    key_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=16, description="The key's first characters, to recognise it")
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


api_keys_table = ApiKey.__table__
