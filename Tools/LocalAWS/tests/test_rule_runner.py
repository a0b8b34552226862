"""End to end: a rule stack (role + Python Lambda + AWS::Config::ConfigRule), a
fixture stack with three buckets, the real handler's verdicts, NOT_APPLICABLE
after deletion, failing handlers, and lambda.Invoke."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import RULES, handler_zip, wait_for, wait_stack

RULE_NAME = "s3-bucket-kms-encryption"


def rule_template(rule_source: str) -> str:
    return json.dumps({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "S3 KMS encryption rule",
        "Resources": {
            "RuleRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]},
                    "Policies": [{"PolicyName": "rule", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                        "Effect": "Allow", "Action": ["config:PutEvaluations", "s3:GetEncryptionConfiguration"],
                        "Resource": "*"}]}}],
                },
            },
            "RuleFunction": {
                "Type": "AWS::Lambda::Function",
                "Properties": {"Runtime": "python3.12", "Handler": "index.lambda_handler", "Timeout": 30,
                               "Role": {"Fn::GetAtt": ["RuleRole", "Arn"]},
                               "Environment": {"Variables": {"RULE_FLAVOUR": "kms"}},
                               "Code": {"ZipFile": rule_source}},
            },
            "RulePermission": {
                "Type": "AWS::Lambda::Permission",
                "Properties": {"FunctionName": {"Ref": "RuleFunction"}, "Action": "lambda:InvokeFunction",
                               "Principal": "config.amazonaws.com"},
            },
            "Rule": {
                "Type": "AWS::Config::ConfigRule",
                "DependsOn": "RulePermission",
                "Properties": {
                    "ConfigRuleName": RULE_NAME,
                    "Scope": {"ComplianceResourceTypes": ["AWS::S3::Bucket"]},
                    "Source": {"Owner": "CUSTOM_LAMBDA",
                               "SourceIdentifier": {"Fn::GetAtt": ["RuleFunction", "Arn"]},
                               "SourceDetails": [{"EventSource": "aws.config",
                                                  "MessageType": "ConfigurationItemChangeNotification"}]},
                },
            },
        },
        "Outputs": {"RuleName": {"Value": {"Ref": "Rule"}},
                    "RuleArn": {"Value": {"Fn::GetAtt": ["Rule", "Arn"]}},
                    "RuleId": {"Value": {"Fn::GetAtt": ["Rule", "ConfigRuleId"]}}},
    })


FIXTURE_TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: "kms:*"
            Resource: "*"
  PlainBucket:
    Type: AWS::S3::Bucket
  AesBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
  KmsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
"""


@pytest.fixture(scope="module")
def rule_stack(backend):
    cfn = backend.client("cloudformation")
    with open(os.path.join(RULES, "s3_kms_rule.py")) as handle:
        source = handle.read()
    cfn.create_stack(StackName="kms-rule", TemplateBody=rule_template(source), Capabilities=["CAPABILITY_IAM"])
    stack = wait_stack(cfn, "kms-rule")
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack
    return stack


def results(config, rule, types=("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE")):
    found = {}
    kwargs = {"ConfigRuleName": rule, "ComplianceTypes": list(types), "Limit": 100}
    while True:
        page = config.get_compliance_details_by_config_rule(**kwargs)
        for result in page["EvaluationResults"]:
            found[result["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"]] = result
        if not page.get("NextToken"):
            return found
        kwargs["NextToken"] = page["NextToken"]


def test_config_rule_resource_in_cloudformation(backend, rule_stack):
    outputs = {o["OutputKey"]: o["OutputValue"] for o in rule_stack["Outputs"]}
    assert outputs["RuleName"] == RULE_NAME
    config = backend.client("config")
    rule = config.describe_config_rules(ConfigRuleNames=[RULE_NAME])["ConfigRules"][0]
    assert outputs["RuleArn"] == rule["ConfigRuleArn"]
    assert outputs["RuleId"] == rule["ConfigRuleId"] and rule["ConfigRuleId"].startswith("config-rule-")
    assert rule["Source"]["Owner"] == "CUSTOM_LAMBDA"
    assert rule["Scope"]["ComplianceResourceTypes"] == ["AWS::S3::Bucket"]


