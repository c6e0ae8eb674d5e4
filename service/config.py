"""Configuration from the environment (prefix ACCORD_), documented in README.md."""

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Svix's schedule).
DEFAULT_RETRY_SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 36000]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCORD_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite+aiosqlite:///./accord.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///path.db (default) or postgresql+asyncpg://user@host/db",
    )
    host: str = Field("127.0.0.1", description="Address `accord serve` listens on")
    port: int = Field(8000, description="Port `accord serve` listens on")
    # Connection limits of `accord serve` (service/server.py); no proxy in front is needed.
    http_max_header_bytes: int = Field(
        16 * 1024,
        ge=1024,
        description="Largest request line plus headers; a larger one gets 431 and the connection is closed",
    )
    http_header_timeout_seconds: float = Field(
        10,
        gt=0,
        description="Seconds a request line and headers may take from a new connection or a request's first byte; "
        "then 408 and close",
    )
    http_body_timeout_seconds: float = Field(
        30,
        gt=0,
        description="Seconds a request body may take after its headers; then 408 and close. "
        "Not applied while a response is being sent (SSE)",
    )
    http_keepalive_seconds: float = Field(
        5, gt=0, description="Seconds an idle connection is kept open between requests"
    )
    http_max_connections: int = Field(
        1000,
        ge=1,
        description="Open connections one process serves; beyond it requests get 503 with Retry-After, "
        "beyond twice it new connections are closed at once. Streams (SSE) count toward it",
    )
    migrate_on_start: bool = Field(True, description="Run Alembic migrations to head when `accord serve` starts")
    log_level: str = Field("info", description="debug, info (one access line per request), warning or error")
    log_format: Literal["auto", "json", "text"] = Field(
        "auto",
        description="auto: one readable line per request when stderr is a terminal, one JSON object per line "
        "otherwise; json or text forces one",
    )
    log_json: bool | None = Field(
        None, description="Deprecated: true means ACCORD_LOG_FORMAT=json, false text; only read when that is auto"
    )
    max_body_bytes: int = Field(1024 * 1024, description="Request bodies over this size get 413")
    max_metadata_bytes: int = Field(16 * 1024, description="Largest serialized `metadata` object")
    idempotency_ttl_hours: int = Field(24, description="How long Idempotency-Key responses are kept")
    idempotency_lock_seconds: int = Field(
        60, description="A key whose first request has not finished after this long may be reclaimed"
    )
    # SQLite allows one writer: writes go through one writer task that commits in groups.
    sqlite_write_batch_max: int = Field(256, description="Most writes committed in one SQLite transaction")
    # 10 let 32 concurrent transitions on two workers open and close overflow connections all
    # the time (docs/performance.md, PostgreSQL write path): p99 117-127 ms at 10, 90 ms at 24.
    db_pool_size: int = Field(
        20,
        ge=1,
        description="PostgreSQL connections kept per process (as many again may open under load: keep "
        "workers x 2 x this under the server's max_connections)",
    )
    db_connect_timeout_seconds: float = Field(
        5,
        gt=0,
        description="PostgreSQL: connecting, or waiting for a pooled connection, gives up after this (then 503)",
    )
    db_statement_timeout_seconds: float = Field(
        30, gt=0, description="PostgreSQL: a statement running longer is cancelled (then 503)"
    )
    # Access control and hardening (service/auth/).
    bootstrap_admin_key: SecretStr | None = Field(
        None, description="If set (32+ characters), an admin API key named bootstrap-admin is ensured at start"
    )
    auth_cache_seconds: float = Field(
        5, ge=0, description="Checked keys are remembered this long; a revocation elsewhere takes effect within it"
    )
    secret_key: SecretStr | None = Field(
        None, description="Fernet key encrypting webhook signing secrets at rest; without it they are stored in clear"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        [], description="Comma-separated origins allowed by CORS; empty (the default) turns CORS off"
    )
    metrics_public: bool = Field(
        False, description="Serve /metrics without an API key; otherwise it needs a key with the admin scope"
    )
    # The board for people (service/board/).
    board_session_secret: SecretStr | None = Field(
        None,
        description="Signs the board's session cookies; the same in every process. Unset, /board answers that "
        "it is not configured (the API works without it). `make run` makes one in ./.accord-board-secret",
    )
    board_session_hours: float = Field(
        8, gt=0, le=24 * 30, description="A board session (signed in with an API key) ends this long after sign-in"
    )
    # Statutory deadlines (service/deadlines/alerts.py).
    deadline_approaching_days: int = Field(
        14, ge=0, le=365, description="agreement.deadline_approaching is emitted this many days before a deadline"
    )
    deadline_scan_interval_seconds: float = Field(
        3600, gt=0, description="How often each process looks for approaching and missed deadlines"
    )
    deadline_scan_enabled: bool = Field(
        True,
        description="Scan for deadline alerts in this process (at start, then every interval); each alert is sent once",
    )
    # Webhooks (service/webhooks/).
    dispatcher_enabled: bool = Field(True, description="Run the webhook dispatcher inside `accord serve`")
    webhook_allow_private_networks: bool = Field(
        False, description="Allow endpoint URLs resolving to loopback, private, link-local or metadata addresses"
    )
    webhook_timeout_seconds: float = Field(15, gt=0, description="A delivery needs a 2xx within this time")
    webhook_retry_schedule: Annotated[list[float], NoDecode] = Field(
        DEFAULT_RETRY_SCHEDULE,
        description="Seconds before each attempt, comma-separated; the first is the initial delivery",
    )
    webhook_retry_jitter: float = Field(0.1, ge=0, le=1, description="Each retry delay varies by up to this fraction")
    webhook_disable_after_hours: float = Field(
        120, gt=0, description="An endpoint failing continuously this long is disabled"
    )
    webhook_delivery_retention_days: float = Field(
        30,
        gt=0,
        description="Finished deliveries (succeeded or given up) and their attempt log are deleted this long after "
        "they were created; pending and failing ones never are",
    )
    event_retention_days: float | None = Field(
        None,
        gt=0,
        description="Events older than this leave the feed once no delivery names them; unset keeps them forever",
    )
    webhook_secret_overlap_hours: float = Field(
        24, ge=0, description="After a rotation the previous secret also signs deliveries this long"
    )
    webhook_lease_seconds: float = Field(
        60, gt=0, description="A claimed delivery whose worker has not finished after this long is claimed again"
    )
    webhook_poll_interval_seconds: float = Field(
        1.0, gt=0, description="Fallback poll of the dispatcher; new events wake it at once"
    )
    event_stream_poll_seconds: float = Field(
        2.0,
        gt=0,
        description="How often an event stream (GET /v1/events/stream) looks for events when none woke it; "
        "writes in this process (and, on PostgreSQL, NOTIFY) wake it at once",
    )
    webhook_max_concurrency_per_endpoint: int = Field(16, ge=1, description="Requests in flight to one endpoint")
    webhook_max_in_flight: int = Field(256, ge=1, description="Deliveries one dispatcher process holds at once")
    webhook_max_endpoints: int = Field(
        1000, ge=1, description="Most webhook endpoints of the installation; every event is matched against each"
    )

    @property
    def effective_log_format(self) -> Literal["auto", "json", "text"]:
        """ACCORD_LOG_FORMAT, or the older ACCORD_LOG_JSON when only that is set."""
        if self.log_format == "auto" and self.log_json is not None:
            return "json" if self.log_json else "text"
        return self.log_format

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value):
        return [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value

    @field_validator("webhook_retry_schedule", mode="before")
    @classmethod
    def _schedule(cls, value):
        if isinstance(value, str):
            value = [float(v) for v in value.split(",") if v.strip()]
        if not value or any(float(v) < 0 for v in value):
            raise ValueError("the retry schedule needs at least one non-negative delay")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
