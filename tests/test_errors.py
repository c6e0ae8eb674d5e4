"""Every error is RFC 9457 application/problem+json; no input produces a 500."""

import pytest

from service.errors import PROBLEM_JSON
from tests.helpers import AUTH, JAPAN


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"https://accord.dev/problems/{slug}"
    assert body["title"]
    return body


async def test_unknown_route(client):
    assert_problem(await client.get("/v1/nothing-here"), 404, "not-found")


async def test_method_not_allowed(client):
    response = await client.delete("/v1/agreements")
    assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize("body", [b"{bad", b"", b"[1,2", b"\xff\xfe"])
async def test_malformed_json(client, body):
    response = await client.post("/v1/agreements", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.headers["content-type"] == PROBLEM_JSON


@pytest.mark.parametrize("body", [b"[]", b"null", b"42", b'"text"'])
async def test_json_that_is_not_an_object(client, body):
    response = await client.post("/v1/agreements", content=body, headers={"content-type": "application/json"})
    assert_problem(response, 422, "validation-error")


async def test_oversized_body_is_413_and_changes_nothing(client):
    big = {**JAPAN, "metadata": {"blob": "x" * (1024 * 1024 + 10)}}
    response = await client.post("/v1/agreements", json=big)
    assert_problem(response, 413, "payload-too-large")
    assert (await client.get("/v1/agreements")).json()["data"] == []


async def test_oversized_chunked_body_is_413(client):
    async def chunks():
        for _ in range(20):
            yield b"x" * 65536

    response = await client.post("/v1/agreements", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(response, 413, "payload-too-large")


async def test_query_validation(client):
    body = assert_problem(await client.get("/v1/agreements", params={"limit": 0}), 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "limit"]
    assert_problem(await client.get("/v1/agreements", params={"limit": "many"}), 422, "validation-error")


async def test_unexpected_exceptions_become_a_problem_without_internals(app, client, monkeypatch):
    from service.agreements import service

    async def boom(*_args, **_kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(service, "get", boom)
    transport_client = client
    # ASGITransport re-raises server exceptions by default; ask for the response instead.
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t", headers=AUTH
    ) as c:
        response = await c.get("/v1/agreements/agr_x")
    body = assert_problem(response, 500, "internal-error")
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert transport_client is not None and body["detail"]


async def test_every_declared_error_response_is_problem_json(app):
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response.get("content", {})) == [PROBLEM_JSON], (method, path, status)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
async def test_a_body_that_is_not_json_is_415(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    response = await client.post("/v1/agreements", content=b"title=x", headers=headers)
    assert_problem(response, 415, "unsupported-media-type")


async def test_json_with_charset_and_problem_suffix_is_accepted(client):
    response = await client.post(
        "/v1/agreements",
        content=b'{"title":"x","parties":["US","JP"]}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201


async def test_an_unreachable_database_is_503_not_500(tmp_path):
    """Not a database test: a PostgreSQL URL nobody listens on."""
    import httpx
    from asgi_lifespan import LifespanManager

    from service.config import Settings
    from service.main import create_app
    from tests.helpers import free_port

    app = create_app(
        Settings(
            database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/none",
            dispatcher_enabled=False,
            log_json=False,
        )
    )
    async with LifespanManager(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t", headers=AUTH
        ) as client:
            listed = await client.get("/v1/agreements")
            created = await client.post("/v1/agreements", json=JAPAN)
            ready = await client.get("/readyz")
    for response in (listed, created):
        assert_problem(response, 503, "service-unavailable")
        assert response.headers["retry-after"] == "1"
    assert_problem(ready, 503, "service-unavailable")
