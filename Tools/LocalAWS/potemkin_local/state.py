"""Process-wide state of the local backend: options, the moto lock, statistics."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

DEFAULT_ACCOUNT = "123456789012"


@dataclass
class Options:
    """Command-line options (see server.py)."""

    port: int = 0
    stack_delay: float = 0.0
    eval_delay: float = 0.0
    throttle_rate: float = 0.0
    error_rate: float = 0.0
    verify_signatures: bool = False
    seed: int | None = None
    verbose: bool = False
    no_recorder: bool = False
    credentials_file: str | None = None
    workers: int = 4
    endpoint: str = ""


_REQUEST = threading.local()


def request_arrived() -> None:
    """Notes, for the thread serving it, when the current request arrived (by time.monotonic())."""
    _REQUEST.arrived = time.monotonic()


def arrival() -> float:
    """When the request this thread serves arrived; now, outside a request."""
    return getattr(_REQUEST, "arrived", None) or time.monotonic()


class BackendLock:
    """One re-entrant lock around every use of moto's in-memory state.

    moto is not thread-safe; the server is threaded and the stack and rule
    runners work in background threads. `released()` lets a request handler
    give the lock up while it waits for something that calls back into the
    server (a rule handler subprocess, cfn-lint)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._local = threading.local()

    def __enter__(self) -> "BackendLock":
        self._lock.acquire()
        self._local.depth = getattr(self._local, "depth", 0) + 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._local.depth -= 1
        self._lock.release()

    @contextlib.contextmanager
    def released(self):
        depth = getattr(self._local, "depth", 0)
        for _ in range(depth):
            self._lock.release()
        self._local.depth = 0
        try:
            yield
        finally:
            for _ in range(depth):
                self._lock.acquire()
            self._local.depth = depth


LOCK = BackendLock()


@dataclass
class Stats:
    """API call counts by `service.Action`, plus injected faults."""

    calls: Counter = field(default_factory=Counter)
    runner_calls: Counter = field(default_factory=Counter)
    throttled: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, key: str, runner: bool) -> None:
        with self.lock:
            (self.runner_calls if runner else self.calls)[key] += 1

    def fault(self, kind: str) -> None:
        with self.lock:
            if kind == "throttled":
                self.throttled += 1
            else:
                self.errors += 1

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "calls": dict(sorted(self.calls.items())),
                "faults": {"throttled": self.throttled, "errors": self.errors},
                "runnerCalls": dict(sorted(self.runner_calls.items())),
            }

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.runner_calls.clear()
            self.throttled = 0
            self.errors = 0


class FaultDice:
    """Seeded, thread-safe decisions for fault injection."""

    def __init__(self, throttle_rate: float, error_rate: float, seed: int | None) -> None:
        self.throttle_rate = throttle_rate
        self.error_rate = error_rate
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._next_5xx = 500

    def roll(self) -> tuple[str, int] | None:
        """None, ("throttle", 0) or ("error", 500|503)."""
        if self.throttle_rate <= 0 and self.error_rate <= 0:
            return None
        with self._lock:
            value = self._random.random()
            if value < self.throttle_rate:
                return ("throttle", 0)
            if value < self.throttle_rate + self.error_rate:
                status = self._next_5xx
                self._next_5xx = 503 if status == 500 else 500
                return ("error", status)
            return None


@dataclass
class RunnerCredentials:
    """The access key the rule runner gives handlers (exempt from faults)."""

    access_key_id: str = "AKIAPOTEMKINRUNNER00"
    secret_access_key: str = "potemkin-rule-runner-secret"


@dataclass
class Runtime:
    options: Options = field(default_factory=Options)
    stats: Stats = field(default_factory=Stats)
    dice: FaultDice | None = None
    runner_credentials: RunnerCredentials = field(default_factory=RunnerCredentials)
    admin_credentials: RunnerCredentials = field(default_factory=lambda: RunnerCredentials(
        "AKIAPOTEMKINADMIN000", "potemkin-local-admin-secret"))


RUNTIME = Runtime()
