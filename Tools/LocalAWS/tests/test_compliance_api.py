"""The Config compliance APIs: results, paging, filters and errors."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from conftest import wait_for

# A periodic rule that reports `count` fake buckets: every third NOT_APPLICABLE,
# the others alternating COMPLIANT / NON_COMPLIANT. `sleep` slows it down.
BULK = """
import json, time, datetime
import boto3
def handler(event, context):
    params = json.loads(event["ruleParameters"])
    time.sleep(float(params.get("sleep", 0)))
    now = datetime.datetime.now(datetime.timezone.utc)
    evaluations = []
    for i in range(int(params["count"])):
        kind = "NOT_APPLICABLE" if i % 3 == 2 else ("COMPLIANT" if i % 2 == 0 else "NON_COMPLIANT")
        evaluations.append({"ComplianceResourceType": "AWS::S3::Bucket", "ComplianceResourceId": "bucket-%03d" % i,
                            "ComplianceType": kind, "Annotation": "item %d" % i, "OrderingTimestamp": now})
    config = boto3.client("config")
    for start in range(0, len(evaluations), 100):
        config.put_evaluations(Evaluations=evaluations[start:start + 100], ResultToken=event["resultToken"])
"""

COUNT = 25


def make_rule(backend, name: str, count: int, sleep: float = 0.0) -> None:
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bulk.py", BULK)
    iam, lam, config = backend.client("iam"), backend.client("lambda"), backend.client("config")
    try:
        role = iam.get_role(RoleName="bulk-role")["Role"]["Arn"]
    except ClientError:
        role = iam.create_role(RoleName="bulk-role", AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                    "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    arn = lam.create_function(FunctionName=f"{name}-fn", Runtime="python3.12", Role=role, Handler="bulk.handler",
                              Code={"ZipFile": buffer.getvalue()}, Timeout=30)["FunctionArn"]
    config.put_config_rule(ConfigRule={
        "ConfigRuleName": name, "InputParameters": json.dumps({"count": count, "sleep": sleep}),
        "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": arn,
                   "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification",
                                      "MaximumExecutionFrequency": "One_Hour"}]}})


@pytest.fixture(scope="module")
def bulk_rule(backend):
    make_rule(backend, "bulk", COUNT)
    config = backend.client("config")
    wait_for(lambda: len(config.get_compliance_details_by_config_rule(
        ConfigRuleName="bulk", ComplianceTypes=["COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"],
        Limit=100)["EvaluationResults"]) == COUNT)
    return "bulk"


def code_of(call, **kwargs) -> str:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    return raised.value.response["Error"]["Code"]


def test_paging_with_default_and_explicit_limits(backend, bulk_rule):
    config = backend.client("config")
    every = ["COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"]
    first = config.get_compliance_details_by_config_rule(ConfigRuleName=bulk_rule, ComplianceTypes=every)
    assert len(first["EvaluationResults"]) == 10 and first["NextToken"]
    seen = [r["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"] for r in first["EvaluationResults"]]
    token = first["NextToken"]
    while token:
        page = config.get_compliance_details_by_config_rule(ConfigRuleName=bulk_rule, ComplianceTypes=every,
                                                            NextToken=token)
        seen += [r["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"] for r in page["EvaluationResults"]]
        token = page.get("NextToken")
    assert seen == [f"bucket-{i:03d}" for i in range(COUNT)]
    everything = config.get_compliance_details_by_config_rule(ConfigRuleName=bulk_rule, ComplianceTypes=every, Limit=100)
    assert len(everything["EvaluationResults"]) == COUNT and "NextToken" not in everything
    paginator = config.get_paginator("get_compliance_details_by_config_rule")
    pages = list(paginator.paginate(ConfigRuleName=bulk_rule, ComplianceTypes=every, PaginationConfig={"PageSize": 7}))
    assert [len(p["EvaluationResults"]) for p in pages] == [7, 7, 7, 4]


def test_compliance_type_filters(backend, bulk_rule):
    config = backend.client("config")
    def count(types=None):
        kwargs = {"ConfigRuleName": bulk_rule, "Limit": 100}
        if types:
            kwargs["ComplianceTypes"] = types
        return [r["ComplianceType"] for r in config.get_compliance_details_by_config_rule(**kwargs)["EvaluationResults"]]
    not_applicable = [i for i in range(COUNT) if i % 3 == 2]
    compliant = [i for i in range(COUNT) if i % 3 != 2 and i % 2 == 0]
    assert count(["NOT_APPLICABLE"]) == ["NOT_APPLICABLE"] * len(not_applicable)
    assert count(["COMPLIANT"]) == ["COMPLIANT"] * len(compliant)
    assert sorted(set(count())) == ["COMPLIANT", "NON_COMPLIANT"]  # default leaves NOT_APPLICABLE out
    assert len(count()) == COUNT - len(not_applicable)


def test_result_shape(backend, bulk_rule):
    config = backend.client("config")
    result = config.get_compliance_details_by_config_rule(ConfigRuleName=bulk_rule, Limit=1)["EvaluationResults"][0]
    qualifier = result["EvaluationResultIdentifier"]["EvaluationResultQualifier"]
    assert qualifier == {"ConfigRuleName": "bulk", "ResourceType": "AWS::S3::Bucket", "ResourceId": "bucket-000",
                         "EvaluationMode": "DETECTIVE"}
    assert result["ComplianceType"] == "COMPLIANT" and result["Annotation"] == "item 0"
    for key in ("ResultRecordedTime", "ConfigRuleInvokedTime"):
        assert result[key].year >= 2024
    assert result["EvaluationResultIdentifier"]["OrderingTimestamp"] <= result["ResultRecordedTime"]


def test_compliance_api_errors(backend, bulk_rule):
    config = backend.client("config")
    get = config.get_compliance_details_by_config_rule
    assert code_of(get, ConfigRuleName="no-such-rule") == "NoSuchConfigRuleException"
    assert code_of(get, ConfigRuleName=bulk_rule, Limit=101) == "ValidationException"
    assert code_of(get, ConfigRuleName=bulk_rule, NextToken="garbage") == "InvalidNextTokenException"
    assert code_of(get, ConfigRuleName=bulk_rule, ComplianceTypes=["INSUFFICIENT_DATA"]) == "InvalidParameterValueException"
    put = config.put_evaluations
    evaluation = {"ComplianceResourceType": "AWS::S3::Bucket", "ComplianceResourceId": "x",
                  "ComplianceType": "COMPLIANT", "OrderingTimestamp": 0}
    assert code_of(put, Evaluations=[evaluation], ResultToken="forged") == "InvalidResultTokenException"
    assert code_of(put, Evaluations=[dict(evaluation, ComplianceType="INSUFFICIENT_DATA")], ResultToken="TESTMODE",
                   TestMode=True) == "InvalidParameterValueException"
    assert put(Evaluations=[evaluation], ResultToken="TESTMODE", TestMode=True)["FailedEvaluations"] == []
    assert code_of(config.describe_config_rule_evaluation_status, ConfigRuleNames=["nope"]) == "NoSuchConfigRuleException"
    assert code_of(config.start_config_rules_evaluation, ConfigRuleNames=["nope"]) == "NoSuchConfigRuleException"
    assert code_of(config.start_config_rules_evaluation,
                   ConfigRuleNames=[bulk_rule] * 26) == "ValidationException"
    assert code_of(config.delete_evaluation_results, ConfigRuleName="nope") == "NoSuchConfigRuleException"
    assert code_of(config.describe_compliance_by_config_rule, ConfigRuleNames=["nope"]) == "NoSuchConfigRuleException"


def test_errors_are_aws_json(backend, bulk_rule):
    import urllib.request
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    body = json.dumps({"ConfigRuleName": "no-such-rule"})
    request = AWSRequest("POST", backend.endpoint + "/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "StarlingDoveService.GetComplianceDetailsByConfigRule"})
    SigV4Auth(Credentials("AKIAX", "y"), "config", "us-east-1").add_auth(request)
    http = urllib.request.Request(request.url, data=body.encode(), headers=dict(request.headers), method="POST")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(http)
    assert raised.value.code == 400
    assert raised.value.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert json.loads(raised.value.read())["__type"] == "NoSuchConfigRuleException"


def test_compliance_by_resource_and_by_rule(backend, bulk_rule):
    config = backend.client("config")
    by_resource = config.get_compliance_details_by_resource(ResourceType="AWS::S3::Bucket", ResourceId="bucket-001")
    assert [(r["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ConfigRuleName"], r["ComplianceType"])
            for r in by_resource["EvaluationResults"]] == [("bulk", "NON_COMPLIANT")]
    assert config.get_compliance_details_by_resource(
        ResourceType="AWS::S3::Bucket", ResourceId="bucket-002")["EvaluationResults"] == []
    assert len(config.get_compliance_details_by_resource(
        ResourceType="AWS::S3::Bucket", ResourceId="bucket-002",
        ComplianceTypes=["NOT_APPLICABLE"])["EvaluationResults"]) == 1
    summary = config.describe_compliance_by_config_rule(ConfigRuleNames=[bulk_rule])["ComplianceByConfigRules"][0]
    assert summary["Compliance"]["ComplianceType"] == "NON_COMPLIANT"
    non_compliant = len([i for i in range(COUNT) if i % 3 != 2 and i % 2 == 1])
    assert summary["Compliance"]["ComplianceContributorCount"] == {"CappedCount": non_compliant, "CapExceeded": False}


def test_start_evaluation_limit_and_delete_results(backend):
    make_rule(backend, "slow-bulk", 3, sleep=1.5)
    config = backend.client("config")
    every = ["COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"]
    wait_for(lambda: len(config.get_compliance_details_by_config_rule(
        ConfigRuleName="slow-bulk", ComplianceTypes=every)["EvaluationResults"]) == 3)
    wait_for(lambda: "LastSuccessfulInvocationTime" in config.describe_config_rule_evaluation_status(
        ConfigRuleNames=["slow-bulk"])["ConfigRulesEvaluationStatus"][0])
    config.start_config_rules_evaluation(ConfigRuleNames=["slow-bulk"])
    assert code_of(config.start_config_rules_evaluation, ConfigRuleNames=["slow-bulk"]) == "LimitExceededException"
    assert code_of(config.delete_evaluation_results, ConfigRuleName="slow-bulk") == "ResourceInUseException"
    before = config.describe_config_rule_evaluation_status(ConfigRuleNames=["slow-bulk"])["ConfigRulesEvaluationStatus"][0]
    wait_for(lambda: config.describe_config_rule_evaluation_status(ConfigRuleNames=["slow-bulk"])[
        "ConfigRulesEvaluationStatus"][0]["LastSuccessfulInvocationTime"] > before["LastSuccessfulInvocationTime"])
    config.delete_evaluation_results(ConfigRuleName="slow-bulk")
    assert config.get_compliance_details_by_config_rule(
        ConfigRuleName="slow-bulk", ComplianceTypes=every)["EvaluationResults"] == []


def test_rules_and_recorder_apis(backend, bulk_rule):
    config = backend.client("config")
    names = [r["ConfigRuleName"] for r in config.describe_config_rules()["ConfigRules"]]
    assert bulk_rule in names
    recorders = config.describe_configuration_recorders()["ConfigurationRecorders"]
    assert recorders[0]["name"] == "default" and recorders[0]["recordingGroup"]["allSupported"] is True
    assert config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"][0]["recording"] is True
    make_rule(backend, "short-lived", 1)
    config.delete_config_rule(ConfigRuleName="short-lived")
    assert code_of(config.describe_config_rules, ConfigRuleNames=["short-lived"]) == "NoSuchConfigRuleException"
    assert code_of(config.put_config_rule, ConfigRule={
        "ConfigRuleName": "dangling", "Source": {
            "Owner": "CUSTOM_LAMBDA", "SourceIdentifier": "arn:aws:lambda:us-east-1:123456789012:function:nope",
            "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification"}]}}
    ) == "InsufficientPermissionsException"
