"""A Hookline receiver in Python: verifies each delivery with the Standard Webhooks library and
handles each event once, by its webhook-id (Hookline retries, so a delivery can arrive more than once)."""

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

verifier = Webhook(os.environ["WEBHOOK_SECRET"])
# A real receiver keeps these where its own writes go (a unique key in its database).
handled = set()
handled_lock = threading.Lock()


def report(**fields):
    print(json.dumps(fields), flush=True)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/hooks":
            self.send_error(404)
            return
        # The raw bytes, not parsed JSON: a body serialised again no longer matches its signature.
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        webhook_id = self.headers.get("webhook-id")
        try:
            event = verifier.verify(body, dict(self.headers.items()))
        except WebhookVerificationError as error:
            report(refused=webhook_id, reason=str(error))
            self.answer(401, b"invalid signature")
            return
        with handled_lock:
            duplicate = webhook_id in handled
            handled.add(webhook_id)
        if duplicate:
            report(duplicate=webhook_id)
            self.answer(200)
            return
        report(handled=webhook_id, type=event["type"])
        self.answer(204)

    def answer(self, status, body=b""):
        self.send_response(status)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "4000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    report(listening=f"127.0.0.1:{port}")
    server.serve_forever()
