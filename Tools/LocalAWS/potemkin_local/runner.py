"""The rule runner: runs a CUSTOM_LAMBDA rule's handler (the Lambda function's
own code, from its zip) in a subprocess with AWS Config's invoking events, and
`lambda.Invoke` the same way."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from moto.awslambda.models import LambdaBackend, lambda_backends

from . import items, recorder
from .config_store import STORE, RuleRecord, now
from .state import LOCK, RUNTIME

BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bootstrap.py")


def log(message: str) -> None:
    if RUNTIME.options.verbose:
        print(f"[potemkin-local] {message}", file=sys.stderr, flush=True)


def find_function(account: str, region: str, identifier: str) -> Any | None:
    """The moto Lambda function an ARN or name refers to (callers hold LOCK)."""
    name = identifier
    if identifier.startswith("arn:"):
        parts = identifier.split(":")
        if len(parts) >= 7:
            region = parts[3] or region
            account = parts[4] or account
            name = parts[6]
    try:
        return lambda_backends[account][region].get_function(name)
    except Exception:
        return None


@dataclass
class FunctionSpec:
    """What a subprocess needs to run one function (copied out under LOCK)."""

    name: str
    arn: str
    handler: str
    runtime: str
    timeout: float
    memory: int
    environment: dict[str, str]
    code: bytes
    region: str

    @classmethod
    def of(cls, function: Any, region: str) -> "FunctionSpec":
        arn = getattr(function, "function_arn", "")
        return cls(name=function.function_name, arn=arn.rsplit(":$LATEST", 1)[0], handler=function.handler or "",
                   runtime=function.run_time or "", timeout=float(function.timeout or 3),
                   memory=int(getattr(function, "memory_size", 128) or 128),
                   environment=dict(function.environment_vars or {}), code=bytes(function.code_bytes or b""),
                   region=region)


@dataclass
class Outcome:
    ok: bool
    result: Any = None
    error_type: str | None = None
    error_message: str | None = None
    stack_trace: list | None = None
    logs: str = ""


class Sandbox:
    """A warm bootstrap process for one function (one invocation at a time)."""

    def __init__(self, process: subprocess.Popen, results: Any, log_path: str, sandbox_id: str, key: str) -> None:
        self.process, self.results, self.log_path, self.sandbox_id = process, results, log_path, sandbox_id
        self.key = key

    @classmethod
    def spawn(cls, spec: FunctionSpec, key: str, code_dir: str, env: dict[str, str], work_dir: str,
              init_early: bool = False) -> "Sandbox":
        """Starts a sandbox for `spec`; with `init_early` it loads the handler module at once
        instead of on its first invocation."""
        sandbox_id = uuid.uuid4().hex
        spec_path = os.path.join(work_dir, f"sandbox-{sandbox_id}.json")
        log_path = os.path.join(work_dir, f"sandbox-{sandbox_id}.log")
        with open(spec_path, "w") as handle:
            json.dump({"code_dir": code_dir, "handler": spec.handler, "function_name": spec.name,
                       "function_arn": spec.arn, "memory": spec.memory, "sandbox_id": sandbox_id,
                       "init_early": init_early}, handle)
        read_end, write_end = os.pipe()
        with open(log_path, "wb") as log_file:
            process = subprocess.Popen([sys.executable, BOOTSTRAP, spec_path, str(write_end)], env=env,
                                       cwd=code_dir, stdin=subprocess.PIPE, stdout=log_file,
                                       stderr=subprocess.STDOUT, pass_fds=(write_end,), start_new_session=True)
        os.close(write_end)
        return cls(process, os.fdopen(read_end, "rb"), log_path, sandbox_id, key)

    def invoke(self, event: Any, timeout: float) -> Outcome:
        request_id = str(uuid.uuid4())
        offset = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        try:
            self.process.stdin.write(json.dumps({"request_id": request_id, "event": event,
                                                 "timeout": timeout}).encode() + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            return self._exited(request_id, offset)
        ready, _, _ = select.select([self.results], [], [], timeout + 15)
        if not ready:
            self.close()
            return Outcome(False, error_type="Sandbox.Timedout",
                           error_message=f"Task timed out after {timeout:.2f} seconds", logs=self._logs(offset))
        line = self.results.readline()
        if not line:
            return self._exited(request_id, offset)
        data = json.loads(line)
        logs = self._logs(offset)
        if data.get("ok"):
            return Outcome(True, result=data.get("result"), logs=logs)
        return Outcome(False, error_type=data.get("errorType"), error_message=data.get("errorMessage"),
                       stack_trace=data.get("stackTrace"), logs=logs)

    def _exited(self, request_id: str, offset: int) -> Outcome:
        try:
            status = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.close()
            status = self.process.wait()
        return Outcome(False, error_type="Runtime.ExitError",
                       error_message=f"RequestId: {request_id} Error: Runtime exited with error: exit status {status}",
                       logs=self._logs(offset))

    def _logs(self, offset: int) -> str:
        try:
            with open(self.log_path, "rb") as handle:
                handle.seek(offset)
                return handle.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        for stream in (self.results, self.process.stdin):
            try:
                stream.close()
            except Exception:
                pass


class RuleRunner:
    """Schedules and runs rule evaluations on a small thread pool."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.sandboxes: set[Sandbox] = set()
        self.idle: list[Sandbox] = []  # oldest first
        self.starting: dict[str, int] = {}  # pre-warmed sandboxes being started, by sandbox key
        self.workers = 4
        self.code_dirs: dict[str, str] = {}
        self.work_dir = tempfile.mkdtemp(prefix="potemkin-local-")
        self._lock = threading.Lock()
        self.stopping = False

    def start(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="rule-runner")

    @property
    def idle_limit(self) -> int:
        """Idle sandboxes kept warm over all functions; the longest idle ones are closed beyond it."""
        return max(8, 2 * self.workers)

    # --- triggers (callers hold LOCK) ------------------------------------------------------------

    def rule_created(self, record: RuleRecord) -> None:
        """A new rule evaluates the resources already in its scope (and runs once if periodic)."""
        self.evaluate_all(record)

    def evaluate_all(self, record: RuleRecord) -> None:
        if record.source.get("Owner") != "CUSTOM_LAMBDA":
            return
        if record.is_periodic:
            self._schedule(record, None, False)
        if record.is_change_triggered and recorder.is_recording(record.account, record.region):
            for item in items.current(record.account, record.region):
                if record.matches(item):
                    self._schedule(record, item, False)

    def resource_changed(self, account: str, region: str, item: dict[str, Any]) -> None:
        """A configuration item changed (discovered, updated or deleted)."""
        if not recorder.is_recording(account, region):
            return
        for record in STORE.rules_in(account, region):
            if record.source.get("Owner") != "CUSTOM_LAMBDA" or not record.is_change_triggered:
                continue
            key = (item["resourceType"], item["resourceId"])
            if record.matches(item):
                self._schedule(record, item, False)
            elif key in record.in_scope:
                self._schedule(record, item, True)

    def _schedule(self, record: RuleRecord, item: dict[str, Any] | None, left_scope: bool) -> None:
        if self.pool is None or self.stopping:
            return
        record.pending += 1
        if item is not None:
            key = (item["resourceType"], item["resourceId"])
            if left_scope or item["configurationItemStatus"] == "ResourceDeleted":
                record.in_scope.discard(key)
            else:
                record.in_scope.add(key)
        triggered = now()
        args = (record.account, record.region, record.name, record.rule_id, item, left_scope, triggered)
        delay = RUNTIME.options.eval_delay
        if delay > 0:
            self._prewarm(record)
            timer = threading.Timer(delay, lambda: self._submit(args))
            timer.daemon = True
            timer.start()
        else:
            self._submit(args)

    def _prewarm(self, record: RuleRecord) -> None:
        """Starts the sandboxes the rule's pending evaluations will need (up to one per worker) with
        their handler module loading at once, so that a cold start (Python, boto3 imports: most of a
        second per sandbox here) overlaps --eval-delay instead of following it. Callers hold LOCK."""
        function = find_function(record.account, record.region, record.source.get("SourceIdentifier", ""))
        if function is None or self.stopping:
            return
        spec = FunctionSpec.of(function, record.region)
        if not spec.runtime.startswith("python"):
            return
        key = self._sandbox_key(spec)
        with self._lock:
            live = sum(1 for sandbox in self.sandboxes if sandbox.key == key) + self.starting.get(key, 0)
            missing = min(self.workers, record.pending) - live
            if missing > 0:
                self.starting[key] = self.starting.get(key, 0) + missing
        if missing > 0:
            threading.Thread(target=self._start_warm, args=(spec, key, missing), name="rule-prewarm",
                             daemon=True).start()

    def _start_warm(self, spec: FunctionSpec, key: str, count: int) -> None:
        started = 0
        try:
            code_dir = self._code_dir(spec.code)
            for _ in range(count):
                sandbox = Sandbox.spawn(spec, key, code_dir, self._environment(spec, code_dir), self.work_dir,
                                        init_early=True)
                with self._lock:
                    self.starting[key] -= 1
                    started += 1
                    if self.stopping:
                        sandbox.close()
                        return
                    self.sandboxes.add(sandbox)
                    self._park(sandbox)
        except (zipfile.BadZipFile, OSError):
            pass  # the evaluation itself starts a sandbox and reports what fails
        finally:
            with self._lock:
                self.starting[key] -= count - started

    def _park(self, sandbox: "Sandbox") -> None:
        """Keeps `sandbox` for reuse, closing the longest idle ones beyond the limit (callers hold _lock)."""
        self.idle.append(sandbox)
        while len(self.idle) > self.idle_limit:
            evicted = self.idle.pop(0)
            self.sandboxes.discard(evicted)
            evicted.close()

    def _submit(self, args: tuple) -> None:
        try:
            self.pool.submit(self._evaluate, *args)
        except RuntimeError:  # pool shut down
            pass

    # --- one evaluation -------------------------------------------------------------------------

    def _evaluate(self, account: str, region: str, name: str, rule_id: str, item: dict | None,
                  left_scope: bool, triggered: float) -> None:
        record = None
        try:
            with LOCK:
                record = STORE.rules.get((account, region, name))
                if record is None or record.rule_id != rule_id:
                    record = None
                    return
                function = find_function(account, region, record.source.get("SourceIdentifier", ""))
                token, invocation = STORE.new_token(record)
                record.first_evaluation_started = True
                if function is None:
                    self._record_failure(record, invocation.invoked, "ResourceNotFoundException",
                                         f"Function not found: {record.source.get('SourceIdentifier')}")
                    return
                spec = FunctionSpec.of(function, region)
                event = self._event(record, token, item, left_scope)
            outcome = self.execute(spec, event)
            with LOCK:
                if outcome.ok:
                    record.last_successful_invocation = now()
                else:
                    self._record_failure(record, invocation.invoked, outcome.error_type or "Unhandled",
                                         f"The Lambda function {spec.name} failed: "
                                         f"{outcome.error_type}: {outcome.error_message}")
            log(f"rule {name} on {item['resourceId'] if item else 'schedule'}: "
                f"{'ok' if outcome.ok else outcome.error_type + ': ' + str(outcome.error_message)}")
        except Exception as error:  # never let a runner thread die silently
            log(f"rule {name}: runner error {error!r}")
            if record is not None:
                with LOCK:
                    self._record_failure(record, now(), "InternalError", f"{type(error).__name__}: {error}")
        finally:
            if record is not None:
                with LOCK:
                    record.pending = max(0, record.pending - 1)

    @staticmethod
    def _record_failure(record: RuleRecord, invoked: float, code: str, message: str) -> None:
        record.last_failed_invocation = now()
        record.last_error_code = code
        record.last_error_message = message[:1000]

    @staticmethod
    def _event(record: RuleRecord, token: str, item: dict | None, left_scope: bool) -> dict[str, Any]:
        if item is None:
            invoking = {"awsAccountId": record.account, "notificationCreationTime": items.iso(),
                        "messageType": "ScheduledNotification", "recordVersion": "1.0"}
        else:
            invoking = {"configurationItemDiff": None, "configurationItem": item,
                        "notificationCreationTime": items.iso(),
                        "messageType": "ConfigurationItemChangeNotification", "recordVersion": "1.3"}
        return {
            "version": "1.0",
            "invokingEvent": json.dumps(invoking),
            "ruleParameters": record.rule.get("InputParameters") or "{}",
            "resultToken": token,
            "eventLeftScope": left_scope,
            "executionRoleArn": f"arn:aws:iam::{record.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
            "configRuleArn": record.arn,
            "configRuleName": record.name,
            "configRuleId": record.rule_id,
            "accountId": record.account,
            "evaluationMode": "DETECTIVE",
        }

    # --- running a handler ----------------------------------------------------------------------

    def _code_dir(self, code: bytes) -> str:
        digest = hashlib.sha256(code).hexdigest()
        with self._lock:
            path = self.code_dirs.get(digest)
            if path and os.path.isdir(path):
                return path
            path = os.path.join(self.work_dir, "code-" + digest[:16])
            staging = path + ".tmp-" + uuid.uuid4().hex[:6]
            with zipfile.ZipFile(io.BytesIO(code)) as archive:
                archive.extractall(staging)
            os.replace(staging, path) if not os.path.exists(path) else shutil.rmtree(staging)
            self.code_dirs[digest] = path
            return path

    def _environment(self, spec: FunctionSpec, code_dir: str) -> dict[str, str]:
        creds = RUNTIME.runner_credentials
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SSL_CERT_FILE")}
        env.update({k: str(v) for k, v in spec.environment.items()})
        env.update({
            "AWS_ENDPOINT_URL": RUNTIME.options.endpoint,
            "AWS_ACCESS_KEY_ID": creds.access_key_id, "AWS_SECRET_ACCESS_KEY": creds.secret_access_key,
            "AWS_REGION": spec.region, "AWS_DEFAULT_REGION": spec.region,
            "AWS_LAMBDA_FUNCTION_NAME": spec.name, "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory), "AWS_EXECUTION_ENV": f"AWS_Lambda_{spec.runtime}",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{spec.name}", "_HANDLER": spec.handler,
            "LAMBDA_TASK_ROOT": code_dir, "AWS_EC2_METADATA_DISABLED": "true", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
        })
        for key in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
            env.pop(key, None)
        return env

    def _sandbox_key(self, spec: FunctionSpec) -> str:
        identity = json.dumps([spec.arn, spec.handler, spec.runtime, spec.memory, sorted(spec.environment.items()),
                               hashlib.sha256(spec.code).hexdigest(), RUNTIME.runner_credentials.access_key_id])
        return hashlib.sha256(identity.encode()).hexdigest()

    def _sandbox(self, spec: FunctionSpec, key: str) -> "Sandbox":
        with self._lock:
            for index in range(len(self.idle) - 1, -1, -1):
                sandbox = self.idle[index]
                if sandbox.key != key:
                    continue
                del self.idle[index]
                if sandbox.process.poll() is None:
                    return sandbox
                self.sandboxes.discard(sandbox)
                sandbox.close()
        code_dir = self._code_dir(spec.code)
        sandbox = Sandbox.spawn(spec, key, code_dir, self._environment(spec, code_dir), self.work_dir)
        with self._lock:
            self.sandboxes.add(sandbox)
        return sandbox

    def execute(self, spec: FunctionSpec, event: Any) -> Outcome:
        """Runs the handler once in a warm sandbox; never raises for the handler's own failures."""
        if not spec.runtime.startswith("python"):
            return Outcome(False, error_type="Runtime.Unsupported",
                           error_message=f"The local backend runs Python functions only; {spec.name} uses {spec.runtime or 'no runtime'}")
        key = self._sandbox_key(spec)
        try:
            sandbox = self._sandbox(spec, key)
        except zipfile.BadZipFile:
            return Outcome(False, error_type="Runtime.InvalidZip",
                           error_message=f"The code of {spec.name} is not a valid zip archive")
        outcome = sandbox.invoke(event, spec.timeout)
        if RUNTIME.options.verbose and outcome.logs.strip():
            log(f"{spec.name} output:\n{outcome.logs.rstrip()}")
        with self._lock:
            recycle = outcome.error_type in ("Sandbox.Timedout", "Runtime.ExitError", "Runtime.ImportModuleError",
                                             "Runtime.HandlerNotFound")
            if sandbox.process.poll() is None and not self.stopping and not recycle:
                self._park(sandbox)
            else:
                self.sandboxes.discard(sandbox)
                sandbox.close()
        return outcome

    def stop(self) -> None:
        """Kills running handlers and drops pending work (on shutdown)."""
        self.stopping = True
        with self._lock:
            sandboxes = list(self.sandboxes)
        for sandbox in sandboxes:
            sandbox.close()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.work_dir, ignore_errors=True)


