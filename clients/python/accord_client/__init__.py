"""Python client for the Accord API.

`Accord` / `AsyncAccord` are the entry points, with one namespace per resource
(`accord.agreements`, `accord.transitions`, `accord.events`, `accord.webhook_endpoints`...);
`accord_client.errors` holds the exceptions, `accord_client.webhooks.verify` checks incoming
webhooks and returns typed events. The generated operations and models live in
`accord_client.api` and `accord_client.models` (generated; do not edit them).
"""

import importlib
import pkgutil
import sys

from . import errors, pagination, webhooks
from ._client import DEFAULT_BASE_URL, USER_AGENT, Accord, AsyncAccord
from ._generated import api, models
from ._generated.client import AuthenticatedClient, Client
from ._generated.types import UNSET, Unset
from ._resources import OPERATIONS
from ._transport import AsyncRetryTransport, RetryPolicy, RetryTransport
from ._version import __version__
from .errors import (
    AccordError,
    AlreadyExists,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BoardNotConfigured,
    ConfigurationError,
    Conflict,
    HeadersTooLarge,
    HistoryConflict,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InternalServerError,
    InvalidArgument,
    InvalidTransition,
    LimitReached,
    MalformedRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    PreconditionRequired,
    RateLimited,
    RequestTimeout,
    RoundConflict,
    RoundOutsideNegotiation,
    ServerError,
    ServiceUnavailable,
    UnsupportedMediaType,
    ValidationError,
    VersionMismatch,
    WebhookUrlRefused,
)
from .pagination import AsyncPage, AsyncPager, Page, aiter_items, iter_items


def _alias_generated() -> None:
    """Make `accord_client.api...` and `accord_client.models...` the generated modules themselves,
    so `from accord_client.api.agreements import create_agreement` works and no class exists twice."""
    for package in (api, models):
        public = f"{__name__}.{package.__name__.rsplit('.', 1)[-1]}"
        sys.modules[public] = package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            module = importlib.import_module(info.name)
            sys.modules[public + info.name.removeprefix(package.__name__)] = module


_alias_generated()

__all__ = [
    "DEFAULT_BASE_URL",
    "OPERATIONS",
    "UNSET",
    "USER_AGENT",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Accord",
    "AccordError",
    "AlreadyExists",
    "AsyncAccord",
    "AsyncPage",
    "AsyncPager",
    "AsyncRetryTransport",
    "AuthenticatedClient",
    "AuthenticationError",
    "BoardNotConfigured",
    "Client",
    "ConfigurationError",
    "Conflict",
    "HeadersTooLarge",
    "HistoryConflict",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InternalServerError",
    "InvalidArgument",
    "InvalidTransition",
    "LimitReached",
    "MalformedRequest",
    "MethodNotAllowed",
    "NotFound",
    "Page",
    "PayloadTooLarge",
    "PermissionDenied",
    "PreconditionRequired",
    "RateLimited",
    "RequestTimeout",
    "RetryPolicy",
    "RetryTransport",
    "RoundConflict",
    "RoundOutsideNegotiation",
    "ServerError",
    "ServiceUnavailable",
    "Unset",
    "UnsupportedMediaType",
    "ValidationError",
    "VersionMismatch",
    "WebhookUrlRefused",
    "__version__",
    "aiter_items",
    "api",
    "errors",
    "iter_items",
    "models",
    "pagination",
    "webhooks",
]
