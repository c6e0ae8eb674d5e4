"""/docs and /redoc work offline: every file they load is served by Accord, without an API key."""

import re
import tomllib
from fnmatch import fnmatch

import httpx
import pytest

from service.api_docs import STATIC_DIR
from service.health import ROOT

BASE_URL = "http://accord.test"
CONTENT_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


@pytest.fixture
async def anonymous(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        yield c


def _references(html: str) -> set[str]:
    """What the page loads: scripts, styles, icons and the OpenAPI document."""
    return set(re.findall(r'(?:src|href|spec-url)="([^"]+)"', html)) | set(re.findall(r"url: '([^']+)'", html))


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_load_only_from_the_app(anonymous, page):
    response = await anonymous.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    outside = [url for url in re.findall(r"https?://[^\s\"'<>)]+", html) if not url.startswith(BASE_URL)]
    assert not outside, f"{page} loads from outside the app: {outside}"
    assets = _references(html)
    assert "/openapi.json" in assets
    assert any(url.endswith(".js") for url in assets)
    for url in assets:
        assert url.startswith("/"), url
        asset = await anonymous.get(url)
        assert asset.status_code == 200, url
        suffix = url[url.rfind(".") :]
        assert CONTENT_TYPES[suffix] in asset.headers["content-type"], (url, asset.headers["content-type"])
        assert asset.content


async def test_docs_pages_are_not_operations(anonymous):
    paths = (await anonymous.get("/openapi.json")).json()["paths"]
    assert not [p for p in paths if p in ("/docs", "/redoc") or p.startswith("/static")]


async def test_openapi_description_explains_the_api(anonymous):
    description = (await anonymous.get("/openapi.json")).json()["info"]["description"]
    for needed in (
        "Authorization: Bearer <API key>",
        "agreements:read",
        "agreements:write",
        "webhooks:manage",
        "`admin`",
        "accord keys create",
        "RFC 9457",
        "application/problem+json",
        "Idempotency-Key",
        "next_cursor",
        "ETag",
        "If-Match",
        "make run",
        "/transitions",
    ):
        assert needed in description, needed


def test_the_vendored_assets_are_packaged():
    """pyproject's package-data takes every vendored file, so an installed Accord serves them too."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["service"]
    package = STATIC_DIR.parent
    files = [path.relative_to(package).as_posix() for path in STATIC_DIR.rglob("*") if path.is_file()]
    assert files
    unpackaged = [f for f in files if not any(fnmatch(f, pattern) for pattern in patterns)]
    assert not unpackaged, f"add these to [tool.setuptools.package-data]: {unpackaged}"
    for vendored in (STATIC_DIR / "vendor").iterdir():
        assert {"LICENSE", "README.md"} <= {p.name for p in vendored.iterdir()}, vendored
