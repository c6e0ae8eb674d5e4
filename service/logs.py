"""Logging: one JSON object per line (python-json-logger), or plain text for a terminal."""

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


def configure_logging(level: str = "info", *, json_lines: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", timestamp=False))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's own access log duplicates accord.access.
    logging.getLogger("uvicorn.access").disabled = True
    # SQLAlchemy at debug level logs every result row: key hashes, webhook secrets. Accord's
    # own debug logs do not need them; the engines also hide statement parameters.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
