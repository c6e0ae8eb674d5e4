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


# -- typed events: one class per type --------------------------------------------------------------


def _catalog():
    """The server's declared event types, each with the example it publishes (GET /v1/event-types)."""
    import service.main  # noqa: F401  (declares every type in the catalog)
    from service.webhooks import catalog

    catalog.check_complete()
    return {spec.type: spec for spec in catalog.specs()}


def test_every_event_type_the_server_records_has_a_class():
    """Fails when the server gains an event type (service/webhooks/outbox.py) the SDK does not type."""
    from service.webhooks.outbox import EVENT_TYPES

    assert set(webhooks.EVENT_TYPES) == set(EVENT_TYPES)
    for name, cls in webhooks.EVENT_TYPES.items():
        assert cls.type_name == name and issubclass(cls, webhooks.WebhookEvent) and cls.__doc__


EXPECTED_CLASSES = {
    "agreement.created": webhooks.AgreementCreated,
    "agreement.updated": webhooks.AgreementUpdated,
    "agreement.transitioned": webhooks.AgreementTransitioned,
    "agreement.corrected": webhooks.AgreementCorrected,
    "agreement.voided": webhooks.AgreementVoided,
    "agreement.deadline_approaching": webhooks.AgreementDeadlineApproaching,
    "agreement.deadline_missed": webhooks.AgreementDeadlineMissed,
    "endpoint.disabled": webhooks.EndpointDisabled,
    "document.created": webhooks.DocumentCreated,
    "document.updated": webhooks.DocumentUpdated,
    "document.deleted": webhooks.DocumentDeleted,
    "round.created": webhooks.RoundCreated,
    "round.updated": webhooks.RoundUpdated,
    "round.deleted": webhooks.RoundDeleted,
    "consultation.created": webhooks.ConsultationCreated,
    "consultation.updated": webhooks.ConsultationUpdated,
    "consultation.deleted": webhooks.ConsultationDeleted,
}


@pytest.mark.parametrize("event_type", sorted(EXPECTED_CLASSES))
def test_verify_types_the_example_of_each_event_type(event_type):
    example = _catalog()[event_type].example_envelope()
    payload, headers = _signed(example, msg_id="evt_01TEST")
    event = webhooks.verify(payload, headers, SECRET)
    assert type(event) is EXPECTED_CLASSES[event_type], getattr(event, "error", None)
    assert (event.id, event.type, event.data) == ("evt_01TEST", event_type, example["data"])
    assert event.cursor is None
    data = example["data"]
    match event:
        case webhooks.AgreementUpdated():
            assert event.agreement.id == data["agreement"]["id"] and event.changed == data["changed"]
            assert event.actor == data["actor"]
        case webhooks.AgreementCorrected():
            assert event.correction.number == data["correction"]["number"]
            assert event.transition.sequence == data["transition"]["sequence"]
            assert event.agreement_id == data["agreement"]["id"]
        case webhooks.AgreementCreated() | webhooks.AgreementTransitioned() | webhooks.AgreementVoided():
            assert event.transition.sequence == data["transition"]["sequence"]
            assert event.transition.recorded_at is not None and event.transition.actor == data["transition"]["actor"]
            assert event.agreement.state == data["agreement"]["state"] and event.agreement_id == event.agreement.id
        case webhooks.AgreementDeadlineApproaching() | webhooks.AgreementDeadlineMissed():
            assert event.deadline.clock == data["deadline"]["clock"]
            assert event.agreement_id == data["deadline"]["agreement_id"]
        case webhooks.EndpointDisabled():
            assert (event.endpoint_id, event.reason) == (data["endpoint_id"], data["reason"])
        case webhooks.DocumentCreated() | webhooks.DocumentUpdated() | webhooks.DocumentDeleted():
            assert event.document.id == data["document"]["id"] and event.actor == data["actor"]
            assert event.agreement_id == data["agreement"]["id"] == event.document.agreement_id
            if isinstance(event, webhooks.DocumentUpdated):
                assert event.changed == data["changed"]
        case webhooks.RoundCreated() | webhooks.RoundUpdated() | webhooks.RoundDeleted():
            assert event.round.number == data["round"]["number"] and event.actor == data["actor"]
            assert event.agreement_id == data["agreement"]["id"] == event.round.agreement_id
            if isinstance(event, webhooks.RoundUpdated):
                assert event.changed == data["changed"]
        case webhooks.ConsultationCreated() | webhooks.ConsultationUpdated() | webhooks.ConsultationDeleted():
            assert event.consultation.docket_id == data["consultation"]["docket_id"]
            assert event.agreement_id == data["agreement"]["id"] and event.changed == data.get("changed", [])


def test_the_transition_of_an_older_server_still_parses():
    """Before the event catalog, agreement.transitioned carried six fields of the entry."""
    example = _catalog()["agreement.transitioned"].example_envelope()
    short = {
        k: example["data"]["transition"][k] for k in ("sequence", "event", "from_state", "to_state", "occurred_at")
    }
    body = {**example, "data": {**example["data"], "transition": {**short, "actor": "ops"}}}
    event = webhooks.verify(*_signed(body), SECRET)
    assert isinstance(event, webhooks.AgreementTransitioned)
    assert (event.transition.note, event.transition.reference) == (None, None)
    assert event.transition.recorded_at == event.timestamp


def test_an_unknown_type_gives_the_generic_event():
    body = {"type": "agreement.ratified", "timestamp": "2030-01-01T00:00:00Z", "data": {"agreement_id": "agr_1"}}
    event = webhooks.verify(*_signed(body), SECRET)
    assert type(event) is webhooks.UnknownEvent and event.error is None
    assert (event.type, event.data) == ("agreement.ratified", {"agreement_id": "agr_1"})


def test_a_known_type_with_a_payload_this_client_cannot_read_is_not_an_error():
    event = webhooks.verify(*_signed(EVENT), SECRET)  # agreement.transitioned without agreement or transition
    assert type(event) is webhooks.UnknownEvent and "KeyError" in event.error
    assert event.data == EVENT["data"]  # dict access, as in version 0.1


def test_feed_entries_give_the_same_classes():
    from accord_client.models import EventOut

    example = _catalog()["agreement.voided"].example_envelope()
    entry = EventOut.from_dict(
        {
            "id": "evt_1",
            "type": "agreement.voided",
            "agreement_id": example["data"]["agreement"]["id"],
            "position": 7,
            "created_at": example["timestamp"],
            "data": example["data"],
        }
    )
    event = webhooks.from_feed(entry, cursor="cursor_7")
    assert isinstance(event, webhooks.AgreementVoided) and (event.id, event.cursor) == ("evt_1", "cursor_7")
    assert event.transition.voided_at is not None
