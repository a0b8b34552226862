"""Signs requests with botocore's SigV4 signers, for the Swift differential test.

Reads one JSON object per line on stdin:
  {"method", "url", "headers": [[name, value], ...], "body_base64", "service", "region",
   "access_key", "secret_key", "token" (or null), "epoch_seconds"}
and writes one JSON object per line on stdout:
  {"authorization", "canonical_request", "string_to_sign"} or {"error"}.
The URL is used exactly as given (already percent-encoded); the signing time is pinned by
replacing botocore.auth.get_current_datetime.
"""

import base64
import datetime
import json
import sys

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

_pinned = {"now": None}


def _pinned_datetime(remove_tzinfo=True):
    now = _pinned["now"]
    return now.replace(tzinfo=None) if remove_tzinfo else now


botocore.auth.get_current_datetime = _pinned_datetime


def sign(case):
    _pinned["now"] = datetime.datetime.fromtimestamp(case["epoch_seconds"], tz=datetime.timezone.utc)
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    signer_class = botocore.auth.S3SigV4Auth if case["service"] == "s3" else botocore.auth.SigV4Auth
    signer = signer_class(credentials, case["service"], case["region"])
    captured = {}

    def capture(name):
        original = getattr(signer, name)

        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            captured[name] = result
            return result

        setattr(signer, name, wrapper)

    capture("canonical_request")
    capture("string_to_sign")
    request = AWSRequest(method=case["method"], url=case["url"], data=base64.b64decode(case["body_base64"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names are kept
    signer.add_auth(request)
    return {
        "authorization": request.headers["Authorization"],
        "canonical_request": captured.get("canonical_request"),
        "string_to_sign": captured.get("string_to_sign"),
    }


def main():
    sys.stderr.write(f"botocore {botocore.__version__}\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            result = sign(json.loads(line))
        except Exception as error:  # report per request, keep going
            result = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
