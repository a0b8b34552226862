"""Fixtures: real backend processes on free ports, and boto3 clients for them."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from dataclasses import dataclass, field

import boto3
import pytest
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(os.path.dirname(HERE), "server.py")
RULES = os.path.join(HERE, "rules")
REGION = "us-east-1"


@dataclass
class Backend:
    """One running `server.py` process."""

    endpoint: str
    process: subprocess.Popen
    access_key: str = "AKIATESTTESTTEST0000"
    secret_key: str = "test-secret"
    stderr: list = field(default_factory=list)

    def client(self, service: str, retries: int = 0, **overrides):
        kwargs = dict(endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=self.access_key,
                      aws_secret_access_key=self.secret_key,
                      config=Config(retries={"max_attempts": retries, "mode": "standard"} if retries else
                                    {"total_max_attempts": 1}, connect_timeout=5, read_timeout=60))
        kwargs.update(overrides)
        return boto3.client(service, **kwargs)

    def stats(self) -> dict:
        with urllib.request.urlopen(self.endpoint + "/_potemkin/stats") as response:
            return json.load(response)

    def reset_stats(self) -> dict:
        request = urllib.request.Request(self.endpoint + "/_potemkin/stats/reset", method="POST", data=b"")
        with urllib.request.urlopen(request) as response:
            return json.load(response)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait()


def start_backend(*args: str, timeout: float = 30.0) -> Backend:
    process = subprocess.Popen([sys.executable, SERVER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True).start()
    deadline = time.monotonic() + timeout
    line = process.stdout.readline()
    if not line.startswith("AWS_ENDPOINT_URL=") or time.monotonic() > deadline:
        process.kill()
        raise RuntimeError(f"backend did not start: {line!r} {''.join(lines)}")
    return Backend(endpoint=line.strip().split("=", 1)[1], process=process, stderr=lines)


@pytest.fixture(scope="session")
def backend():
    """A plain backend (no delays, no faults) shared by the whole run."""
    instance = start_backend()
    yield instance
    assert instance.stop() == 0


@pytest.fixture(scope="session")
def strict_backend(tmp_path_factory):
    """Signatures verified (admin key from --credentials-file), stacks that take
    1.5 s to create or delete, and evaluations that start 0.3 s after their trigger."""
    path = tmp_path_factory.mktemp("creds") / "credentials.json"
    instance = start_backend("--verify-signatures", "--credentials-file", str(path),
                             "--stack-delay", "1.5", "--eval-delay", "0.3")
    creds = json.loads(path.read_text())
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    instance.access_key, instance.secret_key = creds["AccessKeyId"], creds["SecretAccessKey"]
    yield instance
    assert instance.stop() == 0


def until_accepted(call, attempts: int = 50):
    """Retries a call at once while the backend injects faults (faulted calls have no effect)."""
    from botocore.exceptions import ClientError
    for attempt in range(attempts):
        try:
            return call()
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            code = error.response["Error"]["Code"]
            if attempt == attempts - 1 or not (status >= 500 or status == 429 or "Throttl" in code or code == "SlowDown"):
                raise


def handler_zip(source_file: str, module: str = "index") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, open(source_file) as handle:
        archive.writestr(f"{module}.py", handle.read())
    return buffer.getvalue()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):
    """Polls until predicate() returns something truthy; returns it."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s; last value: {last!r}")


def wait_stack(cfn, name: str, timeout: float = 30.0) -> dict:
    def done():
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        return stack if not stack["StackStatus"].endswith("IN_PROGRESS") else None
    return wait_for(done, timeout)
