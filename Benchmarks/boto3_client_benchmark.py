"""boto3's side of Benchmarks/client-benchmark: signed STS GetCallerIdentity calls per second.

Usage: boto3_client_benchmark.py --port N [--count 2000]
Prints `key=value` lines; figures only.
"""

import argparse
import sys
import time

try:
    import boto3
    from botocore.config import Config
except ImportError:
    sys.exit("boto3 is not installed for this Python: run Tools/setup-python (or `pip install boto3`), "
             "or set POTEMKIN_PYTHON to a Python that has it.")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=2000)
    options = parser.parse_args()

    client = boto3.client(
        "sts",
        endpoint_url=f"http://127.0.0.1:{options.port}",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLEBENCHMARK",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    for _ in range(100):  # warm up: connection pool, model loading, handlers
        client.get_caller_identity()

    start = time.perf_counter()
    for _ in range(options.count):
        identity = client.get_caller_identity()
        assert identity["Account"] == "123456789012"
    elapsed = time.perf_counter() - start

    print(f"boto3_version={boto3.__version__}")
    print(f"boto3_count={options.count}")
    print(f"boto3_sequential_rps={options.count / elapsed:.0f}")


if __name__ == "__main__":
    main()
