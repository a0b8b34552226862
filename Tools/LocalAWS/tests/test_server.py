"""The launcher contract, statistics, fault injection and signature checking."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import urllib.request
import zipfile
from collections import Counter

import botocore.auth
import pytest
from botocore.exceptions import ClientError

from conftest import SERVER, start_backend, until_accepted, wait_for

PERIODIC = """
import json, datetime, boto3
def handler(event, context):
    boto3.client("config").put_evaluations(Evaluations=[{
        "ComplianceResourceType": "AWS::::Account", "ComplianceResourceId": event["accountId"],
        "ComplianceType": "COMPLIANT", "OrderingTimestamp": datetime.datetime.now(datetime.timezone.utc)}],
        ResultToken=event["resultToken"])
"""


def periodic_rule(backend, name: str, retry: bool = False) -> None:
    call = until_accepted if retry else (lambda f: f())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("periodic.py", PERIODIC)
    iam = backend.client("iam")
    role = call(lambda: iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]})))["Role"]["Arn"]
    lam = backend.client("lambda")
    arn = call(lambda: lam.create_function(
        FunctionName=f"{name}-fn", Runtime="python3.12", Role=role, Handler="periodic.handler",
        Code={"ZipFile": buffer.getvalue()}, Timeout=20,
        Environment={"Variables": {"AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard"}}))["FunctionArn"]
    config = backend.client("config")
    call(lambda: config.put_config_rule(ConfigRule={
        "ConfigRuleName": name, "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": arn, "SourceDetails": [
            {"EventSource": "aws.config", "MessageType": "ScheduledNotification",
             "MaximumExecutionFrequency": "One_Hour"}]}}))


def wait_compliant(backend, name: str) -> dict:
    config = backend.client("config")
    wait_for(lambda: config.get_compliance_details_by_config_rule(ConfigRuleName=name)["EvaluationResults"], 20)
    return config.describe_config_rule_evaluation_status(ConfigRuleNames=[name])["ConfigRulesEvaluationStatus"][0]


def test_launcher_prints_one_line_and_stops_cleanly_on_sigterm():
    process = subprocess.Popen([sys.executable, SERVER, "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("AWS_ENDPOINT_URL=http://127.0.0.1:")
    endpoint = line.strip().split("=", 1)[1]
    with urllib.request.urlopen(endpoint + "/_potemkin/stats") as response:
        assert json.load(response)["calls"] == {}
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert process.stdout.read() == ""
    assert "AWS_ENDPOINT_URL" not in process.stderr.read()


def test_launcher_exits_with_its_parent():
    script = ("import subprocess, sys\n"
              f"p = subprocess.Popen([sys.executable, {SERVER!r}, '--exit-with-parent'], stdout=subprocess.PIPE,"
              " stderr=subprocess.DEVNULL)\n"
              "line = p.stdout.readline().decode().strip()\n"
              "print(p.pid, line, flush=True)\n")
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    pid = int(parent.stdout.split()[0])

    def gone() -> bool:
        try:
            with open(f"/proc/{pid}/status") as handle:
                return "State:\tZ" in handle.read()
        except FileNotFoundError:
            return True
    wait_for(gone, timeout=10)


def test_stats_count_calls_and_reset(backend):
    backend.reset_stats()
    config, cfn, s3 = backend.client("config"), backend.client("cloudformation"), backend.client("s3")
    for _ in range(3):
        config.describe_config_rules()
    cfn.list_stacks()
    s3.list_buckets()
    s3.create_bucket(Bucket="stats-bucket")
    s3.put_bucket_encryption(Bucket="stats-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    backend.client("sts").get_caller_identity()
    stats = backend.stats()
    assert stats["calls"] == {"config.DescribeConfigRules": 3, "cloudformation.ListStacks": 1, "s3.ListBuckets": 1,
                              "s3.CreateBucket": 1, "s3.PutBucketEncryption": 1, "sts.GetCallerIdentity": 1}
    assert stats["faults"] == {"throttled": 0, "errors": 0}
    reset = backend.reset_stats()
    assert reset["calls"] == {} and backend.stats()["calls"] == {}


def test_fault_injection_rates_and_runner_exemption():
    instance = start_backend("--throttle-rate", "0.2", "--error-rate", "0.1", "--seed", "7", "--no-recorder")
    try:
        outcomes: Counter = Counter()
        clients = [instance.client("sts"), instance.client("config"), instance.client("s3")]
        calls = [lambda c: c.get_caller_identity(), lambda c: c.describe_config_rules(), lambda c: c.list_buckets()]
        for i in range(400):
            kind = i % 3
            try:
                calls[kind](clients[kind])
                outcomes["ok"] += 1
            except ClientError as error:
                status = error.response["ResponseMetadata"]["HTTPStatusCode"]
                code = error.response["Error"]["Code"]
                expected_throttle = {0: ("Throttling", 400), 1: ("ThrottlingException", 400), 2: ("SlowDown", 503)}[kind]
                if (code, status) == expected_throttle:
                    outcomes["throttled"] += 1
                else:
                    assert status in (500, 503), (code, status)
                    outcomes[f"http{status}"] += 1
        throttled = outcomes["throttled"] / 400
        errors = (outcomes["http500"] + outcomes["http503"]) / 400
        assert abs(throttled - 0.2) < 0.06, outcomes
        assert abs(errors - 0.1) < 0.05, outcomes
        assert outcomes["http500"] and outcomes["http503"], outcomes
        stats = instance.stats()
        assert stats["faults"] == {"throttled": outcomes["throttled"], "errors": outcomes["http500"] + outcomes["http503"]}
        assert sum(stats["calls"].values()) == 400

        # --no-recorder: rules need a recorder first, as in a fresh AWS account.
        config = instance.client("config")
        with pytest.raises(ClientError) as raised:
            until_accepted(lambda: config.put_config_rule(ConfigRule={"ConfigRuleName": "early", "Source": {
                "Owner": "AWS", "SourceIdentifier": "S3_BUCKET_VERSIONING_ENABLED"}}))
        assert raised.value.response["Error"]["Code"] == "NoAvailableConfigurationRecorderException"
        until_accepted(lambda: config.put_configuration_recorder(ConfigurationRecorder={
            "name": "default", "roleARN": "arn:aws:iam::123456789012:role/config"}))
        until_accepted(lambda: config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "cfg"}))
        until_accepted(lambda: config.start_configuration_recorder(ConfigurationRecorderName="default"))

        # The rule runner's own calls are never faulted (its handler does not retry).
        periodic_rule(instance, "exempt", retry=True)
        wait_for(lambda: until_accepted(lambda: config.get_compliance_details_by_config_rule(
            ConfigRuleName="exempt")["EvaluationResults"]), 20)
        status = until_accepted(lambda: config.describe_config_rule_evaluation_status(
            ConfigRuleNames=["exempt"])["ConfigRulesEvaluationStatus"][0])
        assert "LastFailedInvocationTime" not in status
        assert instance.stats()["runnerCalls"].get("config.PutEvaluations") == 1
    finally:
        instance.stop()


def test_signature_checking_accepts_the_right_key(strict_backend):
    identity = strict_backend.client("sts").get_caller_identity()
    assert identity["Arn"].endswith("user/potemkin/potemkin-admin")
    strict_backend.client("config").describe_config_rules()
    # The rule runner's own key is valid too.
    periodic_rule(strict_backend, "signed")
    status = wait_compliant(strict_backend, "signed")
    assert "LastFailedInvocationTime" not in status


def test_signature_checking_rejects_a_wrong_secret_and_unknown_key(strict_backend):
    wrong = {"aws_secret_access_key": "not-the-secret"}
    with pytest.raises(ClientError) as raised:
        strict_backend.client("sts", **wrong).get_caller_identity()
    assert raised.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as raised:
        strict_backend.client("config", **wrong).describe_config_rules()
    assert raised.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert raised.value.response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"
    with pytest.raises(ClientError) as raised:
        strict_backend.client("config", aws_access_key_id="AKIAUNKNOWN000000000").describe_config_rules()
    assert raised.value.response["Error"]["Code"] == "UnrecognizedClientException"


def test_signature_checking_rejects_a_skewed_clock(strict_backend, monkeypatch):
    real = botocore.auth.get_current_datetime
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: real() - dt.timedelta(minutes=20))
    with pytest.raises(ClientError) as raised:
        strict_backend.client("sts").get_caller_identity()
    error = raised.value.response
    assert error["Error"]["Code"] == "SignatureDoesNotMatch" and error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Error"]["Message"].startswith("Signature expired: ")
    assert "is now earlier than" in error["Error"]["Message"]
    with pytest.raises(ClientError) as raised:
        strict_backend.client("config").describe_config_rules()
    assert raised.value.response["Error"]["Code"] == "InvalidSignatureException"
    with pytest.raises(ClientError) as raised:
        strict_backend.client("s3").list_buckets()
    assert raised.value.response["Error"]["Code"] == "RequestTimeTooSkewed"
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: real() + dt.timedelta(minutes=20))
    with pytest.raises(ClientError) as raised:
        strict_backend.client("cloudformation").list_stacks()
    assert raised.value.response["Error"]["Message"].startswith("Signature not yet current: ")


def test_seeded_faults_are_deterministic():
    sys.path.insert(0, os.path.dirname(SERVER))
    from potemkin_local.state import FaultDice
    first, second = FaultDice(0.2, 0.1, 42), FaultDice(0.2, 0.1, 42)
    rolls = [first.roll() for _ in range(200)]
    assert rolls == [second.roll() for _ in range(200)]
    assert {r[1] for r in rolls if r and r[0] == "error"} == {500, 503}


def test_unimplemented_operations_fail_fast_in_the_protocol(backend):
    with pytest.raises(ClientError) as raised:
        backend.client("config").describe_remediation_configurations(ConfigRuleNames=["x"])
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 501 and error["Error"]["Code"] == "NotImplemented"
    assert error["ResponseMetadata"]["HTTPHeaders"]["content-type"].startswith("application/x-amz-json")
