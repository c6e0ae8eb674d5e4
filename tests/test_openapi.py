"""openapi.yaml at the root is the app's document, regenerated with `make openapi`."""

import json
import re

import jsonschema
import yaml

from service.cli import export_openapi
from service.errors import PROBLEM_BASE, PROBLEM_TYPES
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


def _document() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text())


def _request_examples(document: dict) -> dict[str, list[dict]]:
    """Each request body's examples, by operationId: schema-level `examples` of its component."""
    found = {}
    for operations in document["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content is None:
                continue
            name = content["schema"]["$ref"].rsplit("/", 1)[1]
            found[operation["operationId"]] = document["components"]["schemas"][name].get("examples", [])
    return found


def test_every_request_body_has_examples_that_validate():
    document = _document()
    examples = _request_examples(document)
    assert examples, "no request bodies found"
    for operation_id, bodies in examples.items():
        assert bodies, f"{operation_id}: its request body has no example"
        for body in bodies:
            name = next(
                op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                for ops in document["paths"].values()
                for op in ops.values()
                if op["operationId"] == operation_id
            )
            jsonschema.validate(
                body, {"$ref": name, "components": document["components"]}, cls=jsonschema.Draft202012Validator
            )


def test_every_problem_response_has_an_example_of_a_known_type():
    document = _document()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status[0] not in "45":
                    continue
                content = response["content"]["application/problem+json"]
                assert content.get("examples"), (method, path, status)
                for example in content["examples"].values():
                    value = example["value"]
                    assert value["type"].removeprefix(PROBLEM_BASE) in PROBLEM_TYPES
                    assert value["status"] == int(status), (method, path, status, value)


def test_the_readmes_request_bodies_are_openapi_examples():
    document = _document()
    known = [body for bodies in _request_examples(document).values() for body in bodies]
    readme = (ROOT / "README.md").read_text()
    bodies = [json.loads(b) for b in re.findall(r"-d '(\{.*?\})'", readme)]
    assert len(bodies) >= 3
    for body in bodies:
        assert body in known, f"README body {body} is not an example in openapi.yaml"


async def test_the_request_examples_are_accepted_by_the_service(client):
    """The main examples, sent as they are, succeed against a fresh database."""
    document = _document()
    examples = _request_examples(document)
    created = await client.post("/v1/agreements", json=examples["create_agreement"][0])
    assert created.status_code == 201, created.text
    aid = created.json()["id"]
    for body in examples["create_transition"][:2]:
        response = await client.post(f"/v1/agreements/{aid}/transitions", json=body)
        assert response.status_code == 201, (body, response.text)
    for body in examples["create_api_key"]:
        response = await client.post("/v1/api-keys", json=body)
        assert response.status_code == 201, (body, response.text)
    # (Webhook URLs need DNS or ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS; their bodies are schema-checked above.)
