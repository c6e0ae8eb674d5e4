"""Configuration from the environment (prefix ACCORD_), documented in README.md."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCORD_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite+aiosqlite:///./accord.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///path.db (default) or postgresql+asyncpg://user@host/db",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    migrate_on_start: bool = Field(True, description="Run Alembic migrations to head when `accord serve` starts")
    log_level: str = "info"
    log_json: bool = Field(True, description="One JSON object per log line")
    max_body_bytes: int = Field(1024 * 1024, description="Request bodies over this size get 413")
    max_metadata_bytes: int = Field(16 * 1024, description="Largest serialized `metadata` object")
    idempotency_ttl_hours: int = Field(24, description="How long Idempotency-Key responses are kept")
    idempotency_lock_seconds: int = Field(
        60, description="A key whose first request has not finished after this long may be reclaimed"
    )
    page_size_default: int = 50
    page_size_max: int = 200
    # SQLite allows one writer: writes go through one writer thread that commits in groups.
    sqlite_write_batch_max: int = Field(256, description="Most writes committed in one SQLite transaction")
    db_pool_size: int = Field(10, description="PostgreSQL connections per process")


@lru_cache
def get_settings() -> Settings:
    return Settings()
