"""Logging: one readable line per record on a terminal, one JSON object per line otherwise
(python-json-logger). ACCORD_LOG_FORMAT=json or text forces either."""

from __future__ import annotations

import logging
import sys
from typing import IO, Any, Literal

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

LogFormat = Literal["auto", "json", "text"]
# service/middleware.py logs one record a request here, with these extras.
ACCESS_LOGGER = "accord.access"
# uvicorn attaches an ANSI-coloured copy of some messages; no reader of a log line needs it.
_DROPPED = frozenset({"color_message"})
_NOT_EXTRAS = frozenset(RESERVED_ATTRS) | _DROPPED | {"taskName"}


class TextFormatter(logging.Formatter):
    """One line per record, for people at a terminal:

    12:01:02 INFO  POST /v1/agreements 201 3.1ms key=admin request_id=4f1c...
    12:01:03 INFO  accord purged expired idempotency keys count=3
    """

    def format(self, record: logging.LogRecord) -> str:
        head = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname:<5} "
        fields = record.__dict__
        if record.name == ACCESS_LOGGER and "status" in fields:
            line = (
                f"{head}{fields['method']} {fields['path']} {fields['status']} {fields['duration_ms']:.1f}ms"
                f" key={fields.get('actor') or '-'} request_id={fields['request_id']}"
            )
        else:
            extras = "".join(f" {name}={value}" for name, value in _extras(record))
            line = f"{head}{record.name} {record.getMessage()}{extras}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


def _extras(record: logging.LogRecord) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in record.__dict__.items() if k not in _NOT_EXTRAS and not k.startswith("_")]


def json_formatter() -> JsonFormatter:
    return JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s",
        timestamp=False,
        reserved_attrs=[*RESERVED_ATTRS, *_DROPPED],
    )


def chosen_format(log_format: LogFormat, stream: IO[str]) -> Literal["json", "text"]:
    """`auto` is text on a terminal and JSON anywhere else (a file, a pipe, a log collector)."""
    if log_format != "auto":
        return log_format
    isatty = getattr(stream, "isatty", None)
    try:
        return "text" if isatty is not None and isatty() else "json"
    except ValueError:  # a closed stream
        return "json"


def configure_logging(level: str = "info", *, log_format: LogFormat = "auto", stream: IO[str] | None = None) -> None:
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter() if chosen_format(log_format, stream) == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's own access log duplicates accord.access.
    logging.getLogger("uvicorn.access").disabled = True
    # SQLAlchemy at debug level logs every result row: key hashes, webhook secrets. Accord's
    # own debug logs do not need them; the engines also hide statement parameters.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    # The transitions library logs every callback and state change at INFO; the history has them.
    logging.getLogger("transitions").setLevel(logging.WARNING)
