"""A warm Lambda sandbox for one function: loads the handler once, then runs
invocations one at a time, like a reused Lambda execution environment.

Usage (by the rule runner only):
    python bootstrap.py SPEC_JSON_FILE RESULT_FD

The spec names the extracted code directory, the handler (`module.function`)
and the Lambda context values. Each line on stdin is one invocation,
{"request_id", "event", "timeout"}; each answer is one line on RESULT_FD,
{"ok": true, "result": ...} or {"ok": false, "errorType", "errorMessage",
"stackTrace"}. The handler's own output goes to stdout/stderr (a log file).
A watchdog enforces the timeout like Lambda: the answer is
`Sandbox.Timedout` and the sandbox ends. So does an initialisation error."""

import importlib
import json
import os
import sys
import threading
import time
import traceback


class LambdaContext:
    """The attributes and method of the Python runtime's context object."""

    def __init__(self, spec, request_id, deadline):
        self.function_name = spec["function_name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = spec["function_arn"]
        self.memory_limit_in_mb = int(spec.get("memory", 128))
        self.aws_request_id = request_id
        self.log_group_name = "/aws/lambda/" + self.function_name
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + spec["sandbox_id"]
        self.identity = None
        self.client_context = None
        self._deadline = deadline

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))


def _error(error, kind=None):
    return {"ok": False, "errorType": kind or type(error).__name__, "errorMessage": str(error),
            "stackTrace": traceback.format_exception(type(error), error, error.__traceback__)}


def _load_handler(spec):
    """(handler, None), or (None, the error answer) when the module or function cannot be loaded."""
    try:
        module_name, _, function_name = spec["handler"].rpartition(".")
        if not module_name:
            raise ValueError("Bad handler '%s': expected module.function" % spec["handler"])
        module = importlib.import_module(module_name.replace("/", "."))
        if not hasattr(module, function_name):
            raise AttributeError("Handler '%s' missing on module '%s'" % (function_name, module_name))
        return getattr(module, function_name), None
    except BaseException as error:
        kind = "Runtime.ImportModuleError" if isinstance(error, (ImportError, SyntaxError)) else \
            "Runtime.HandlerNotFound" if isinstance(error, AttributeError) else None
        traceback.print_exc()
        return None, _error(error, kind)


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    results = os.fdopen(int(sys.argv[2]), "w")
    answer_lock = threading.Lock()
    answered = {"id": None}

    def answer(request_id, payload, then_exit=None):
        with answer_lock:
            if answered["id"] == request_id:
                return
            answered["id"] = request_id
            sys.stdout.flush()
            sys.stderr.flush()
            results.write(json.dumps(payload, default=str) + "\n")
            results.flush()
            if then_exit is not None:
                os._exit(then_exit)

    sys.path.insert(0, spec["code_dir"])
    os.chdir(spec["code_dir"])
    handler = None
    init_error = None
    if spec.get("init_early"):
        # A pre-warmed sandbox: run the init phase (the handler module's imports) now, while the
        # evaluation it was started for is still waiting out --eval-delay; report a failure on the
        # first invocation, as Lambda does.
        handler, init_error = _load_handler(spec)
    for line in sys.stdin:
        request = json.loads(line)
        request_id, timeout = request["request_id"], float(request["timeout"])
        started = time.time()
        watchdog = threading.Timer(timeout, answer, args=(request_id, {
            "ok": False, "errorType": "Sandbox.Timedout", "errorMessage": "Task timed out after %.2f seconds" % timeout,
            "stackTrace": []}, 3))
        watchdog.daemon = True
        watchdog.start()
        if handler is None and init_error is None:
            handler, init_error = _load_handler(spec)
        if init_error is not None:
            answer(request_id, init_error, then_exit=4)
        try:
            result = handler(request["event"], LambdaContext(spec, request_id, started + timeout))
            try:
                json.dumps(result)
            except (TypeError, ValueError):
                result = str(result)
            payload = {"ok": True, "result": result}
        except SystemExit as error:
            traceback.print_exc()
            answer(request_id, {"ok": False, "errorType": "Runtime.ExitError",
                                "errorMessage": "Runtime exited with error: exit status %s" % (error.code or 0),
                                "stackTrace": []}, then_exit=5)
        except BaseException as error:  # the handler's failure is the invocation's result
            traceback.print_exc()
            payload = _error(error)
        watchdog.cancel()
        answer(request_id, payload)
    os._exit(0)


if __name__ == "__main__":
    main()
