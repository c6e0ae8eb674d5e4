"""Bodies of the API-keys API."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from service.principal import Scope
from service.schemas import Instant, Request

__all__ = ["ApiKeyCreate", "ApiKeyCreated", "ApiKeyOut", "Scope"]


class ApiKeyCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "trade-desk", "scopes": ["agreements:read", "agreements:write"]},
                {"name": "dashboard", "scopes": ["agreements:read"], "expires_at": "2027-12-31T23:59:59Z"},
            ]
        }
    )

    name: Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9 ._@:/-]+$")] = Field(
        description="Who holds the key; recorded as the actor of every change made with it"
    )
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=4, json_schema_extra={"uniqueItems": True})]
    expires_at: Instant | None = Field(None, description="When the key stops working; never if omitted")


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
