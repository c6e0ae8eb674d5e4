"""The `accord` command line."""

import os
import subprocess
import sys
from pathlib import Path


def test_serve_refuses_several_workers_on_sqlite(tmp_path):
    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"}
    result = subprocess.run([accord, "serve", "--workers", "2", "--port", "1"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert "SQLite takes one process" in result.stderr
