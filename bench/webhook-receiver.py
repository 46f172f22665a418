#!/usr/bin/env python3
"""A fast webhook receiver for bench/webhooks.sh: answers 204 at once on kept-alive HTTP/1.1 connections (as real
endpoints do; an HTTP/1.0 server closing every connection halves what one sender can do) and logs, per request, the receive time and the
event's time (both epoch seconds) so that the delivery lag (received - happened) can be computed afterwards."""
import json
import sys
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = open(sys.argv[2], "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        received = time.time()
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
        happened = datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00")).timestamp()
        log.write(f"{self.headers.get('webhook-id')} {received:.3f} {happened:.3f}\n")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
