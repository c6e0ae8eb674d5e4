"""The `accord` command line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_serve_refuses_several_workers_on_sqlite(tmp_path):
    accord = str(Path(sys.executable).with_name("accord"))
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"}
    result = subprocess.run(
        [accord, "serve", "--workers", "2", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SQLite takes one process" in result.stderr


def _run_until(args: list[str], env: dict[str, str], awaited: str) -> str:
    """Start `accord *args`, stop it (SIGTERM) once a line of its stderr holds `awaited` (or
    after 60 s), and return all its stderr."""
    import signal
    import threading

    accord = str(Path(sys.executable).with_name("accord"))
    process = subprocess.Popen([accord, *args], env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        for line in process.stderr:
            lines.append(line)
            if awaited in line:
                seen.set()
        seen.set()  # the process ended

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen.wait(timeout=60)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    reader.join(timeout=5)
    return "".join(lines)


def test_worker_starts_and_stops(tmp_path):
    """`accord worker` runs the dispatcher alone until it is told to stop."""
    env = {"ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", "ACCORD_LOG_LEVEL": "info"}
    stderr = _run_until(["worker"], env, "webhook dispatcher started")
    assert "webhook dispatcher started" in stderr


# -- help, version ------------------------------------------------------------------------------


def _accord(*args: str, database_url: str | None = None, **env: str) -> subprocess.CompletedProcess:
    accord = str(Path(sys.executable).with_name("accord"))
    environment = {**os.environ, "ACCORD_DB_CONNECT_TIMEOUT_SECONDS": "2", **env}
    if database_url is not None:
        environment["ACCORD_DATABASE_URL"] = database_url
    return subprocess.run([accord, *args], env=environment, capture_output=True, text=True, timeout=60)


def _one_line_failure(result: subprocess.CompletedProcess) -> str:
    """A command that cannot go on: status 1, one line on stderr, no traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version_comes_from_the_installed_package():
    from importlib.metadata import version

    result = _accord("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"accord {version('accord')}"


def test_every_command_and_option_has_help():
    import argparse

    from service.cli import build_parser

    def parsers(parser: argparse.ArgumentParser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help, f"{parser.prog} {choice.dest} has no help"
                for sub in action.choices.values():
                    yield from parsers(sub)

    seen = []
    for parser in parsers(build_parser()):
        seen.append(parser.prog)
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):  # its commands' help is checked above
                assert action.help, f"{parser.prog} {action.dest} has no help"
    assert {"accord keys list", "accord keys revoke", "accord migrate"} <= set(seen)


def test_help_shows_defaults():
    result = _accord("serve", "--help")
    assert result.returncode == 0
    assert "(default: 1)" in result.stdout  # --workers
    assert "(default: ACCORD_PORT, else 8000)" in " ".join(result.stdout.split())


# -- API keys -------------------------------------------------------------------------------------


def test_keys_create_list_and_revoke(database_url):
    created = _accord("keys", "create", "--name", "ops", "--scope", "admin", database_url=database_url)
    assert created.returncode == 0, created.stderr
    key_id, key = created.stdout.split()[1], created.stdout.strip().splitlines()[-1]
    assert key.startswith("acc_")
    reader = _accord(
        "keys", "create", "--name", "reader", "--scope", "agreements:read", "--expires-at", "2999-01-01T00:00:00Z",
        database_url=database_url,
    )  # fmt: skip
    assert reader.returncode == 0, reader.stderr

    listed = _accord("keys", "list", database_url=database_url)
    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.strip().splitlines()
    assert header.split() == ["id", "name", "scopes", "created", "(UTC)", "expires", "(UTC)", "revoked"]
    assert [row.split()[:3] for row in rows] == [
        [key_id, "ops", "admin"],
        [reader.stdout.split()[1], "reader", "agreements:read"],
    ]
    assert rows[0].split()[-2:] == ["never", "no"]
    assert "2999-01-01 00:00" in rows[1]
    assert key not in listed.stdout and key[:8] not in listed.stdout

    revoked = _accord("keys", "revoke", key_id, database_url=database_url)
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.strip() == f"revoked {key_id} (ops)"
    listed = _accord("keys", "list", database_url=database_url)
    assert listed.stdout.strip().splitlines()[1].split()[-1] == "yes"

    line = _one_line_failure(_accord("keys", "revoke", "key_unknown", database_url=database_url))
    assert line == "accord keys revoke: No API key 'key_unknown'"


# -- a database that is not there, not migrated or not a database ----------------------------------


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("keys create", ["--name", "ops", "--scope", "admin"]),
        ("keys list", []),
        ("keys revoke", ["key_x"]),
        ("seed", []),
        ("upgrade-workflow", ["agr_x"]),
    ],
)
def test_commands_on_an_unmigrated_database_say_to_migrate(tmp_path, name, arguments):
    empty = tmp_path / "empty.db"
    empty.touch()
    line = _one_line_failure(_accord(*name.split(), *arguments, database_url=f"sqlite+aiosqlite:///{empty}"))
    assert line == f"accord {name}: the database has no schema yet; run `accord migrate` first"


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("not a url", "is not a database URL"),
        ("mysql+aiomysql://user@host/db", "names the driver 'mysql+aiomysql'"),
        ("postgresql://postgres@127.0.0.1/x", "names the driver 'postgresql'"),
        ("postgresql+asyncpg://postgres:secret@127.0.0.1:1/x", "Connect call failed"),
        ("sqlite+aiosqlite:////nonexistent/directory/accord.db", "unable to open database file"),
    ],
)
@pytest.mark.parametrize("command", [["migrate"], ["keys", "list"]])
def test_a_bad_or_unreachable_database_is_one_line(url, cause, command):
    line = _one_line_failure(_accord(*command, database_url=url))
    assert line.startswith(f"accord {' '.join(command)}: ")
    assert cause in line
    assert "secret" not in line


# -- serve --------------------------------------------------------------------------------------


def test_serve_says_where_the_docs_are_in_json_lines(tmp_path):
    """stderr is a pipe here, so the log is JSON lines; uvicorn's colour copies are left out."""
    import json

    from tests.helpers import free_port

    port = free_port()
    env = {
        "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 's.db'}",
        "ACCORD_LOG_LEVEL": "info",
        "ACCORD_LOG_FORMAT": "auto",
    }
    stderr = _run_until(["serve", "--host", "127.0.0.1", "--port", str(port)], env, "API docs at")
    records = [json.loads(line) for line in stderr.splitlines()]
    assert not [r for r in records if "color_message" in r]
    messages = [r["message"] for r in records]
    assert f"API docs at http://127.0.0.1:{port}/docs" in messages
    assert any(m.startswith("Uvicorn running on") for m in messages)


def test_the_start_up_line_names_the_board_only_when_there_is_one():
    from fastapi import FastAPI

    from service.server import pages_message

    app = FastAPI()
    assert pages_message(app, "127.0.0.1", 8000) == "API docs at http://127.0.0.1:8000/docs"
    app.get("/board")(lambda: None)
    assert pages_message(app, "::1", 8000) == "API docs at http://[::1]:8000/docs, the board at http://[::1]:8000/board"
