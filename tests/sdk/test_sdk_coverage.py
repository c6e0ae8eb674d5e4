"""Every operation of openapi.yaml has a friendly method, on Accord and AsyncAccord alike, and
every public method says what it does."""

from __future__ import annotations

import inspect
from operator import attrgetter

import pytest
import yaml
from accord_client import OPERATIONS, Accord, AsyncAccord, AsyncPage, Page, errors, pagination, webhooks
from accord_client._resources import _AsyncResource, _SyncResource
from conftest import ROOT

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _operation_ids() -> set[str]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    return {
        operation["operationId"]
        for path in spec["paths"].values()
        for method, operation in path.items()
        if method in METHODS
    }


def test_every_operation_has_a_method():
    """Fails when openapi.yaml gains an operation that accord_client.OPERATIONS does not map."""
    missing = sorted(_operation_ids() - set(OPERATIONS))
    assert not missing, f"operations without an SDK method (add them to OPERATIONS in _resources.py): {missing}"
    stale = sorted(set(OPERATIONS) - _operation_ids())
    assert not stale, f"OPERATIONS maps operations openapi.yaml no longer has: {stale}"


@pytest.mark.parametrize("client_class", [Accord, AsyncAccord])
def test_every_target_exists_on_both_clients(client_class):
    client = client_class("http://accord.test", "k")
    for operation_id, target in OPERATIONS.items():
        namespace = target.partition(".")[0]
        method = attrgetter(target)(client)
        assert callable(method), f"{operation_id} -> {target}"
        assert inspect.getdoc(method), f"{client_class.__name__}.{target} has no docstring"
        resource = getattr(client, namespace)
        assert isinstance(resource, _SyncResource if client_class is Accord else _AsyncResource)


def test_the_async_methods_are_coroutines_or_iterators():
    client = AsyncAccord("http://accord.test", "k")
    for target in OPERATIONS.values():
        method = attrgetter(target)(client)
        if target.endswith((".list", ".deliveries", ".stream", ".timeline")):
            continue  # pagers and streams: not coroutines, but awaitable / async-iterable
        assert inspect.iscoroutinefunction(method), target


def _public_members(cls: type) -> list[tuple[str, object]]:
    return [
        (name, member)
        for name, member in vars(cls).items()
        if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property))
    ]


def _resource_classes() -> list[type]:
    from accord_client import _resources

    return [
        cls
        for _, cls in inspect.getmembers(_resources, inspect.isclass)
        if issubclass(cls, (_SyncResource, _AsyncResource)) and cls not in (_SyncResource, _AsyncResource)
    ]


def test_sync_and_async_namespaces_have_the_same_methods():
    classes = {cls.__name__: cls for cls in _resource_classes()}
    for name, cls in classes.items():
        if name.startswith("Async"):
            continue
        twin = classes[f"Async{name}"]
        assert {n for n, _ in _public_members(cls)} == {n for n, _ in _public_members(twin)}, name


@pytest.mark.parametrize(
    "cls",
    [
        Accord,
        AsyncAccord,
        Page,
        AsyncPage,
        pagination.AsyncPager,
        *_resource_classes(),
    ],
    ids=lambda cls: cls.__name__,
)
def test_every_public_method_has_a_docstring(cls):
    assert cls.__doc__
    undocumented = [name for name, member in _public_members(cls) if not inspect.getdoc(member)]
    assert not undocumented, f"{cls.__name__}: {undocumented}"


def test_every_exception_and_event_class_is_documented():
    for module in (errors, webhooks):
        for name in module.__all__:
            member = getattr(module, name)
            if inspect.isclass(member) or inspect.isfunction(member):
                assert inspect.getdoc(member), f"{module.__name__}.{name}"
