#!/usr/bin/env python3
"""Potemkin's local AWS backend: moto plus AWS Config compliance, Config rules
in CloudFormation, a rule runner that executes rule handlers, fault injection
and call statistics. See README.md next to this file.

Prints exactly one line on stdout, `AWS_ENDPOINT_URL=http://127.0.0.1:PORT`,
once it accepts requests; everything else goes to stderr."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def parse_args(argv: list[str]) -> argparse.Namespace:
    def rate(text: str) -> float:
        value = float(text)
        if not 0.0 <= value <= 1.0:
            raise argparse.ArgumentTypeError(f"{text} is not a fraction between 0 and 1")
        return value

    def seconds(text: str) -> float:
        value = float(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text} is negative")
        return value

    parser = argparse.ArgumentParser(prog="server.py", description="Potemkin local AWS backend (moto based).")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 or absent: a free port)")
    parser.add_argument("--stack-delay", type=seconds, default=0.0, metavar="S",
                        help="seconds from CreateStack / DeleteStack to CREATE_COMPLETE / DELETE_COMPLETE "
                             "(the backend's own work counts toward them)")
    parser.add_argument("--eval-delay", type=seconds, default=0.0, metavar="S",
                        help="seconds between a trigger and the rule evaluation it starts")
    parser.add_argument("--throttle-rate", type=rate, default=0.0, metavar="P",
                        help="fraction of API requests answered with the protocol's throttling error")
    parser.add_argument("--error-rate", type=rate, default=0.0, metavar="P",
                        help="fraction of API requests answered with 500 or 503 (alternating)")
    parser.add_argument("--verify-signatures", action="store_true",
                        help="enforce SigV4 with IAM users' keys and a 15-minute clock-skew limit")
    parser.add_argument("--credentials-file", metavar="PATH",
                        help="write the admin access key as JSON to PATH (mode 0600)")
    parser.add_argument("--seed", type=int, default=None, help="seed for fault injection")
    parser.add_argument("--no-recorder", action="store_true",
                        help="start without the default configuration recorder")
    parser.add_argument("--workers", type=int, default=4, help="rule evaluations run at once (default 4)")
    parser.add_argument("--exit-with-parent", action="store_true", help="stop when the parent process dies")
    parser.add_argument("--verbose", action="store_true", help="log requests and rule runs to stderr")
    args = parser.parse_args(argv)
    if args.throttle_rate + args.error_rate > 1.0:
        parser.error("--throttle-rate plus --error-rate must not exceed 1")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    return args


def note(message: str) -> None:
    # Once the parent is gone stderr may be a broken pipe: never let a log line stop a shutdown.
    try:
        print(f"[potemkin-local] {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def watch_parent(stop: threading.Event, shutdown) -> None:
    """Stops the server when its parent process dies, by polling getppid().

    Not PR_SET_PDEATHSIG: it fires when the parent *thread* that spawned us exits,
    and Swift spawns children from short-lived threads.
    """
    parent = os.getppid()
    if os.getppid() != parent or parent == 1:
        shutdown()
        return

    def poll() -> None:
        while not stop.wait(1.0):
            if os.getppid() != parent:
                shutdown()
                note("parent process exited; stopping")
                return

    threading.Thread(target=poll, name="parent-watch", daemon=True).start()


def setup_credentials(args: argparse.Namespace) -> None:
    """Under --verify-signatures: IAM users for the admin key (credentials file)
    and the rule runner's key, both allowed everything."""
    from potemkin_local.state import DEFAULT_ACCOUNT, RUNTIME, RunnerCredentials
    if args.verify_signatures:
        from moto.iam.models import iam_backends
        iam = iam_backends[DEFAULT_ACCOUNT]["aws"]
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
        keys = {}
        for user in ("potemkin-admin", "potemkin-rule-runner"):
            iam.create_user(region_name="us-east-1", user_name=user, path="/potemkin/")
            iam.put_user_policy(user, "allow-all", policy)
            key = iam.create_access_key(user)
            keys[user] = RunnerCredentials(key.access_key_id, key.secret_access_key)
        RUNTIME.admin_credentials = keys["potemkin-admin"]
        RUNTIME.runner_credentials = keys["potemkin-rule-runner"]
    if args.credentials_file:
        creds = RUNTIME.admin_credentials
        path = os.path.abspath(args.credentials_file)
        descriptor = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump({"AccessKeyId": creds.access_key_id, "SecretAccessKey": creds.secret_access_key,
                       "AccountId": DEFAULT_ACCOUNT}, handle)
        os.replace(path + ".tmp", path)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    if not args.verbose:
        warnings.filterwarnings("ignore")
        logging.getLogger("moto").setLevel(logging.ERROR)
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    try:
        from werkzeug.serving import WSGIRequestHandler, make_server

        from moto.moto_server.werkzeug_app import create_backend_app
        import moto.settings
        import importlib.util
        if importlib.util.find_spec("cfnlint") is None:  # imported lazily (slow)
            raise ImportError("No module named 'cfnlint'", name="cfnlint")
    except ImportError as error:
        note(f"missing Python dependency ({error.name}): run Tools/setup-python and start this script "
             f"with <repo>/.venv/bin/python (this is {sys.executable})")
        return 2

    from potemkin_local import cfn, config_api, lint, runner, speedups
    from potemkin_local.middleware import PotemkinMiddleware
    from potemkin_local.state import RUNTIME, FaultDice, Options

    RUNTIME.options = Options(port=args.port, stack_delay=args.stack_delay, eval_delay=args.eval_delay,
                              throttle_rate=args.throttle_rate, error_rate=args.error_rate,
                              verify_signatures=args.verify_signatures, seed=args.seed, verbose=args.verbose,
                              no_recorder=args.no_recorder, credentials_file=args.credentials_file,
                              workers=args.workers)
    RUNTIME.dice = FaultDice(args.throttle_rate, args.error_rate, args.seed)
    config_api.install()
    cfn.install()
    runner.install()
    speedups.install()

    class Handler(WSGIRequestHandler):
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"

        def run_wsgi(self):
            """One request, answered with a Content-Length and the connection
            kept open (werkzeug's own version closes every connection). The
            middleware always reads the whole request body first."""
            if self.headers.get("Expect", "").lower().strip() == "100-continue":
                self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            self.environ = environ = self.make_environ()
            answer: dict = {}

            def start_response(status, headers, exc_info=None):
                answer["status"], answer["headers"] = status, headers
                return lambda data: None

            try:
                result = self.server.app(environ, start_response)
                body = b"".join(result)
            except Exception as error:  # never leave a client hanging
                self.server.log("error", f"Error on request: {error!r}")
                answer = {"status": "500 Internal Server Error", "headers": [("Content-Type", "text/plain")]}
                body = b"internal error in the local backend"
                self.close_connection = True
            code, _, reason = answer["status"].partition(" ")
            self.send_response(int(code), reason)
            length = None
            for key, value in answer["headers"]:
                lowered = key.lower()
                if lowered == "content-length":
                    length = value
                elif lowered not in ("connection", "transfer-encoding"):
                    self.send_header(key, value)
            head = environ["REQUEST_METHOD"] == "HEAD"
            self.send_header("Content-Length", length if head and length is not None else str(len(body)))
            if environ.get("wsgi.input_terminated") or self.close_connection:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if not head and body:
                self.wfile.write(body)
            self.wfile.flush()

        def log_request(self, code="-", size="-"):
            if args.verbose:
                super().log_request(code, size)

        def log(self, type, message, *a):  # noqa: A002 - werkzeug's signature
            if args.verbose or type == "error":
                super().log(type, message, *a)

    app = PotemkinMiddleware(speedups.Dispatcher(create_backend_app))
    try:
        server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=Handler)
    except OSError as error:
        note(f"cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}")
        return 2
    server.daemon_threads = True
    endpoint = f"http://127.0.0.1:{server.server_port}"
    RUNTIME.options.endpoint = endpoint
    setup_credentials(args)
    if args.verify_signatures:
        moto.settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    runner.RUNNER.start(args.workers)
    threading.Thread(target=lint.warm_up, name="cfn-lint-warm-up", daemon=True).start()

    stop = threading.Event()

    def shutdown(*_: object) -> None:
        if not stop.is_set():
            stop.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    # A parent may spawn us with these blocked (Swift's Foundation.Process passes its thread's mask on):
    # unblock them, or SIGTERM and the parent-death signal would never arrive.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    if args.exit_with_parent:
        watch_parent(stop, shutdown)

    print(f"AWS_ENDPOINT_URL={endpoint}", flush=True)
    note(f"listening on {endpoint} (ready in {time.monotonic() - started:.1f} s"
         f"{', signatures verified' if args.verify_signatures else ''})")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        runner.RUNNER.stop()
        server.server_close()
    note("stopped")
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)  # skip joining idle worker threads at interpreter exit


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
