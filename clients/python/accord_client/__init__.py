"""Python client for the Accord API.

`Accord` / `AsyncAccord` are the entry points; `accord_client.errors` holds the exceptions,
`accord_client.webhooks.verify` checks incoming webhooks. The generated operations and models
live in `accord_client.api` and `accord_client.models` (generated; do not edit them).
"""

import importlib
import pkgutil
import sys

from . import errors, webhooks
from ._client import Accord, AsyncAccord
from ._generated import api, models
from ._generated.client import AuthenticatedClient, Client
from ._generated.types import UNSET, Unset
from ._transport import AsyncRetryTransport, RetryPolicy, RetryTransport
from .errors import (
    AccordError,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InvalidTransition,
    NotFound,
    PreconditionRequired,
    ValidationError,
    VersionMismatch,
)
from .pagination import aiter_items, iter_items

__version__ = "0.1.0"


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
    "UNSET",
    "Accord",
    "AccordError",
    "AsyncAccord",
    "AsyncRetryTransport",
    "AuthenticatedClient",
    "Client",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InvalidTransition",
    "NotFound",
    "PreconditionRequired",
    "RetryPolicy",
    "RetryTransport",
    "Unset",
    "ValidationError",
    "VersionMismatch",
    "aiter_items",
    "api",
    "errors",
    "iter_items",
    "models",
    "webhooks",
]
