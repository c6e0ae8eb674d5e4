"""The board's browser tests: one real `accord serve` on SQLite with the seed, per module, and one
Chromium (Debian's, launched by path: never `playwright install`) for the session.

SQLite only, the one exception to "every test on both databases": the pages call the service
functions that the API's tests run on both (the sessions table itself is tested on both in
test_sessions.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.helpers import ADMIN_KEY, AUTH, ServerProcess

CHROMIUM = os.environ.get("ACCORD_TEST_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SECRET = "board-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"


class Receiver:
    """A webhook receiver on 127.0.0.1 that answers 200 with a short body."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                body = b'{"ok": true, "from": "board-test-receiver"}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def board_server(sqlite_template, tmp_path_factory) -> Iterator[ServerProcess]:
    path = tmp_path_factory.mktemp("board") / "accord.db"
    shutil.copy(sqlite_template, path)
    server = ServerProcess(
        f"sqlite+aiosqlite:///{path}",
        env={
            "ACCORD_BOARD_SESSION_SECRET": SECRET,
            "ACCORD_EVENT_STREAM_POLL_SECONDS": "0.5",
            "ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",
            "ACCORD_LOG_LEVEL": "info",
            "ACCORD_LOG_FORMAT": "json",
        },
        args=("--seed",),
        # Kept: a test reads it for anything of the keys.
        log=tmp_path_factory.mktemp("board-log") / "server.log",
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api(board_server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=board_server.base_url, headers=AUTH, timeout=15) as client:
        yield client


# Per module, not per session: sync Playwright holds an event loop of its own while it runs, and
# the async tests that follow need theirs.
@pytest.fixture(scope="module")
def browser() -> Iterator:
    if os.environ.get("CI", "").lower() in ("1", "true"):  # .ci/run installs both: missing is a failure
        if not Path(CHROMIUM).exists():
            pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run should have installed it (apt-get install chromium)")
        import playwright.sync_api as sync_api
    else:  # a newcomer's `make test` without Chromium reports these as skipped
        sync_api = pytest.importorskip("playwright.sync_api")
        if not Path(CHROMIUM).exists():
            pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def sign_in(browser, base_url: str, key: str = ADMIN_KEY, **options):
    """A new browser context signed in with `key`, and its page on the board."""
    context = browser.new_context(base_url=base_url, **options)
    page = context.new_page()
    page.goto("/board")
    assert page.url.endswith("/board/sign-in")
    page.fill("#api_key", key)
    page.click("form.sign-in button")
    page.wait_for_url(re.compile(r".*/board$"))
    return context, page


@pytest.fixture(scope="module")
def admin(browser, board_server):
    context, page = sign_in(browser, board_server.base_url)
    yield page
    context.close()


def axe_check(page) -> None:
    """axe-core, vendored, on the page as it is: no `serious` or `critical` violation."""
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))})))"
    )
    assert violations == [], f"{page.url}: {violations}"


def screenshot(page, name: str, tmp_path_factory, *, full_page: bool = True) -> Path:
    """Into ACCORD_SCREENSHOTS_DIR (docs/img for the README) or a temporary directory."""
    target = os.environ.get("ACCORD_SCREENSHOTS_DIR")
    directory = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    page.screenshot(path=str(path), full_page=full_page)
    return path
