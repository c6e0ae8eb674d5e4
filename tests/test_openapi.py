"""openapi.yaml at the root is the app's document, regenerated with `make openapi`."""

import yaml

from service.cli import export_openapi
from service.health import ROOT


def test_openapi_yaml_is_current():
    committed = (ROOT / "openapi.yaml").read_text()
    assert committed == export_openapi(), "openapi.yaml is stale: run `make openapi`"


def test_operation_ids_are_route_function_names():
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    operation_ids = {op["operationId"] for ops in document["paths"].values() for op in ops.values()}
    assert {
        "create_agreement",
        "get_agreement",
        "list_agreements",
        "update_agreement",
        "create_transition",
        "list_transitions",
        "get_available_transitions",
        "list_workflows",
        "get_workflow",
    } <= operation_ids


def test_every_operation_declares_its_problems():
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in ("/healthz",):
                continue
            assert "500" in operation["responses"], (method, path)
            assert "application/problem+json" in operation["responses"]["500"]["content"]
