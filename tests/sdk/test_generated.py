"""The committed SDK is what `make sdk` produces from the committed openapi.yaml, and it installs
on its own."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

from service.cli import export_openapi

ROOT = Path(__file__).resolve().parents[2]
CLIENT_DIR = ROOT / "clients" / "python"
GENERATED = CLIENT_DIR / "accord_client" / "_generated"
IGNORED = {"__pycache__", ".ruff_cache"}
VERSION = re.search(r'__version__ = "(.+)"', (CLIENT_DIR / "accord_client" / "_version.py").read_text())[1]


def _files(top: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(top)): path
        for path in sorted(top.rglob("*"))
        if path.is_file() and not IGNORED & set(path.relative_to(top).parts)
    }


def test_openapi_yaml_is_current():
    assert (ROOT / "openapi.yaml").read_text() == export_openapi(), "openapi.yaml is stale: run `make sdk`"


def test_generated_code_matches_openapi_yaml(tmp_path):
    fresh = tmp_path / "_generated"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "clients" / "generate.py"),
            "--openapi",
            str(ROOT / "openapi.yaml"),
            "--output",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    committed, regenerated = _files(GENERATED), _files(fresh)
    assert sorted(committed) == sorted(regenerated), "files differ: run `make sdk`"
    changed = [name for name in committed if not filecmp.cmp(committed[name], regenerated[name], shallow=False)]
    assert not changed, f"generated files differ from openapi.yaml: {changed}; run `make sdk`"


FRESH_INSTALL_CHECK = """
import base64, importlib.metadata, importlib.util, json
from datetime import datetime, timezone
import accord_client
from accord_client import Accord, AsyncAccord, webhooks
from accord_client.api.agreements import create_agreement
from accord_client.models import AgreementCreate
from standardwebhooks import Webhook

assert importlib.util.find_spec("service") is None, "the service must not be installed"
assert importlib.util.find_spec("fastapi") is None, "the SDK must not need the server's dependencies"
client = Accord("http://127.0.0.1:9", api_key="k", timeout=2)
assert client.client is not None and AsyncAccord("http://127.0.0.1:9", "k") is not None
# One version: the package metadata is read from accord_client/_version.py.
assert importlib.metadata.version("accord-client") == accord_client.__version__
metadata = importlib.metadata.metadata("accord-client")
assert metadata["License-Expression"] == "Apache-2.0" and metadata["Requires-Python"] == ">=3.11"
assert metadata.get_all("Project-URL") and "Typing :: Typed" in metadata.get_all("Classifier")
assert client.client.get_httpx_client().headers["User-Agent"] == "accord-client/" + accord_client.__version__
body = {"title": "t", "parties": ["US", "JP"]}
assert AgreementCreate.from_dict(body).to_dict() == body
secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
body = json.dumps({"type": "agreement.created", "timestamp": "2026-01-01T00:00:00Z", "data": {}})
now = datetime.now(timezone.utc)
headers = {"webhook-id": "m1", "webhook-timestamp": str(int(now.timestamp())),
           "webhook-signature": Webhook(secret).sign("m1", now, body)}
event = webhooks.verify(body, headers, secret)
assert event.type == "agreement.created" and isinstance(event, webhooks.UnknownEvent)  # no agreement in data
print("ok", accord_client.__version__)
"""


def test_fresh_install(tmp_path):
    """A clean venv installs clients/python (from PyPI or the pip cache) and uses it."""
    source = tmp_path / "accord-client"
    # Copied so the build's egg-info and build/ land in tmp, not in the source tree.
    shutil.copytree(CLIENT_DIR, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    check = subprocess.run(
        [str(python), "-c", FRESH_INSTALL_CHECK], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip() == f"ok {VERSION}"
