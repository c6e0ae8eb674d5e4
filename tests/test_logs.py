"""Log output: readable lines on a terminal, JSON lines elsewhere, either on demand."""

import io
import json
import logging

import pytest

from service.config import Settings
from service.logs import TextFormatter, chosen_format, configure_logging


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _restore_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in ("transitions", "sqlalchemy")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, saved in levels.items():
        logging.getLogger(name).setLevel(saved)


@pytest.mark.parametrize(
    ("log_format", "stream", "expected"),
    [
        ("auto", Terminal(), "text"),
        ("auto", io.StringIO(), "json"),
        ("json", Terminal(), "json"),
        ("text", io.StringIO(), "text"),
    ],
)
def test_the_format_follows_the_terminal_unless_forced(log_format, stream, expected):
    assert chosen_format(log_format, stream) == expected
    configure_logging("info", log_format=log_format, stream=stream)
    logging.getLogger("accord.test").info("hello")
    line = stream.getvalue().strip()
    if expected == "json":
        assert json.loads(line)["message"] == "hello"
    else:
        assert line.endswith("INFO  accord.test hello")
        assert isinstance(logging.getLogger().handlers[0].formatter, TextFormatter)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "auto"),
        ({"ACCORD_LOG_FORMAT": "json"}, "json"),
        ({"ACCORD_LOG_FORMAT": "text"}, "text"),
        ({"ACCORD_LOG_JSON": "false"}, "text"),  # the older setting still works
        ({"ACCORD_LOG_JSON": "true"}, "json"),
        ({"ACCORD_LOG_FORMAT": "json", "ACCORD_LOG_JSON": "false"}, "json"),
    ],
)
def test_the_settings_choose_the_format(monkeypatch, env, expected):
    for name in ("ACCORD_LOG_FORMAT", "ACCORD_LOG_JSON"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Settings(_env_file=None).effective_log_format == expected


def test_a_request_is_one_readable_line_on_a_terminal():
    stream = Terminal()
    configure_logging("info", log_format="auto", stream=stream)
    logging.getLogger("accord.access").info(
        "request",
        extra={
            "request_id": "4f1c",
            "method": "POST",
            "route": "/v1/agreements",
            "path": "/v1/agreements",
            "status": 201,
            "duration_ms": 3.14,
            "actor": "admin",
        },
    )
    logging.getLogger("accord").info("purged expired idempotency keys", extra={"count": 3})
    request, other = stream.getvalue().splitlines()
    assert request[:8].count(":") == 2  # HH:MM:SS
    assert request[8:] == " INFO  POST /v1/agreements 201 3.1ms key=admin request_id=4f1c"
    assert other.endswith(" INFO  accord purged expired idempotency keys count=3")


def test_an_anonymous_request_and_an_error_read_well():
    stream = Terminal()
    configure_logging("info", log_format="text", stream=stream)
    extra = {"request_id": "r", "method": "GET", "route": "/docs", "path": "/docs", "status": 200}
    logging.getLogger("accord.access").info("request", extra={**extra, "duration_ms": 0.5, "actor": None})
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("accord").exception("it failed")
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("GET /docs 200 0.5ms key=- request_id=r")
    assert lines[1].endswith("ERROR accord it failed")
    assert lines[-1] == "RuntimeError: boom"


def test_json_lines_leave_out_uvicorns_color_message():
    stream = io.StringIO()
    configure_logging("info", log_format="json", stream=stream)
    # What uvicorn logs at start-up: the same message again, with ANSI colours, as an extra.
    logging.getLogger("uvicorn.error").info(
        "Uvicorn running on %s", "http://127.0.0.1:8000", extra={"color_message": "\x1b[1mhttp://...\x1b[0m"}
    )
    logging.getLogger("accord").info("with an extra", extra={"count": 3})
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "Uvicorn running on http://127.0.0.1:8000"
    assert "color_message" not in first
    assert second["count"] == 3


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_transitions_library_is_quiet(log_format):
    from transitions import Machine

    stream = io.StringIO()
    configure_logging("debug", log_format=log_format, stream=stream)

    class Subject:
        pass

    machine = Machine(Subject(), states=["announced", "negotiating"], initial="announced", auto_transitions=False)
    machine.add_transition("open_negotiations", "announced", "negotiating")
    machine.model.open_negotiations()
    assert machine.model.state == "negotiating"
    assert stream.getvalue() == ""
    logging.getLogger("transitions.core").warning("a warning still shows")
    assert "a warning still shows" in stream.getvalue()
