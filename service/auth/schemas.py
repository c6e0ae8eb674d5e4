"""Bodies of the API-keys API."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints


class Scope(StrEnum):
    AGREEMENTS_READ = "agreements:read"
    AGREEMENTS_WRITE = "agreements:write"
    WEBHOOKS_MANAGE = "webhooks:manage"
    ADMIN = "admin"


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9 ._@:/-]+$")] = Field(
        description="Who holds the key; recorded as the actor of every change made with it"
    )
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=4, json_schema_extra={"uniqueItems": True})]
    expires_at: AwareDatetime | None = Field(None, description="When the key stops working; never if omitted")


class ApiKeyOut(BaseModel):
    id: str
    name: str
    scopes: list[Scope]
    prefix: str = Field(description="The first characters of the key, to recognise it")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked: bool


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The key itself. Shown only now: store it safely")
