"""Regenerate the Python SDK's generated code from openapi.yaml (`make sdk` runs this).

The generator owns clients/python/accord_client/_generated entirely: it is rebuilt from scratch
in a temporary directory and swapped in, so files of removed operations do not linger and a
failed run leaves the committed code alone. The hand-written layer lives beside it in
accord_client/ and is never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
ROOT = CLIENTS.parent
CONFIG = CLIENTS / "openapi-python-client.yaml"
OUTPUT = CLIENTS / "python" / "accord_client" / "_generated"


def generate(openapi: Path, output: Path) -> None:
    # The post-hooks call `ruff`: use the one installed beside this interpreter, which the dev deps pin.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory(prefix="accord-sdk-") as tmp:
        staged = Path(tmp) / "_generated"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(openapi),
                "--config",
                str(CONFIG),
                "--meta",
                "none",
                "--output-path",
                str(staged),
                "--fail-on-warning",
            ],
            check=True,
            env=env,
        )
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(staged, output, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openapi", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    generate(args.openapi, args.output)


if __name__ == "__main__":
    main()
