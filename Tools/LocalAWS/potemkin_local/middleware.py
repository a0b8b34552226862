"""The WSGI layer in front of moto: /_potemkin endpoints, call statistics,
fault injection, clock-skew checks, wire-format fixes, S3 change hooks."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import time
from typing import Any, Callable, Iterable

from . import items, protocol, recorder
from .protocol import JSON, REST_JSON, REST_XML, RequestInfo
from .state import DEFAULT_ACCOUNT, LOCK, RUNTIME, arrival, request_arrived

_STATUS_TEXT = {200: "OK", 204: "No Content", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
                429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}

# XML auth errors moto returns, as the JSON services name them.
_JSON_AUTH_CODES = {
    "InvalidClientTokenId": ("UnrecognizedClientException", "The security token included in the request is invalid."),
    "SignatureDoesNotMatch": ("InvalidSignatureException", None),
    "AccessDenied": ("AccessDeniedException", None),
    "AuthFailure": ("UnrecognizedClientException", None),
}

_S3_CHANGES = {"PutBucketEncryption", "DeleteBucketEncryption", "PutBucketTagging", "DeleteBucketTagging",
               "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketVersioning", "PutBucketPublicAccessBlock",
               "DeleteBucketPublicAccessBlock", "PutBucketAcl"}


def _status_line(status: int) -> str:
    return f"{status} {_STATUS_TEXT.get(status, 'Status')}"


class PotemkinMiddleware:
    """Wraps moto's dispatcher application."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request_arrived()
        path = environ.get("PATH_INFO", "")
        body = self._read_body(environ)
        if path.startswith("/_potemkin/"):
            return self._potemkin(environ, start_response, path)
        if path.startswith("/moto-api"):
            return self._forward(environ, start_response, None)
        info = protocol.classify(environ, body)
        runner = bool(info.access_key) and info.access_key == RUNTIME.runner_credentials.access_key_id
        RUNTIME.stats.count(info.stats_key, runner)
        if not runner and RUNTIME.dice is not None:
            decision = RUNTIME.dice.roll()
            if decision is not None:
                kind, status = decision
                RUNTIME.stats.fault("throttled" if kind == "throttle" else "errors")
                reply = protocol.throttling_error(info) if kind == "throttle" else protocol.server_error(info, status)
                return self._reply(start_response, *reply)
        if RUNTIME.options.verify_signatures:
            skew = self._skew_error(info)
            if skew is not None:
                return self._reply(start_response, *skew)
        if not RUNTIME.options.verbose:
            return self._forward(environ, start_response, info)
        reply = self._forward(environ, start_response, info)
        print(f"[potemkin-local] {dt.datetime.now():%H:%M:%S.%f} {info.stats_key}{' (rule runner)' if runner else ''} "
              f"took {(time.monotonic() - arrival()) * 1000:.0f} ms", file=sys.stderr, flush=True)
        return reply

    # --- forwarding to moto ---------------------------------------------------------------------

    @staticmethod
    def _read_body(environ: dict) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        stream = environ.get("wsgi.input")
        if stream is not None and environ.get("wsgi.input_terminated"):
            body = stream.read()  # chunked request body, already de-chunked
        else:
            body = stream.read(length) if stream is not None and length > 0 else b""
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return body

    def _forward(self, environ: dict, start_response: Callable, info: RequestInfo | None) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list, exc_info: Any = None) -> Callable:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        with LOCK:
            before = None
            if info is not None and info.region:
                recorder.ensure_default(DEFAULT_ACCOUNT, info.region)
            if info is not None and info.protocol == REST_XML and info.action == "DeleteBucket":
                before = self._bucket_item(info.bucket)
            try:
                result = self.app(environ, capture)
                try:
                    body = b"".join(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
                status = int(captured["status"].split(" ", 1)[0])
                headers = list(captured["headers"])
            except Exception as error:  # moto's bugs become protocol errors, not HTML pages
                status, headers, body = self._unexpected(info, error)
            if info is not None and status < 300 and info.protocol == REST_XML:
                self._s3_hook(info, before)
        if info is not None:
            status, headers, body = self._fix_wire_format(info, status, headers, body)
        return self._reply(start_response, status, headers, body)

    @staticmethod
    def _unexpected(info: RequestInfo | None, error: Exception) -> tuple[int, list, bytes]:
        import traceback
        if isinstance(error, NotImplementedError):
            message = f"The local backend does not implement this operation ({error})."
            status, code = 501, "NotImplemented"
        else:
            print("[potemkin-local] unexpected error:\n" + "".join(
                traceback.format_exception(type(error), error, error.__traceback__)), file=sys.stderr, flush=True)
            message = f"The local backend failed: {type(error).__name__}: {error}"
            status, code = 500, "InternalFailure"
        if info is None:
            return status, [("Content-Type", "text/plain")], message.encode()
        return protocol.error_response(info, status, code, message)

    @staticmethod
    def _reply(start_response: Callable, status: int, headers: list, body: bytes) -> Iterable[bytes]:
        if body or not any(k.lower() == "content-length" for k, _ in headers):
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(_status_line(status), headers)
        return [body]

    @staticmethod
    def _fix_wire_format(info: RequestInfo, status: int, headers: list, body: bytes) -> tuple[int, list, bytes]:
        if info.protocol not in (JSON, REST_JSON):
            return status, headers, body
        if status >= 400 and body.lstrip().startswith(b"<"):
            text = body.decode("utf-8", "replace")
            code = (re.search(r"<Code>(.*?)</Code>", text) or re.search(r"<Type>(.*?)</Type>", text))
            message = re.search(r"<Message>(.*?)</Message>", text, re.S)
            code_text = code.group(1) if code else "InternalFailure"
            message_text = message.group(1) if message else text
            mapped, fixed_message = _JSON_AUTH_CODES.get(code_text, (code_text, None))
            if code_text in _JSON_AUTH_CODES and info.protocol == JSON:
                status = 400
            return protocol.error_response(info, status, mapped, fixed_message or message_text)
        if info.protocol == JSON:
            wanted = info.target_content_type if info.target_content_type and "amz-json" in info.target_content_type \
                else "application/x-amz-json-1.1"
            headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + [("Content-Type", wanted)]
        return status, headers, body

    # --- S3 change notifications ----------------------------------------------------------------

    @staticmethod
    def _bucket_item(bucket_name: str | None) -> dict | None:
        from moto.s3.models import s3_backends
        if not bucket_name:
            return None
        bucket = s3_backends[DEFAULT_ACCOUNT]["aws"].buckets.get(bucket_name)
        return items.s3_bucket(DEFAULT_ACCOUNT, bucket) if bucket is not None else None

    def _s3_hook(self, info: RequestInfo, before: dict | None) -> None:
        from .runner import RUNNER
        try:
            if info.action == "DeleteBucket" and before is not None:
                RUNNER.resource_changed(DEFAULT_ACCOUNT, before["awsRegion"], items.deleted(before))
            elif info.action == "CreateBucket" or info.action in _S3_CHANGES:
                item = self._bucket_item(info.bucket)
                if item is not None:
                    if info.action != "CreateBucket":
                        item["configurationItemStatus"] = "OK"
                    RUNNER.resource_changed(DEFAULT_ACCOUNT, item["awsRegion"], item)
        except Exception as error:  # a hook must never fail the request
            from .runner import log
            log(f"S3 change hook failed: {error!r}")

    # --- clock skew -----------------------------------------------------------------------------

    @staticmethod
    def _skew_error(info: RequestInfo) -> tuple[int, list, bytes] | None:
        if not info.amz_date:
            return None
        try:
            sent = dt.datetime.strptime(info.amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
        except ValueError:
            return None
        server = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        window = dt.timedelta(minutes=15)
        fmt = "%Y%m%dT%H%M%SZ"
        if sent < server - window:
            message = (f"Signature expired: {sent.strftime(fmt)} is now earlier than "
                       f"{(server - window).strftime(fmt)} ({server.strftime(fmt)} - 15 min.)")
        elif sent > server + window:
            message = (f"Signature not yet current: {sent.strftime(fmt)} is still later than "
                       f"{(server + window).strftime(fmt)} ({server.strftime(fmt)} + 15 min.)")
        else:
            return None
        if info.protocol == REST_XML:
            extra = (f"<RequestTime>{sent.strftime(fmt)}</RequestTime><ServerTime>"
                     f"{server.strftime('%Y-%m-%dT%H:%M:%SZ')}</ServerTime>"
                     f"<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>")
            return protocol.error_response(info, 403, "RequestTimeTooSkewed",
                                           "The difference between the request time and the current time is too large.",
                                           extra)
        if info.protocol == JSON:
            return protocol.error_response(info, 400, "InvalidSignatureException", message)
        if info.protocol == REST_JSON:
            return protocol.error_response(info, 403, "InvalidSignatureException", message)
        if info.protocol == protocol.EC2:
            return protocol.error_response(info, 400, "RequestExpired", "Request has expired.")
        return protocol.error_response(info, 403, "SignatureDoesNotMatch", message)

    # --- /_potemkin -----------------------------------------------------------------------------

    def _potemkin(self, environ: dict, start_response: Callable, path: str) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        route = path.rstrip("/")
        if route == "/_potemkin/stats" and method == "GET":
            payload = RUNTIME.stats.snapshot()
        elif route == "/_potemkin/stats/reset" and method == "POST":
            RUNTIME.stats.reset()
            payload = RUNTIME.stats.snapshot()
        elif route == "/_potemkin/health":
            payload = {"status": "ok", "endpoint": RUNTIME.options.endpoint}
        else:
            body = json.dumps({"message": f"No such endpoint: {method} {path}"}).encode()
            return self._reply(start_response, 404, [("Content-Type", "application/json")], body)
        return self._reply(start_response, 200, [("Content-Type", "application/json")], json.dumps(payload).encode())
