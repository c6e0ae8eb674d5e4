"""The route class of every router: JSON bodies parsed strictly, once.

Python's json module lets the last of two equal keys win, so `{"event": "sign", "event":
"terminate"}` would silently mean one of them; FastAPI offers no hook for it. This route parses
the body itself, refusing duplicate keys, and leaves the result where FastAPI looks for it
(`request._json`), so the body is still parsed only once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from service.errors import MalformedRequest


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise MalformedRequest(f"The body names {key!r} twice; each key may appear once")
        found[key] = value
    return found


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body, object_pairs_hook=_object)
    except RecursionError:
        raise MalformedRequest("The body is nested too deeply") from None
    except ValueError:
        raise MalformedRequest("The body is not valid JSON") from None


class JSONRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def strict(request: Request) -> Response:
            body = await request.body()
            if body:
                request._json = parse_json(body)
            return await handler(request)

        return strict
