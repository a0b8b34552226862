"""A small keep-alive HTTP/1.1 server on 127.0.0.1 for transport tests and benchmarks.

Prints its port on the first line of stdout once it accepts connections and exits
when stdin closes (so it never outlives the process that started it).

Endpoints (every response carries `X-Connection-Id`, a number per TCP connection):
  /echo                 any method: JSON {method, path, headers: [[name, value]...], body_base64}
  /echo-raw             any method: the request body back as application/octet-stream
  /slow?ms=N            waits N milliseconds, then answers 200 "slow"
  /status/N             answers status N with a short text body
  /bytes?n=N            N bytes, byte i being i % 251
  /close                reads the request, then closes the connection without answering
  POST /                a fixed STS GetCallerIdentity XML response (for benchmarks)
"""

import base64
import itertools
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

STS_BODY = (
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<GetCallerIdentityResult>"
    b"<Arn>arn:aws:iam::123456789012:user/bench</Arn>"
    b"<UserId>AIDAEXAMPLEUSERID</UserId>"
    b"<Account>123456789012</Account>"
    b"</GetCallerIdentityResult>"
    b"<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>"
    b"</GetCallerIdentityResponse>"
)

_connection_ids = itertools.count(1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        self.connection_id = next(_connection_ids)

    def log_message(self, format, *args):
        pass

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, body, content_type="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Connection-Id", str(self.connection_id))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self):
        body = self._read_body()
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        path = url.path
        if path == "/echo":
            payload = {
                "method": self.command,
                "path": self.path,
                "headers": [[name, value] for name, value in self.headers.items()],
                "body_base64": base64.b64encode(body).decode("ascii"),
            }
            self._send(200, json.dumps(payload).encode(), "application/json")
        elif path == "/echo-raw":
            self._send(200, body, "application/octet-stream")
        elif path == "/slow":
            time.sleep(int(query.get("ms", ["500"])[0]) / 1000)
            self._send(200, b"slow")
        elif path.startswith("/status/"):
            status = int(path.rsplit("/", 1)[1])
            self._send(status, f"status {status}".encode(), extra=[("Retry-After", "1")])
        elif path == "/bytes":
            n = int(query.get("n", ["0"])[0])
            pattern = bytes(range(251))
            data = (pattern * (n // 251 + 1))[:n]
            self._send(200, data, "application/octet-stream")
        elif path == "/close":
            self.close_connection = True
            self.connection.shutdown(2)
        elif path == "/" and self.command == "POST":
            self._send(200, STS_BODY, "text/xml", extra=[("x-amzn-RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7")])
        else:
            self._send(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def _exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