def test_buckets_evaluated_by_real_handler_then_not_applicable_after_delete(backend, rule_stack):
    cfn, config = backend.client("cloudformation"), backend.client("config")
    cfn.create_stack(StackName="buckets", TemplateBody=FIXTURE_TEMPLATE, Tags=[{"Key": "potemkin:run-id", "Value": "r1"}])
    stack = wait_stack(cfn, "buckets")
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert {"Key": "potemkin:run-id", "Value": "r1"} in stack["Tags"]
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cfn.describe_stack_resources(StackName="buckets")["StackResources"]}
    expected = {physical["PlainBucket"]: "NON_COMPLIANT", physical["AesBucket"]: "NON_COMPLIANT",
                physical["KmsBucket"]: "COMPLIANT"}

    def verdicts():
        found = results(config, RULE_NAME)
        got = {b: found[b]["ComplianceType"] for b in expected if b in found}
        return got if got == expected else None
    wait_for(verdicts, timeout=30)
    found = results(config, RULE_NAME)
    kms = found[physical["KmsBucket"]]
    assert kms["Annotation"] == "Default encryption uses SSE-KMS."
    assert found[physical["AesBucket"]]["Annotation"].startswith("Default encryption is AES256")
    assert kms["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceType"] == "AWS::S3::Bucket"
    assert kms["ResultRecordedTime"] >= kms["ConfigRuleInvokedTime"]
    assert "OrderingTimestamp" in kms["EvaluationResultIdentifier"]

    status = config.describe_config_rule_evaluation_status(ConfigRuleNames=[RULE_NAME])["ConfigRulesEvaluationStatus"][0]
    assert status["FirstEvaluationStarted"] is True
    assert "LastSuccessfulInvocationTime" in status and "LastSuccessfulEvaluationTime" in status

    by_resource = config.get_compliance_details_by_resource(
        ResourceType="AWS::S3::Bucket", ResourceId=physical["KmsBucket"])["EvaluationResults"]
    assert [r["ComplianceType"] for r in by_resource] == ["COMPLIANT"]

    cfn.delete_stack(StackName="buckets")
    assert wait_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"

    def all_not_applicable():
        found = results(config, RULE_NAME, ["NOT_APPLICABLE"])
        return all(b in found for b in expected)
    wait_for(all_not_applicable, timeout=30)
    # Without a filter, NOT_APPLICABLE results are left out, as in AWS.
    default = config.get_compliance_details_by_config_rule(ConfigRuleName=RULE_NAME)["EvaluationResults"]
    assert not {r["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"] for r in default} & set(expected)


def test_s3_api_changes_trigger_the_rule(backend, rule_stack):
    s3, config = backend.client("s3"), backend.client("config")
    s3.create_bucket(Bucket="api-made-bucket")
    wait_for(lambda: results(config, RULE_NAME).get("api-made-bucket", {}).get("ComplianceType") == "NON_COMPLIANT")
    s3.put_bucket_encryption(Bucket="api-made-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    wait_for(lambda: results(config, RULE_NAME).get("api-made-bucket", {}).get("ComplianceType") == "COMPLIANT")
    s3.delete_bucket(Bucket="api-made-bucket")
    wait_for(lambda: results(config, RULE_NAME).get("api-made-bucket", {}).get("ComplianceType") == "NOT_APPLICABLE")


FAILING = """
import time
def boom(event, context):
    raise ValueError("no encryption settings for " + event.get("configRuleName", "?"))
def slow(event, context):
    time.sleep(5)
def crash(event, context):
    import os
    os._exit(7)
def echo(event, context):
    import os
    return {"event": event, "remaining": context.get_remaining_time_in_millis() > 0,
            "name": context.function_name, "flavour": os.environ.get("FLAVOUR"),
            "endpoint": os.environ.get("AWS_ENDPOINT_URL")}
"""


@pytest.fixture(scope="module")
def failing_functions(backend, tmp_path_factory):
    path = tmp_path_factory.mktemp("code") / "handlers.py"
    path.write_text(FAILING)
    code = handler_zip(str(path), "handlers")
    lam = backend.client("lambda")
    role = backend.client("iam").create_role(RoleName="failing-rule-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    arns = {}
    for name, timeout in (("boom", 10), ("slow", 1), ("crash", 10), ("echo", 10)):
        arns[name] = lam.create_function(
            FunctionName=f"fn-{name}", Runtime="python3.12", Role=role,
            Handler=f"handlers.{name}", Code={"ZipFile": code}, Timeout=timeout,
            Environment={"Variables": {"FLAVOUR": name}})["FunctionArn"]
    return arns


@pytest.mark.parametrize("kind,code,needle", [
    ("boom", "ValueError", "ValueError: no encryption settings for failing-boom"),
    ("slow", "Sandbox.Timedout", "Task timed out after 1.00 seconds"),
    ("crash", "Runtime.ExitError", "exit status 7"),
])
def test_failing_handler_visible_in_evaluation_status(backend, failing_functions, kind, code, needle):
    config = backend.client("config")
    name = f"failing-{kind}"
    config.put_config_rule(ConfigRule={
        "ConfigRuleName": name,
        "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": failing_functions[kind],
                   "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification",
                                      "MaximumExecutionFrequency": "TwentyFour_Hours"}]}})

    def failed():
        status = config.describe_config_rule_evaluation_status(ConfigRuleNames=[name])["ConfigRulesEvaluationStatus"][0]
        return status if "LastFailedInvocationTime" in status else None
    status = wait_for(failed, timeout=20)
    assert status["LastErrorCode"] == code
    assert needle in status["LastErrorMessage"]
    assert "LastSuccessfulInvocationTime" not in status


