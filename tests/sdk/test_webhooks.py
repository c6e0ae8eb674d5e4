"""accord_client.webhooks.verify, against messages signed by the standardwebhooks reference code."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from accord_client import webhooks
from standardwebhooks import Webhook

SECRET = "whsec_" + base64.b64encode(b"accord-test-signing-secret-32byt").decode()
EVENT = {
    "type": "agreement.transitioned",
    "timestamp": "2026-11-23T06:00:00.123456Z",
    "data": {"agreement_id": "agr_1", "event": "sign", "from_state": "preliminary", "to_state": "finalized"},
}


def _signed(body: dict | str, *, secret: str = SECRET, msg_id: str = "msg_1", at: datetime | None = None):
    payload = body if isinstance(body, str) else json.dumps(body)
    at = at or datetime.now(UTC)
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, payload),
    }
    return payload.encode(), headers


def test_verify_returns_a_typed_event():
    payload, headers = _signed(EVENT)
    event = webhooks.verify(payload, headers, SECRET)
    assert isinstance(event, webhooks.WebhookEvent)
    assert (event.id, event.type, event.data) == ("msg_1", "agreement.transitioned", EVENT["data"])
    assert event.timestamp == datetime(2026, 11, 23, 6, 0, 0, 123456, tzinfo=UTC)
    assert event.raw == EVENT


def test_headers_are_case_insensitive_and_str_payloads_work():
    payload, headers = _signed(EVENT)
    titled = {k.title(): v for k, v in headers.items()}
    assert webhooks.verify(payload.decode(), titled, SECRET).type == "agreement.transitioned"


def test_any_of_several_signatures_may_match():
    # During secret rotation the sender signs with the old and the new secret.
    other = "whsec_" + base64.b64encode(b"another-secret-another-secret-32").decode()
    payload, headers = _signed(EVENT, secret=other)
    _, mine = _signed(EVENT)
    headers["webhook-signature"] = f"{headers['webhook-signature']} {mine['webhook-signature']}"
    assert webhooks.verify(payload, headers, SECRET).id == "msg_1"


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda p, h: (p.replace(b"sign", b"sigh"), h), id="body changed"),
        pytest.param(lambda p, h: (p, {**h, "webhook-id": "msg_2"}), id="id changed"),
        pytest.param(lambda p, h: (p, {k: v for k, v in h.items() if k != "webhook-signature"}), id="no signature"),
        pytest.param(lambda p, h: (p, {**h, "webhook-timestamp": "yesterday"}), id="bad timestamp"),
    ],
)
def test_tampered_messages_are_rejected(tamper):
    payload, headers = tamper(*_signed(EVENT))
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(payload, headers, SECRET)


def test_wrong_secret_is_rejected():
    payload, headers = _signed(EVENT, secret="whsec_" + base64.b64encode(b"x" * 32).decode())
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(payload, headers, SECRET)


def test_old_messages_are_rejected():
    payload, headers = _signed(EVENT, at=datetime.now(UTC) - timedelta(minutes=10))
    with pytest.raises(webhooks.WebhookVerificationError, match="too old"):
        webhooks.verify(payload, headers, SECRET)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('["not", "an", "object"]', id="array"),
        pytest.param('{"data": {}}', id="no type"),
        pytest.param('{"type": "agreement.created", "timestamp": "not a date", "data": {}}', id="bad timestamp"),
        pytest.param("not json", id="not json"),
    ],
)
def test_signed_but_malformed_bodies_are_rejected(body):
    payload, headers = _signed(body)
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(payload, headers, SECRET)


def test_the_error_is_also_the_standardwebhooks_error():
    from standardwebhooks.webhooks import WebhookVerificationError

    assert issubclass(webhooks.WebhookVerificationError, WebhookVerificationError)
