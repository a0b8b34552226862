"""The invoking events the rule runner sends: configuration items for S3
buckets, security groups, Elastic IPs and IAM roles, scope filters, and the
ResourceDeleted item."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from conftest import wait_for, wait_stack

# Writes every event it receives to $EVENT_DIR and evaluates nothing.
SPY = """
import json, os, uuid
def handler(event, context):
    path = os.path.join(os.environ["EVENT_DIR"], uuid.uuid4().hex + ".json")
    with open(path, "w") as handle:
        json.dump({"event": event, "env": {k: os.environ.get(k) for k in ("AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME")},
                   "function": context.function_name}, handle)
"""

TEMPLATE = """
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open https
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  Address:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: spied-role
      MaxSessionDuration: 7200
      PermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]
  Tagged:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: spy, Value: "yes"}]
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
  Untagged:
    Type: AWS::S3::Bucket
"""


@pytest.fixture(scope="module")
def spy(backend, tmp_path_factory):
    directory = tmp_path_factory.mktemp("events")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("spy.py", SPY)
    iam, lam, config = backend.client("iam"), backend.client("lambda"), backend.client("config")
    role = iam.create_role(RoleName="spy-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    arn = lam.create_function(FunctionName="spy", Runtime="python3.12", Role=role, Handler="spy.handler",
                              Code={"ZipFile": buffer.getvalue()},
                              Environment={"Variables": {"EVENT_DIR": str(directory)}})["FunctionArn"]
    details = [{"EventSource": "aws.config", "MessageType": "ConfigurationItemChangeNotification"}]
    config.put_config_rule(ConfigRule={
        "ConfigRuleName": "spy-typed", "InputParameters": json.dumps({"answer": 42}),
        "Scope": {"ComplianceResourceTypes": ["AWS::EC2::SecurityGroup", "AWS::EC2::EIP", "AWS::IAM::Role"]},
        "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": arn, "SourceDetails": details}})
    config.put_config_rule(ConfigRule={
        "ConfigRuleName": "spy-tagged", "Scope": {"TagKey": "spy", "TagValue": "yes"},
        "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": arn, "SourceDetails": details}})
    cfn = backend.client("cloudformation")
    cfn.create_stack(StackName="spied", TemplateBody=TEMPLATE)
    assert wait_stack(cfn, "spied")["StackStatus"] == "CREATE_COMPLETE"
    resources = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                 for r in cfn.describe_stack_resources(StackName="spied")["StackResources"]}
    return directory, resources


def events(directory, rule=None, status=None):
    out = []
    for name in os.listdir(directory):
        with open(directory / name) as handle:
            record = json.load(handle)
        event = record["event"]
        invoking = json.loads(event["invokingEvent"])
        item = invoking.get("configurationItem")
        if rule and event["configRuleName"] != rule:
            continue
        if status and (item or {}).get("configurationItemStatus") != status:
            continue
        out.append((record, event, invoking, item))
    return out


def item_for(directory, rule, rtype, status="ResourceDiscovered"):
    def find():
        for _, _, _, item in events(directory, rule, status):
            if item["resourceType"] == rtype:
                return item
        return None
    return wait_for(find, timeout=30)


def test_event_envelope(spy):
    directory, _ = spy
    record, event, invoking, item = wait_for(lambda: events(directory, "spy-typed"), timeout=30)[0]
    assert event["version"] == "1.0" and event["eventLeftScope"] is False
    assert event["configRuleName"] == "spy-typed" and event["configRuleId"].startswith("config-rule-")
    assert event["configRuleArn"].startswith("arn:aws:config:us-east-1:123456789012:config-rule/")
    assert event["accountId"] == "123456789012" and event["resultToken"]
    assert event["executionRoleArn"].startswith("arn:aws:iam::123456789012:role/")
    assert json.loads(event["ruleParameters"]) == {"answer": 42}
    assert invoking["messageType"] == "ConfigurationItemChangeNotification"
    assert invoking["notificationCreationTime"].endswith("Z")
    assert record["function"] == "spy" and record["env"] == {"AWS_REGION": "us-east-1", "AWS_LAMBDA_FUNCTION_NAME": "spy"}
    for key in ("configurationItemCaptureTime", "configurationItemStatus", "configurationStateId", "awsAccountId",
                "resourceType", "resourceId", "resourceName", "ARN", "awsRegion", "configuration",
                "supplementaryConfiguration", "tags", "relationships", "configurationItemVersion"):
        assert key in item, key


def test_security_group_item(spy):
    directory, resources = spy
    item = wait_for(lambda: next((i for _, _, _, i in events(directory, "spy-typed", "ResourceDiscovered")
                                  if i["resourceId"] == resources["Group"]), None), timeout=30)
    assert item["resourceId"].startswith("sg-") and item["ARN"].endswith(f"security-group/{item['resourceId']}")
    ingress = item["configuration"]["ipPermissions"][0]
    assert (ingress["ipProtocol"], ingress["fromPort"], ingress["toPort"]) == ("tcp", 443, 443)
    assert ingress["ipv4Ranges"] == [{"cidrIp": "0.0.0.0/0"}]


def test_eip_item_uses_the_allocation_id(spy):
    directory, resources = spy
    item = item_for(directory, "spy-typed", "AWS::EC2::EIP")
    assert item["resourceId"].startswith("eipalloc-")
    assert item["configuration"]["publicIp"] == resources["Address"]  # Ref gives the IP
    assert item["configuration"]["allocationId"] == item["resourceId"]


def test_iam_role_item_uses_the_role_id(spy):
    directory, _ = spy
    def spied():
        for _, _, _, item in events(directory, "spy-typed", "ResourceDiscovered"):
            if item["resourceType"] == "AWS::IAM::Role" and item["resourceName"] == "spied-role":
                return item
    item = wait_for(spied, timeout=30)
    assert item["resourceId"].startswith("AROA") and item["awsRegion"] == "global"
    assert item["configuration"]["roleName"] == "spied-role" and item["configuration"]["maxSessionDuration"] == 7200
    assert item["configuration"]["permissionsBoundary"] == {
        "permissionsBoundaryType": "Policy", "permissionsBoundaryArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}


def test_tag_scope_and_s3_item(spy):
    directory, resources = spy
    wait_for(lambda: events(directory, "spy-tagged"), timeout=30)
    seen = {i["resourceId"] for _, _, _, i in events(directory, "spy-tagged")}
    assert resources["Tagged"] in seen and resources["Untagged"] not in seen
    item = next(i for _, _, _, i in events(directory, "spy-tagged") if i["resourceId"] == resources["Tagged"])
    assert item["tags"] == {"spy": "yes"} and item["resourceName"] == resources["Tagged"]
    assert item["supplementaryConfiguration"]["ServerSideEncryptionConfiguration"] == {"rules": [{
        "applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256", "kmsMasterKeyID": None},
        "bucketKeyEnabled": False}]}


def test_deleted_items(backend, spy):
    directory, resources = spy
    cfn = backend.client("cloudformation")
    stack_id = cfn.describe_stacks(StackName="spied")["Stacks"][0]["StackId"]
    cfn.delete_stack(StackName="spied")
    wait_stack(cfn, stack_id)
    item = item_for(directory, "spy-typed", "AWS::EC2::SecurityGroup", "ResourceDeleted")
    assert item["configuration"] is None and item["resourceId"] == resources["Group"]
