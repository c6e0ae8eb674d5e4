"""Board sessions: a person signed in by pasting an API key once.

Only hashes are stored: of the session id (the cookie carries it, signed) and of the key (so the
key is authenticated again on every request, through the API's own path, without being kept)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from service.db import UTCDateTime


class BoardSession(SQLModel, table=True):
    __tablename__ = "board_sessions"

    id_hash: str = Field(primary_key=True, max_length=64, description="SHA-256 of the session id")
    key_id: str = Field(max_length=32, index=True, description="The API key signed in with")
    key_hash: str = Field(max_length=64, description="SHA-256 of that key, as api_keys.key_hash")
    csrf_token: str = Field(max_length=64, description="Every form of the session carries it")
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Indexed: expired sessions are purged by it.
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


board_sessions_table = BoardSession.__table__
