"""Loopback stand-in for the AWS credential endpoints the Swift tests exercise.

Speaks the real paths and headers of:
  * EC2 instance metadata (IMDSv2): PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds,
    then GET /latest/meta-data/iam/security-credentials/[role] with X-aws-ec2-metadata-token
    (401 without a valid token);
  * the ECS/EKS container endpoint: GET <any other path>, Authorization checked when --auth-token is given;
  * the SSO portal: GET /federation/credentials?account_id=..&role_name=.. with x-amz-sso_bearer_token;
  * SSO OIDC CreateToken with a refresh token: POST /token.
GET /_stats returns request counts per "METHOD path" as JSON.
Prints "PORT <n>" on stdout once listening.
"""
import argparse
import datetime
import json
import os
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--role", default="potemkin-test-role")
parser.add_argument("--expires-in", type=float, default=3600.0, help="seconds until issued credentials expire")
parser.add_argument("--auth-token", default=None, help="container: required Authorization value")
parser.add_argument("--sso-token", default="sso-access-token", help="SSO: required bearer token")
parser.add_argument("--sso-refresh-token", default=None, help="SSO OIDC: the refresh token POST /token accepts")
parser.add_argument("--delay", type=float, default=0.0, help="seconds to sleep before answering credentials")
parser.add_argument("--hang", action="store_true", help="accept connections but never answer (a blackholed endpoint)")
args = parser.parse_args()

IMDS_TOKEN = "imds-session-token-1"
lock = threading.Lock()
counts = {}
issued = [0]


def next_credentials():
    with lock:
        issued[0] += 1
        n = issued[0]
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=args.expires_in)
    return n, expires


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def count(self):
        path = urllib.parse.urlsplit(self.path).path
        with lock:
            key = f"{self.command} {path}"
            counts[key] = counts.get(key, 0) + 1

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        self.count()
        if args.hang:
            threading.Event().wait(3600)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path != "/latest/api/token":
            return self.reply(404, "not found", "text/plain")
        if not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self.reply(400, "missing X-aws-ec2-metadata-token-ttl-seconds", "text/plain")
        self.reply(200, IMDS_TOKEN, "text/plain")

    def do_POST(self):
        self.count()
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path != "/token":
            return self.reply(404, "{}")
        if body.get("grantType") != "refresh_token" or body.get("refreshToken") != args.sso_refresh_token:
            return self.reply(400, json.dumps({"error": "invalid_grant"}))
        if not body.get("clientId") or not body.get("clientSecret"):
            return self.reply(400, json.dumps({"error": "invalid_client"}))
        self.reply(200, json.dumps({"accessToken": args.sso_token, "expiresIn": 28800,
                                    "refreshToken": "rotated-refresh-token", "tokenType": "Bearer"}))

    def do_GET(self):
        self.count()
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_stats":
            with lock:
                return self.reply(200, json.dumps({"counts": counts, "issued": issued[0]}))
        if url.path.startswith("/latest/meta-data/iam/security-credentials/"):
            if self.headers.get("X-aws-ec2-metadata-token") != IMDS_TOKEN:
                return self.reply(401, "", "text/plain")
            role = url.path[len("/latest/meta-data/iam/security-credentials/"):]
            if role == "":
                return self.reply(200, args.role, "text/plain")
            if role != args.role:
                return self.reply(404, "", "text/plain")
            return self.credentials_document(imds=True)
        if url.path == "/federation/credentials":
            if self.headers.get("x-amz-sso_bearer_token") != args.sso_token:
                return self.reply(401, json.dumps({"message": "Session token not found or invalid"}))
            query = urllib.parse.parse_qs(url.query)
            n, expires = next_credentials()
            body = {
                "roleCredentials": {
                    "accessKeyId": f"ASIASSO{n:013d}",
                    "secretAccessKey": f"sso-secret-{n}",
                    "sessionToken": f"sso-session-{query.get('account_id', ['?'])[0]}-{query.get('role_name', ['?'])[0]}",
                    "expiration": int(expires.timestamp() * 1000),
                }
            }
            return self.reply(200, json.dumps(body))
        # Anything else is the container credentials endpoint.
        if args.auth_token is not None and self.headers.get("Authorization") != args.auth_token:
            return self.reply(401, json.dumps({"message": "bad or missing Authorization"}))
        return self.credentials_document(imds=False)

    def credentials_document(self, imds):
        if args.delay:
            threading.Event().wait(args.delay)
        n, expires = next_credentials()
        prefix = "ASIAIMDS" if imds else "ASIACONT"
        body = {
            "AccessKeyId": f"{prefix}{n:012d}",
            "SecretAccessKey": f"secret-{n}",
            "Token": f"token-{n}",
            "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if imds:
            body.update({"Code": "Success", "Type": "AWS-HMAC", "LastUpdated": "2026-01-01T00:00:00Z"})
        else:
            body["RoleArn"] = "arn:aws:iam::123456789012:role/" + args.role
        self.reply(200, json.dumps(body))


# The parent (a Swift test process) may hand down a blocked signal mask; make SIGTERM work again,
# and exit when the parent closes our stdin (also when it crashes), so no server outlives its test.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])


def exit_when_parent_goes():
    sys.stdin.buffer.read()
    os._exit(0)


threading.Thread(target=exit_when_parent_goes, daemon=True).start()

server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
