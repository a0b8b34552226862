"""Classifying AWS requests (service, action, protocol) and writing errors in
each protocol's wire format."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote
from xml.sax.saxutils import escape

QUERY, JSON, REST_XML, REST_JSON, EC2 = "query", "json", "rest-xml", "rest-json", "ec2"

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")


@dataclass
class RequestInfo:
    """What the middleware knows about one request before moto sees it."""

    service: str | None
    region: str | None
    access_key: str | None
    action: str
    protocol: str
    amz_date: str | None
    target_content_type: str | None = None
    bucket: str | None = None
    key: str | None = None

    @property
    def stats_key(self) -> str:
        return f"{self.service or 'unknown'}.{self.action}"


def classify(environ: dict, body: bytes) -> RequestInfo:
    """Reads service, region, access key and action from a WSGI request."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    service = region = access_key = None
    match = _CREDENTIAL.search(auth)
    if match:
        access_key, _, region, service = match.group(1), match.group(2), match.group(3), match.group(4)
    elif "X-Amz-Credential" in query:
        parts = query["X-Amz-Credential"][0].split("/")
        if len(parts) == 5:
            access_key, _, region, service, _ = parts
    amz_date = environ.get("HTTP_X_AMZ_DATE") or (query.get("X-Amz-Date") or [None])[0]
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    target = environ.get("HTTP_X_AMZ_TARGET")
    content_type = environ.get("CONTENT_TYPE", "")
    if target:
        action = target.split(".", 1)[-1]
        return RequestInfo(service, region, access_key, action, JSON, amz_date, content_type or None)
    form_action = None
    if "Action" in query:
        form_action = query["Action"][0]
    elif content_type.startswith("application/x-www-form-urlencoded") and body:
        form = parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            form_action = form["Action"][0]
    if form_action:
        protocol = EC2 if service == "ec2" else QUERY
        return RequestInfo(service, region, access_key, form_action, protocol, amz_date)
    if service == "s3" or (service is None and not path.startswith("/20")):
        bucket, key = _split_s3_path(path)
        action = s3_action(method, bucket, key, query, environ)
        return RequestInfo(service or "s3", region, access_key, action, REST_XML, amz_date, bucket=bucket, key=key)
    return RequestInfo(service, region, access_key, rest_json_action(service, method, path), REST_JSON, amz_date)


def _split_s3_path(path: str) -> tuple[str | None, str | None]:
    parts = unquote(path).lstrip("/").split("/", 1)
    bucket = parts[0] or None
    key = parts[1] if len(parts) > 1 and parts[1] else None
    return bucket, key


_S3_SUBRESOURCES = {
    "encryption": "Encryption", "tagging": "Tagging", "policy": "Policy", "acl": "Acl",
    "versioning": "Versioning", "lifecycle": "Lifecycle", "cors": "Cors", "website": "Website",
    "logging": "Logging", "notification": "NotificationConfiguration", "location": "Location",
    "publicAccessBlock": "PublicAccessBlock", "ownershipControls": "OwnershipControls",
    "replication": "Replication", "object-lock": "ObjectLockConfiguration", "policyStatus": "PolicyStatus",
    "accelerate": "Accelerate", "requestPayment": "RequestPayment", "uploads": "Uploads",
}
_VERBS = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}


def s3_action(method: str, bucket: str | None, key: str | None, query: dict, environ: dict) -> str:
    """Short S3 operation names, matching the SDK's names where it is cheap to do so."""
    if bucket is None:
        return "ListBuckets" if method == "GET" else f"{method}Root"
    if key is None:
        for sub, name in _S3_SUBRESOURCES.items():
            if sub in query:
                if sub == "location":
                    return "GetBucketLocation"
                if sub == "uploads":
                    return "ListMultipartUploads"
                return f"{_VERBS.get(method, method)}Bucket{name}"
        if "delete" in query and method == "POST":
            return "DeleteObjects"
        return {
            "PUT": "CreateBucket", "DELETE": "DeleteBucket", "HEAD": "HeadBucket",
            "GET": "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects",
        }.get(method, f"{method}Bucket")
    if "tagging" in query:
        return f"{_VERBS.get(method, method)}ObjectTagging"
    if "uploads" in query:
        return "CreateMultipartUpload"
    if "uploadId" in query:
        return {"PUT": "UploadPart", "POST": "CompleteMultipartUpload", "DELETE": "AbortMultipartUpload"}.get(method, "ListParts")
    if method == "PUT" and environ.get("HTTP_X_AMZ_COPY_SOURCE"):
        return "CopyObject"
    return f"{_VERBS.get(method, method)}Object"


