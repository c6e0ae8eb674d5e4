"""The `accord` command line."""

import os
import subprocess
import sys
from pathlib import Path


def test_serve_refuses_several_workers_on_sqlite(tmp_path):
    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"}
    result = subprocess.run(
        [accord, "serve", "--workers", "2", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SQLite takes one process" in result.stderr


def test_worker_starts_and_stops(tmp_path):
    """`accord worker` runs the dispatcher alone until it is told to stop."""
    import signal
    import time

    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", "ACCORD_LOG_LEVEL": "info"}
    process = subprocess.Popen([accord, "worker"], env=env, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert process.poll() is None, process.stderr.read()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    assert "webhook dispatcher started" in stderr