def test_lambda_invoke_runs_the_handler(backend, failing_functions):
    lam = backend.client("lambda")
    answer = lam.invoke(FunctionName="fn-echo", Payload=json.dumps({"hello": "world"}).encode())
    payload = json.loads(answer["Payload"].read())
    assert answer["StatusCode"] == 200 and "FunctionError" not in answer
    assert payload["event"] == {"hello": "world"} and payload["remaining"] is True
    assert payload["name"] == "fn-echo" and payload["flavour"] == "echo"
    assert payload["endpoint"] == backend.endpoint
    failed = lam.invoke(FunctionName="fn-boom", Payload=b"{}")
    assert failed["FunctionError"] == "Unhandled"
    error = json.loads(failed["Payload"].read())
    assert error["errorType"] == "ValueError"


def test_rule_is_deleted_with_its_stack(backend, rule_stack):
    cfn, config = backend.client("cloudformation"), backend.client("config")
    cfn.delete_stack(StackName="kms-rule")
    assert wait_stack(cfn, rule_stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    with pytest.raises(Exception) as raised:
        config.describe_config_rules(ConfigRuleNames=[RULE_NAME])
    assert raised.value.response["Error"]["Code"] == "NoSuchConfigRuleException"


BOOTSTRAP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "potemkin_local", "bootstrap.py")


def start_sandbox(code_dir, module_source: str, handler: str, init_early: bool):
    """bootstrap.py as the rule runner starts it: (process, results pipe)."""
    (code_dir / "early.py").write_text(module_source)
    spec = code_dir / "spec.json"
    spec.write_text(json.dumps({"code_dir": str(code_dir), "handler": handler, "function_name": "early",
                                "function_arn": "arn:aws:lambda:us-east-1:123456789012:function:early",
                                "memory": 128, "sandbox_id": "test", "init_early": init_early}))
    read_end, write_end = os.pipe()
    process = subprocess.Popen([sys.executable, BOOTSTRAP, str(spec), str(write_end)], cwd=code_dir,
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               pass_fds=(write_end,))
    os.close(write_end)
    return process, os.fdopen(read_end)


def invoke(process, results) -> dict:
    process.stdin.write(json.dumps({"request_id": "r1", "event": {}, "timeout": 10}).encode() + b"\n")
    process.stdin.flush()
    return json.loads(results.readline())


def test_a_prewarmed_sandbox_loads_the_handler_before_its_first_invocation(tmp_path):
    marker = tmp_path / "imported"
    source = f"open({str(marker)!r}, 'w').close()\ndef handler(event, context):\n    return 'ran'\n"
    process, results = start_sandbox(tmp_path, source, "early.handler", init_early=True)
    try:
        wait_for(marker.exists, timeout=20)  # no invocation was sent yet
        assert invoke(process, results) == {"ok": True, "result": "ran"}
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize("init_early", [True, False])
def test_an_init_failure_is_the_first_invocations_answer(tmp_path, init_early):
    process, results = start_sandbox(tmp_path, "import not_a_module_anywhere\n", "early.handler", init_early)
    try:
        answer = invoke(process, results)
        assert answer["ok"] is False and answer["errorType"] == "Runtime.ImportModuleError"
        assert "not_a_module_anywhere" in answer["errorMessage"]
        assert process.wait(timeout=20) == 4  # the sandbox ends, as Lambda recycles it
    finally:
        process.kill()
        process.wait()