def rest_json_action(service: str | None, method: str, path: str) -> str:
    """Operation names for REST-JSON services (Lambda is the one we care about)."""
    segments = [s for s in path.split("/") if s]
    if service == "lambda" and len(segments) >= 2 and segments[1] == "functions":
        rest = segments[2:]
        if not rest:
            return "ListFunctions" if method == "GET" else "CreateFunction"
        if len(rest) == 1:
            return {"GET": "GetFunction", "DELETE": "DeleteFunction"}.get(method, f"{method}Function")
        sub = rest[1]
        names = {
            ("POST", "invocations"): "Invoke", ("POST", "invoke-async"): "InvokeAsync",
            ("GET", "configuration"): "GetFunctionConfiguration",
            ("PUT", "configuration"): "UpdateFunctionConfiguration", ("PUT", "code"): "UpdateFunctionCode",
            ("POST", "policy"): "AddPermission", ("GET", "policy"): "GetPolicy",
            ("DELETE", "policy"): "RemovePermission", ("GET", "versions"): "ListVersionsByFunction",
            ("POST", "versions"): "PublishVersion",
        }
        return names.get((method, sub), f"{_VERBS.get(method, method)}{sub[:1].upper()}{sub[1:]}")
    tail = segments[-1] if segments else "root"
    return f"{_VERBS.get(method, method)}{tail[:1].upper()}{tail[1:]}"


def request_id() -> str:
    return str(uuid.uuid4())


def error_response(info: RequestInfo, status: int, code: str, message: str,
                   extra_xml: str = "") -> tuple[int, list[tuple[str, str]], bytes]:
    """An error in the request's protocol: (status, headers, body)."""
    rid = request_id()
    if info.protocol == JSON:
        body = json.dumps({"__type": code, "message": message}).encode()
        ctype = info.target_content_type if info.target_content_type and "json" in info.target_content_type else "application/x-amz-json-1.1"
        return status, [("Content-Type", ctype), ("x-amzn-RequestId", rid), ("x-amzn-ErrorType", code)], body
    if info.protocol == REST_JSON:
        body = json.dumps({"message": message, "Type": "User" if status < 500 else "Service"}).encode()
        return status, [("Content-Type", "application/json"), ("x-amzn-RequestId", rid), ("x-amzn-ErrorType", code)], body
    if info.protocol == REST_XML:
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{escape(code)}</Code>'
                f"<Message>{escape(message)}</Message>{extra_xml}<RequestId>{rid}</RequestId>"
                f"<HostId>{rid}</HostId></Error>").encode()
        return status, [("Content-Type", "application/xml"), ("x-amz-request-id", rid)], body
    if info.protocol == EC2:
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{escape(code)}</Code>'
                f"<Message>{escape(message)}</Message></Error></Errors><RequestID>{rid}</RequestID></Response>").encode()
        return status, [("Content-Type", "text/xml")], body
    kind = "Sender" if status < 500 else "Receiver"
    body = (f'<ErrorResponse xmlns="http://{info.service or "aws"}.amazonaws.com/doc/">'
            f"<Error><Type>{kind}</Type><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
            f"</Error><RequestId>{rid}</RequestId></ErrorResponse>").encode()
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", rid)], body


def throttling_error(info: RequestInfo) -> tuple[int, list[tuple[str, str]], bytes]:
    """The throttling error each protocol's real services send."""
    if info.protocol == REST_XML:
        return error_response(info, 503, "SlowDown", "Please reduce your request rate.")
    if info.protocol == JSON:
        return error_response(info, 400, "ThrottlingException", "Rate exceeded")
    if info.protocol == REST_JSON:
        return error_response(info, 429, "TooManyRequestsException", "Rate exceeded")
    if info.protocol == EC2:
        return error_response(info, 503, "RequestLimitExceeded", "Request limit exceeded.")
    return error_response(info, 400, "Throttling", "Rate exceeded")


def server_error(info: RequestInfo, status: int) -> tuple[int, list[tuple[str, str]], bytes]:
    """A 500 (InternalFailure / InternalError) or 503 (ServiceUnavailable)."""
    if status == 503:
        return error_response(info, 503, "ServiceUnavailable", "Service is unavailable. Please try again later.")
    code = "InternalError" if info.protocol == REST_XML else "InternalFailure"
    return error_response(info, 500, code, "We encountered an internal error. Please try again.")
