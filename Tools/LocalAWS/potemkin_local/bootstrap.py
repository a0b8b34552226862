"""Runs one Lambda handler invocation in a fresh Python process.

Usage (by the rule runner only):
    python bootstrap.py SPEC_JSON_FILE

The spec names the extracted code directory, the handler (`module.function`),
the event file, the result file and the Lambda context values. The result file
receives {"ok": true, "result": ...} or {"ok": false, "errorType": ...,
"errorMessage": ..., "stackTrace": [...]}. A watchdog enforces the function's
timeout like Lambda does: the process ends with a `Sandbox.Timedout` result."""

import importlib
import json
import os
import sys
import threading
import time
import traceback


def _write(path, payload):
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        json.dump(payload, handle, default=str)
    os.replace(tmp, path)


class LambdaContext:
    """The attributes and method of the Python runtime's context object."""

    def __init__(self, spec, deadline):
        self.function_name = spec["function_name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = spec["function_arn"]
        self.memory_limit_in_mb = int(spec.get("memory", 128))
        self.aws_request_id = spec["request_id"]
        self.log_group_name = "/aws/lambda/" + self.function_name
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + spec["request_id"].replace("-", "")
        self.identity = None
        self.client_context = None
        self._deadline = deadline

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    timeout = float(spec["timeout"])
    result_file = spec["result_file"]
    started = time.time()

    def watchdog():
        time.sleep(timeout)
        _write(result_file, {"ok": False, "errorType": "Sandbox.Timedout",
                             "errorMessage": "Task timed out after %.2f seconds" % timeout, "stackTrace": []})
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()
    stage = "init"
    try:
        code_dir = spec["code_dir"]
        sys.path.insert(0, code_dir)
        os.chdir(code_dir)
        module_name, _, function_name = spec["handler"].rpartition(".")
        if not module_name:
            raise ValueError("Bad handler '%s': expected module.function" % spec["handler"])
        module = importlib.import_module(module_name.replace("/", "."))
        if not hasattr(module, function_name):
            raise AttributeError("Handler '%s' missing on module '%s'" % (function_name, module_name))
        stage = "invoke"
        handler = getattr(module, function_name)
        with open(spec["event_file"]) as handle:
            event = json.load(handle)
        context = LambdaContext(spec, started + timeout)
        result = handler(event, context)
        try:
            json.dumps(result)
        except (TypeError, ValueError):
            result = str(result)
        _write(result_file, {"ok": True, "result": result})
    except BaseException as error:  # the handler's failure is the invocation's result
        if isinstance(error, SystemExit) and not error.code:
            _write(result_file, {"ok": False, "errorType": "Runtime.ExitError",
                                 "errorMessage": "Runtime exited without providing a reason", "stackTrace": []})
        else:
            kind = type(error).__name__
            if stage == "init" and isinstance(error, ImportError):
                kind = "Runtime.ImportModuleError"
            elif stage == "init" and isinstance(error, AttributeError):
                kind = "Runtime.HandlerNotFound"
            _write(result_file, {"ok": False, "errorType": kind, "errorMessage": str(error),
                                 "stackTrace": traceback.format_exception(type(error), error, error.__traceback__)})
            traceback.print_exc()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
