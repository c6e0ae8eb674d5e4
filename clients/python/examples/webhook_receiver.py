"""A webhook endpoint with nothing but the standard library: verify, then act on typed events.

ACCORD_WEBHOOK_SECRET=whsec_... python examples/webhook_receiver.py 9000

Subscribe it with `accord.webhook_endpoints.create("http://127.0.0.1:9000/hook")` (the answer
holds the secret), and try it with `accord.webhook_endpoints.test(endpoint.id)`.
"""

import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from accord_client import webhooks

SECRET = os.environ["ACCORD_WEBHOOK_SECRET"]
seen: set[str] = set()  # a real receiver keeps these in its database


def describe(event: webhooks.WebhookEvent) -> str:
    match event:
        case webhooks.AgreementTransitioned():
            entry = event.transition
            return f"{event.agreement.title}: {entry.event} ({entry.from_state} -> {entry.to_state})"
        case webhooks.AgreementCreated() | webhooks.AgreementUpdated() | webhooks.AgreementCorrected():
            return f"{event.agreement.title} ({event.agreement.id}), now {event.agreement.state}"
        case webhooks.AgreementVoided():
            return f"{event.agreement.title}: entry {event.transition.sequence} voided"
        case webhooks.AgreementDeadlineApproaching() | webhooks.AgreementDeadlineMissed():
            return f"{event.deadline.clock} of {event.deadline.agreement_id} due {event.deadline.due_date}"
        case webhooks.EndpointDisabled():
            return f"endpoint {event.endpoint_id} disabled: {event.reason}"
        case _:  # a type newer than this client: the payload is still in event.data
            return f"(unknown to this client) {sorted(event.data)}"


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # the raw bytes: they are what was signed
        try:
            event = webhooks.verify(body, dict(self.headers), SECRET)
        except webhooks.WebhookVerificationError as error:
            print(f"rejected: {error}", flush=True)
            self.send_response(400)
            self.end_headers()
            self.wfile.write(str(error).encode())
            return
        if event.id not in seen:  # deliveries are retried: the same webhook-id may arrive twice
            seen.add(event.id)
            print(f"{event.timestamp:%H:%M:%S} {event.type} {event.id}: {describe(event)}", flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # the access log would drown the events


port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
print(f"listening on http://127.0.0.1:{port}/", flush=True)
HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
