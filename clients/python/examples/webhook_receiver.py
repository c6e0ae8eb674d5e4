"""A webhook endpoint with nothing but the standard library: verify, then act.

ACCORD_WEBHOOK_SECRET=whsec_... python examples/webhook_receiver.py 9000
"""

import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from accord_client import webhooks

SECRET = os.environ["ACCORD_WEBHOOK_SECRET"]
seen: set[str] = set()  # a real receiver keeps these in its database


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # the raw bytes: they are what was signed
        try:
            event = webhooks.verify(body, dict(self.headers), SECRET)
        except webhooks.WebhookVerificationError as error:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(str(error).encode())
            return
        if event.id not in seen:  # deliveries are retried: the same webhook-id may arrive twice
            seen.add(event.id)
            print(f"{event.timestamp:%H:%M:%S} {event.type} {event.data}")
        self.send_response(204)
        self.end_headers()


HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 9000), Receiver).serve_forever()
