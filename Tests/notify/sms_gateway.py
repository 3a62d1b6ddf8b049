"""A local SMS gateway stub for the notification tests: an HTTP server that takes
POST {"id", "to", "text"} with an Idempotency-Key header and appends one JSON line per request to
--out with its outcome:

  failed     answered 500 (while the test asked for failures with POST /_control {"fail_next": N})
  delivered  the first request with this key: the "SMS" is sent
  duplicate  a key already delivered: answered 200 again, nothing sent (the dedupe a real gateway
             must offer for Guichet's no-second-copy guarantee)

A delivered request is recorded *before* the reply, which waits --reply-delay seconds (or the
"reply_delay" set through /_control), so a test can kill the worker inside that window.

Usage: python sms_gateway.py --out FILE [--port 0] [--reply-delay SECONDS]
Prints "listening PORT" once ready; stops on SIGTERM.
"""

import argparse
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"fail_next": 0, "reply_delay": 0.0, "delivered": set()}
lock = threading.Lock()


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # the worker was killed while waiting for this reply: that is the test

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        data = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/_control":
            with lock:
                for name in ("fail_next", "reply_delay"):
                    if name in data:
                        state[name] = data[name]
            return self.reply(200, {"ok": True})
        key = self.headers.get("Idempotency-Key")
        with lock:
            if state["fail_next"] > 0:
                state["fail_next"] -= 1
                outcome = "failed"
            elif key in state["delivered"]:
                outcome = "duplicate"
            else:
                state["delivered"].add(key)
                outcome = "delivered"
            delay = state["reply_delay"]
            record = {"key": key, "path": self.path, "id": data.get("id"), "to": data.get("to"),
                      "text": data.get("text"), "outcome": outcome, "at": time.time()}
            with open(args.out, "a", encoding="utf-8") as sink:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        if outcome == "failed":
            return self.reply(500, {"error": "gateway down"})
        if outcome == "delivered" and delay:
            time.sleep(delay)
        self.reply(200, {"id": data.get("id"), "duplicate": outcome == "duplicate"})


parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--reply-delay", type=float, default=0)
args = parser.parse_args()
state["reply_delay"] = args.reply_delay
server = ThreadingHTTPServer(("127.0.0.1", args.port), Gateway)
server.daemon_threads = True
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
sys.exit(0)
