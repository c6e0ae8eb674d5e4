"""The board in a real Chromium against a real `accord serve` with the seed (conftest.py): what a
person does, page by page, with axe-core run on every page."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import httpx
import pytest

from tests.board.conftest import axe_check, screenshot, sign_in
from tests.helpers import ADMIN_KEY

US_EU = "United States-European Union trade negotiations (toward zero tariffs)"
USMCA = "United States-Mexico-Canada Agreement (NAFTA renegotiation)"
SEED_TITLES = [
    "North American Free Trade Agreement",
    USMCA,
    "United States-Japan Trade Agreement (Stage 1)",
    US_EU,
    "Trans-Pacific Partnership",
    "United States-Korea Free Trade Agreement",
]


def _expect(page, selector: str) -> str:
    page.wait_for_selector(selector)
    return page.inner_text(selector)


def _agreement_id(api: httpx.Client, title: str) -> str:
    for agreement in api.get("/v1/agreements", params={"limit": 200}).json()["data"]:
        if agreement["title"] == title:
            return agreement["id"]
    raise AssertionError(f"no agreement {title!r}")


def _new_agreement(api: httpx.Client, title: str, **extra) -> str:
    body = {"title": title, "parties": ["US", "JP"], "authority": "other", **extra}
    response = api.post("/v1/agreements", json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _key(api: httpx.Client, name: str, *scopes: str) -> dict:
    response = api.post("/v1/api-keys", json={"name": name, "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return response.json()


def test_sign_in_with_a_wrong_key_shows_an_error_and_the_cookie_holds_no_key(browser, board_server):
    context = browser.new_context(base_url=board_server.base_url)
    page = context.new_page()
    page.goto("/board/sign-in")
    axe_check(page)
    page.fill("#api_key", "acc_not_a_key_of_this_installation_000000000")
    page.click("form.sign-in button")
    assert "unknown, revoked or expired" in _expect(page, "#sign-in-error")
    assert page.input_value("#api_key") == ""  # never echoed back
    assert "acc_not_a_key" not in page.content()
    axe_check(page)
    page.fill("#api_key", ADMIN_KEY)
    page.click("form.sign-in button")
    page.wait_for_url(re.compile(r".*/board$"))
    cookies = {c["name"]: c for c in context.cookies()}
    session = cookies["accord_board"]
    assert session["httpOnly"] and session["sameSite"] == "Strict" and session["expires"] > time.time()
    assert ADMIN_KEY not in session["value"] and ADMIN_KEY[4:20] not in session["value"]
    context.close()


def test_the_board_shows_the_seed_agreements_as_cards_by_state(admin, board_server, tmp_path_factory):
    admin.goto("/board")
    axe_check(admin)
    for title in SEED_TITLES:
        assert admin.locator(".card h3", has_text=title).count() >= 1, title
    us_eu = admin.locator(".card", has_text=US_EU)
    assert us_eu.get_attribute("data-state") == "congressional_notification"
    assert admin.locator('.column[data-state="congressional_notification"] .card', has_text=US_EU).count() == 1
    assert "US, EU" in us_eu.inner_text() and "tpa" in us_eu.inner_text()
    assert "Early announcement - Under negotiation" in us_eu.inner_text()  # its RTA-IS status
    assert "open negotiations allowed from 2019-01-14" in us_eu.inner_text()  # its next clock
    screenshot(admin, "board.png", tmp_path_factory)


def test_filters_are_kept_in_the_url(admin):
    admin.goto("/board")
    admin.select_option("#f-state", "implemented")
    admin.fill("#f-q", "Korea")
    admin.click("form.filters button")
    admin.wait_for_url(re.compile(r".*state=implemented.*"))
    assert "q=Korea" in admin.url
    titles = admin.locator(".card h3").all_inner_texts()
    assert titles and all("Korea" in t for t in titles)
    assert admin.input_value("#f-q") == "Korea"
    admin.goto("/board?authority=section_103a")
    assert admin.locator(".card h3").all_inner_texts() == ["United States-Japan Trade Agreement (Stage 1)"]
    admin.goto("/board?party=CA")
    assert set(admin.locator(".card h3").all_inner_texts()) == {
        "North American Free Trade Agreement",
        USMCA,
        "Trans-Pacific Partnership",
    }


def test_usmca_page_shows_its_dated_timeline_sources_and_diagram(admin, api, tmp_path_factory):
    admin.goto("/board")
    admin.click(f"text={USMCA}")
    admin.wait_for_url(re.compile(r".*/board/agreements/agr_.*"))
    axe_check(admin)
    assert admin.inner_text("h1") == USMCA
    aid = admin.url.rsplit("/", 1)[1]
    history = api.get(f"/v1/agreements/{aid}/transitions", params={"limit": 200}).json()["data"]
    entries = admin.locator(".entries > li")
    assert entries.count() == len(history)
    for entry, rendered in zip(history, entries.all(), strict=True):
        text = rendered.inner_text()
        assert entry["occurred_at"][:10] in text and entry["event"].replace("_", " ") in text
        if entry["reference"]:
            assert rendered.locator(f'.source a[href="{entry["reference"]}"]').count() == 1
    # The SVG diagram marks the current state and the path taken.
    assert "implemented (current)" in admin.locator("svg.diagram .node.current text").text_content()
    assert admin.locator("svg.diagram .edge.taken").count() >= 5
    assert admin.locator("svg.diagram .node.visited").count() >= 6
    assert admin.locator("script[src*='mermaid'], script[src^='http']").count() == 0
    admin.set_viewport_size({"width": 1280, "height": 1100})
    screenshot(admin, "agreement.png", tmp_path_factory, full_page=False)  # the top: facts, diagram, form, timeline


def test_record_an_allowed_event(admin, api):
    aid = _new_agreement(api, "Board test: allowed event")
    admin.goto(f"/board/agreements/{aid}")
    options = admin.locator("#ev-event option").all_inner_texts()
    assert any(o.startswith("start domestic procedures") for o in options)
    admin.select_option("#ev-event", "start_domestic_procedures")
    admin.fill("#ev-note", "Recorded from the board")
    admin.fill("#ev-ref", "https://ustr.gov/")
    admin.click(".event-form button")
    admin.wait_for_url(re.compile(r".*recorded=2.*"))
    assert "Recorded as entry 2" in admin.inner_text("main")
    entry = admin.locator("#entry-2").inner_text()
    assert "start domestic procedures" in entry and "Recorded from the board" in entry and "bootstrap-admin" in entry
    axe_check(admin)
    assert api.get(f"/v1/agreements/{aid}").json()["state"] == "domestic_procedures"


def test_a_refused_event_shows_the_reason_with_the_earliest_date(admin, api):
    aid = _agreement_id(api, US_EU)
    admin.goto(f"/board/agreements/{aid}")
    admin.select_option("#ev-event", "open_negotiations")
    admin.fill("#ev-date", "2018-12-01")
    admin.click(".event-form button")
    refusal = _expect(admin, "#refusal")
    assert "Refused" in refusal
    assert "allowed from 2019-01-14" in refusal and "19 U.S.C. 4204(a)(1)(A)" in refusal
    assert admin.input_value("#ev-date") == "2018-12-01"  # the form keeps what was sent
    axe_check(admin)
    assert api.get(f"/v1/agreements/{aid}").json()["state"] == "congressional_notification"


def test_a_stale_page_says_so_instead_of_overwriting(admin, api):
    aid = _new_agreement(api, "Board test: stale page")
    admin.goto(f"/board/agreements/{aid}")
    admin.select_option("#ev-event", "suspend")
    # Meanwhile, over the API:
    assert api.post(f"/v1/agreements/{aid}/transitions", json={"event": "terminate"}).status_code == 201
    admin.click(".event-form button")
    assert "changed since you opened the page" in _expect(admin, "#refusal")
    assert api.get(f"/v1/agreements/{aid}").json()["state"] == "terminated"
    assert len(api.get(f"/v1/agreements/{aid}/transitions").json()["data"]) == 2


def test_a_change_over_the_api_arrives_live(admin, api):
    aid = _new_agreement(api, "Board test: live update")
    admin.goto("/board")
    card = admin.locator(f"#card-{aid}")
    assert card.get_attribute("data-state") == "announced"
    admin.wait_for_function("document.getElementById('main').dataset.live === 'open'")
    assert api.post(f"/v1/agreements/{aid}/transitions", json={"event": "start_domestic_procedures"}).status_code == 201
    admin.wait_for_selector(f'#card-{aid}[data-state="domestic_procedures"].updated', timeout=15_000)
    assert "domestic procedures" in admin.locator(f"#card-{aid} .state").inner_text()
    assert "Board test: live update" in admin.inner_text("#live-status")


def test_the_deadlines_page_shows_a_deadline_and_makes_a_calendar_feed(admin, api):
    def days_ago(n: int) -> str:
        return (date.today() - timedelta(days=n)).isoformat()

    aid = _new_agreement(api, "Board test: deadline", authority="tpa", parties=["US", "GB"], announced_at=days_ago(10))
    for event, day in (("start_domestic_procedures", days_ago(5)), ("notify_congress", days_ago(3))):
        response = api.post(f"/v1/agreements/{aid}/transitions", json={"event": event, "occurred_at": day})
        assert response.status_code == 201, response.text
    due = [d for d in api.get(f"/v1/agreements/{aid}/deadlines").json()["data"] if d["status"] == "pending"]
    assert due
    admin.goto("/board/deadlines")
    axe_check(admin)
    rows = admin.locator('section[aria-labelledby="h-upcoming"] tr', has_text="Board test: deadline")
    assert rows.count() == len(due)  # upcoming, by its title
    assert rows.first.locator("a").get_attribute("href") == f"/board/agreements/{aid}"
    assert min(d["due_date"] for d in due) in rows.first.inner_text()
    admin.click("text=Create a calendar feed")
    url = admin.input_value("#feed-url")
    assert re.search(r"/v1/calendar/cal_[A-Za-z0-9_-]+\.ics$", url)
    assert httpx.get(url).status_code == 200  # its token opens it; it is not an API key
    assert httpx.get(url.replace("/v1/calendar/", "/v1/agreements?x=")).status_code == 401
    admin.goto("/board/deadlines")
    assert admin.locator("#feed-url").count() == 0  # shown once


def test_the_webhooks_page_shows_a_delivery_and_redelivers_it(admin, api):
    from tests.board.conftest import Receiver

    receiver = Receiver()
    try:
        endpoint = api.post("/v1/webhook-endpoints", json={"url": receiver.url, "event_types": ["agreement.created"]})
        assert endpoint.status_code == 201, endpoint.text
        endpoint_id = endpoint.json()["id"]
        _new_agreement(api, "Board test: webhook")
        for _ in range(100):
            deliveries = api.get(f"/v1/webhook-endpoints/{endpoint_id}/deliveries").json()["data"]
            if deliveries and deliveries[0]["status"] == "succeeded":
                break
            time.sleep(0.1)
        assert deliveries[0]["status"] == "succeeded"
        admin.goto("/board/webhooks")
        axe_check(admin)
        section = admin.locator("section.endpoint", has_text=receiver.url)
        assert "enabled" in section.inner_text() and "UTC" in section.locator("dd").nth(1).inner_text()
        row = section.locator("tbody tr").first
        assert "agreement.created" in row.inner_text() and "succeeded" in row.inner_text()
        assert "board-test-receiver" in row.inner_text()  # the response excerpt
        row.locator("button", has_text="Redeliver").click()
        assert "queued" in _expect(admin, ".notice")
        for _ in range(100):
            if len(receiver.received) >= 2:
                break
            time.sleep(0.1)
        assert len(receiver.received) == 2
        assert len(api.get(f"/v1/webhook-endpoints/{endpoint_id}/deliveries").json()["data"]) == 2
    finally:
        receiver.close()


def test_a_read_key_sees_no_forms(browser, board_server, api):
    key = _key(api, "board-reader", "agreements:read")["key"]
    context, page = sign_in(browser, board_server.base_url, key)
    try:
        aid = _agreement_id(api, US_EU)
        for path in ("/board", f"/board/agreements/{aid}"):
            page.goto(path)
            axe_check(page)
            actions = page.locator("form[method=post]").evaluate_all("forms => forms.map(f => f.action)")
            assert [a.rsplit("/", 1)[1] for a in actions] == ["sign-out"], (path, actions)
        assert page.locator("text=Record an event").count() == 0
        assert page.locator("nav a", has_text="Webhooks").count() == 0
        response = page.goto("/board/webhooks")
        assert response.status == 403 and "webhooks:manage" in page.inner_text("main")
    finally:
        context.close()


def test_a_note_or_title_with_html_is_shown_as_text(admin, api):
    title = "<script>window.__pwned = 1</script> Board test"
    note = '<script>window.__pwned = 2</script><img src=x onerror="window.__pwned = 3"><b>not bold</b>'
    aid = _new_agreement(api, title)
    assert api.post(f"/v1/agreements/{aid}/transitions", json={"event": "suspend", "note": note}).status_code == 201
    for path in ("/board", f"/board/agreements/{aid}"):
        admin.goto(path)
        assert title in admin.inner_text("main")
        assert admin.evaluate("window.__pwned") is None
    assert admin.locator("#entry-2 .note").inner_text() == note
    assert admin.locator("#entry-2 .note b, #entry-2 .note img, main script").count() == 0


def test_revoking_the_key_ends_the_session_and_sign_out_ends_it_too(browser, board_server, api):
    created = _key(api, "board-temp", "agreements:write")
    context, page = sign_in(browser, board_server.base_url, created["key"])
    try:
        page.goto("/board")
        assert page.url.endswith("/board")
        assert api.delete(f"/v1/api-keys/{created['id']}").status_code in (200, 204)
        page.goto("/board")
        assert page.url.endswith("/board/sign-in")
    finally:
        context.close()
    context, page = sign_in(browser, board_server.base_url)
    try:
        cookie = next(c for c in context.cookies() if c["name"] == "accord_board")
        page.click("header form.sign-out button")
        page.wait_for_url(re.compile(r".*/board/sign-in$"))
        assert all(c["name"] != "accord_board" for c in context.cookies())
        # The old cookie no longer opens anything: the session row is gone.
        old = httpx.get(f"{board_server.base_url}/board", cookies={"accord_board": cookie["value"]})
        assert old.status_code == 303 and old.headers["location"] == "/board/sign-in"
    finally:
        context.close()


def test_every_page_carries_the_security_headers_and_forms_need_the_csrf_token(admin, board_server, api):
    aid = _agreement_id(api, US_EU)
    for path in ("/board", f"/board/agreements/{aid}", "/board/deadlines", "/board/webhooks", "/board/sign-in"):
        response = admin.goto(path)
        headers = response.all_headers()
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"
        assert "referrer-policy" in headers
        assert admin.locator("script:not([src])").count() == 0
        assert admin.locator("[style]").count() == 0
    cookie = next(c for c in admin.context.cookies() if c["name"] == "accord_board")
    forged = httpx.post(
        f"{board_server.base_url}/board/agreements/{aid}/events",
        data={"event": "suspend", "version": "1", "csrf_token": "forged"},
        cookies={"accord_board": cookie["value"]},
    )
    assert forged.status_code == 403 and "CSRF" in forged.text
    assert api.get(f"/v1/agreements/{aid}").json()["state"] == "congressional_notification"


def test_phone_width_and_print(browser, board_server, api):
    context, page = sign_in(browser, board_server.base_url, viewport={"width": 375, "height": 800})
    try:
        page.goto("/board")
        # Columns stack: no horizontal scrolling at 375 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.goto(f"/board/agreements/{_agreement_id(api, USMCA)}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        axe_check(page)
        page.emulate_media(media="print")
        assert page.locator("header.top").is_hidden() and page.locator(".record").is_hidden()
        assert page.locator(".timeline").is_visible()
    finally:
        context.close()


@pytest.fixture(scope="module", autouse=True)
def _no_key_in_the_log(board_server, api):
    """After every test of the module: nothing of a key the board was given is in the server's log."""
    created = _key(api, "board-logged", "agreements:read")
    with httpx.Client(base_url=board_server.base_url) as person:
        form = person.get("/board/sign-in").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        signed = person.post("/board/sign-in", data={"csrf_token": token, "api_key": created["key"]})
        assert signed.status_code == 303 and person.get("/board").status_code == 200
    yield
    text = board_server.log.read_text()
    assert "/board" in text  # the access log ran
    for key in (ADMIN_KEY, created["key"]):
        assert key not in text and key[4:24] not in text