RUNNER = RuleRunner()


# --- lambda.Invoke --------------------------------------------------------------------------------

def _invoke(self: LambdaBackend, function_name: str, qualifier: str | None, body: Any,
            headers: Any, response_headers: dict[str, str]) -> bytes | None:
    function = find_function(self.account_id, self.region_name, function_name)
    if function is None:
        from moto.awslambda.exceptions import UnknownFunctionException
        raise UnknownFunctionException(function_name)
    invocation_type = headers.get("X-Amz-Invocation-Type", "RequestResponse")
    if invocation_type == "DryRun":
        return b""
    spec = FunctionSpec.of(function, self.region_name)
    try:
        event = json.loads(body) if body else {}
    except ValueError:
        from moto.awslambda.exceptions import InvalidParameterValueException
        raise InvalidParameterValueException("Could not parse request body into json")
    response_headers["x-amz-executed-version"] = "$LATEST"
    if invocation_type == "Event":
        if RUNNER.pool is not None:
            RUNNER.pool.submit(RUNNER.execute, spec, event)
        return b""
    with LOCK.released():
        outcome = RUNNER.execute(spec, event)
    if headers.get("X-Amz-Log-Type") == "Tail":
        response_headers["x-amz-log-result"] = base64.b64encode(outcome.logs[-4096:].encode()).decode()
    if outcome.ok:
        return json.dumps(outcome.result).encode()
    response_headers["x-amz-function-error"] = "Unhandled"
    return json.dumps({"errorMessage": outcome.error_message, "errorType": outcome.error_type,
                       "stackTrace": outcome.stack_trace or []}).encode()


def install() -> None:
    LambdaBackend.invoke = _invoke
