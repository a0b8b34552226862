"""CloudFormation: template checks, failed stacks, events, delays, TemplateURL, deleted stacks."""

from __future__ import annotations

import time

import pytest
from botocore.exceptions import ClientError

from conftest import wait_stack

TWO_BUCKETS = """
Resources:
  First:
    Type: AWS::S3::Bucket
  Second:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: role, Value: second}]
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
Outputs:
  FirstName: {Value: !Ref First}
"""


def test_invalid_template_is_rejected_with_validation_error(backend):
    cfn = backend.client("cloudformation")
    for body in ("Resources: [", "Resources:\n  X:\n    Type: AWS::Nope::Thing\n",
                 "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Missing\n"):
        with pytest.raises(ClientError) as raised:
            cfn.create_stack(StackName="invalid", TemplateBody=body)
        error = raised.value.response
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert error["Error"]["Code"] == "ValidationError"
        assert error["Error"]["Type"] == "Sender"
        assert error["Error"]["Message"].startswith("Template format error")
    assert not [s for s in cfn.list_stacks()["StackSummaries"] if s["StackName"] == "invalid"]


def test_bad_property_fails_the_stack_and_rolls_back(backend):
    cfn = backend.client("cloudformation")
    body = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNam: x\n"
    stack_id = cfn.create_stack(StackName="bad-property", TemplateBody=body)["StackId"]
    stack = wait_stack(cfn, "bad-property")
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed and failed[0]["LogicalResourceId"] == "B"
    assert "BucketNam" in failed[0]["ResourceStatusReason"]
    assert events[0]["ResourceStatus"] == "ROLLBACK_COMPLETE"  # newest first
    cfn.delete_stack(StackName="bad-property")
    assert wait_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"


def test_repeated_resources_are_each_checked(backend):
    """Identical resources are linted once (lint.py); each still gets its own verdict."""
    cfn = backend.client("cloudformation")
    bad = "    Type: AWS::S3::Bucket\n    Properties:\n      BucketNam: x\n"
    good = "    Type: AWS::S3::Bucket\n"
    body = ("Resources:\n" + "".join(f"  Bad{i}:\n{bad}" for i in range(3))
            + "".join(f"  Good{i}:\n{good}" for i in range(3)))
    stack_id = cfn.create_stack(StackName="repeated", TemplateBody=body)["StackId"]
    assert wait_stack(cfn, "repeated")["StackStatus"] == "ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    failed = {e["LogicalResourceId"] for e in events if e["ResourceStatus"] == "CREATE_FAILED"}
    assert failed == {"Bad0", "Bad1", "Bad2"}
    cfn.delete_stack(StackName="repeated")
    wait_stack(cfn, stack_id)
    # A repeated resource that another one refers to is linted on its own, with the reference.
    body = ("Resources:\n" + "".join(f"  Good{i}:\n{good}" for i in range(3))
            + "  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Good2\n"
            + "      PolicyDocument: {Statement: []}\n")
    stack_id = cfn.create_stack(StackName="referenced", TemplateBody=body)["StackId"]
    assert wait_stack(cfn, "referenced")["StackStatus"] == "CREATE_COMPLETE"
    cfn.delete_stack(StackName="referenced")
    wait_stack(cfn, stack_id)


def test_events_tags_outputs_and_deleted_stack(backend):
    cfn, s3 = backend.client("cloudformation"), backend.client("s3")
    stack_id = cfn.create_stack(StackName="two-buckets", TemplateBody=TWO_BUCKETS,
                                Tags=[{"Key": "potemkin:owner", "Value": "tests"}])["StackId"]
    stack = wait_stack(cfn, "two-buckets")
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Tags"] == [{"Key": "potemkin:owner", "Value": "tests"}]
    events = cfn.describe_stack_events(StackName="two-buckets")["StackEvents"][::-1]
    per_resource = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in events if e["LogicalResourceId"] != "two-buckets"]
    for logical in ("First", "Second", "Group"):
        assert (logical, "CREATE_IN_PROGRESS") in per_resource and (logical, "CREATE_COMPLETE") in per_resource
    assert events[0]["ResourceStatus"] == "CREATE_IN_PROGRESS" and events[-1]["ResourceStatus"] == "CREATE_COMPLETE"
    assert all(e["Timestamp"] for e in events)
    bucket = stack["Outputs"][0]["OutputValue"]
    s3.head_bucket(Bucket=bucket)

    cfn.delete_stack(StackName="two-buckets")
    wait_stack(cfn, stack_id)
    with pytest.raises(ClientError) as raised:
        cfn.describe_stacks(StackName="two-buckets")
    assert raised.value.response["Error"]["Message"] == "Stack with id two-buckets does not exist"
    gone = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
    assert gone["StackStatus"] == "DELETE_COMPLETE"
    # Describing the deleted stack by ARN must not bring its resources back.
    cfn.describe_stacks(StackName=stack_id)
    cfn.describe_stack_resources(StackName=stack_id)
    assert bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    statuses = [e["ResourceStatus"] for e in cfn.describe_stack_events(StackName=stack_id)["StackEvents"]]
    assert statuses[0] == "DELETE_COMPLETE" and "DELETE_IN_PROGRESS" in statuses
    assert [s["StackStatus"] for s in cfn.list_stacks()["StackSummaries"] if s["StackId"] == stack_id] == ["DELETE_COMPLETE"]


def test_template_url_on_the_backends_own_s3(backend):
    s3, cfn = backend.client("s3"), backend.client("cloudformation")
    s3.create_bucket(Bucket="templates")
    s3.put_object(Bucket="templates", Key="t/two.yml", Body=TWO_BUCKETS.encode())
    for name, url in (("by-path-url", f"{backend.endpoint}/templates/t/two.yml"),
                      ("by-host-url", "https://templates.s3.amazonaws.com/t/two.yml")):
        cfn.create_stack(StackName=name, TemplateURL=url)
        assert wait_stack(cfn, name)["StackStatus"] == "CREATE_COMPLETE"
        cfn.delete_stack(StackName=name)
    with pytest.raises(ClientError) as raised:
        cfn.create_stack(StackName="missing", TemplateURL=f"{backend.endpoint}/templates/none.yml")
    assert raised.value.response["Error"]["Code"] == "ValidationError"


def test_stack_delay_keeps_stacks_in_progress(strict_backend):
    cfn = strict_backend.client("cloudformation")
    requested = time.monotonic()
    stack_id = cfn.create_stack(StackName="slow", TemplateBody=TWO_BUCKETS)["StackId"]
    assert cfn.describe_stacks(StackName="slow")["Stacks"][0]["StackStatus"] == "CREATE_IN_PROGRESS"
    stack = wait_stack(cfn, "slow")
    # The 1.5 s count from the request's arrival: the backend's own work (cfn-lint) is part of them.
    assert 1.4 <= time.monotonic() - requested <= 8.0
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    events = cfn.describe_stack_events(StackName="slow")["StackEvents"][::-1]
    span = (events[-1]["Timestamp"] - events[0]["Timestamp"]).total_seconds()
    assert 0.2 <= span <= 6.0, span
    # Resources appear progressively, between the stack's first and last events.
    resource_times = [e["Timestamp"] for e in events if e["LogicalResourceId"] == "Group"]
    assert events[0]["Timestamp"] < resource_times[0] < events[-1]["Timestamp"]
    cfn.delete_stack(StackName="slow")
    assert cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"] == "DELETE_IN_PROGRESS"
    assert wait_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    assert events[0]["ResourceStatus"] == "DELETE_COMPLETE"


def test_client_request_token_makes_a_retried_create_stack_idempotent(backend):
    cfn = backend.client("cloudformation")
    body = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
    first = cfn.create_stack(StackName="retried", TemplateBody=body, ClientRequestToken="attempt-1")["StackId"]
    # The same request again (a retry after a lost response) gets the same stack.
    assert cfn.create_stack(StackName="retried", TemplateBody=body, ClientRequestToken="attempt-1")["StackId"] == first
    # Another request for a live stack name is refused, with or without a token.
    for extra in ({"ClientRequestToken": "attempt-2"}, {}):
        with pytest.raises(ClientError) as raised:
            cfn.create_stack(StackName="retried", TemplateBody=body, **extra)
        assert raised.value.response["Error"]["Code"] == "AlreadyExistsException"
    wait_stack(cfn, "retried")
    cfn.delete_stack(StackName="retried")
    assert wait_stack(cfn, first)["StackStatus"] == "DELETE_COMPLETE"
    # A deleted stack's name can be used again, as in CloudFormation.
    again = cfn.create_stack(StackName="retried", TemplateBody=body)["StackId"]
    assert again != first
    assert wait_stack(cfn, "retried")["StackStatus"] == "CREATE_COMPLETE"
    cfn.delete_stack(StackName="retried")


FULL_EMPTY_KEPT = """
Resources:
  Full:
    Type: AWS::S3::Bucket
  Empty:
    Type: AWS::S3::Bucket
  Kept:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
Outputs:
  Full: {Value: !Ref Full}
  Empty: {Value: !Ref Empty}
  Kept: {Value: !Ref Kept}
"""


def test_a_bucket_with_objects_fails_the_delete_until_emptied(backend):
    cfn, s3 = backend.client("cloudformation"), backend.client("s3")
    stack_id = cfn.create_stack(StackName="full-bucket", TemplateBody=FULL_EMPTY_KEPT)["StackId"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in wait_stack(cfn, "full-bucket")["Outputs"]}
    s3.put_object(Bucket=outputs["Full"], Key="report.csv", Body=b"a,b\n")

    cfn.delete_stack(StackName="full-bucket")
    stack = wait_stack(cfn, stack_id)
    assert stack["StackStatus"] == "DELETE_FAILED"
    assert stack["StackStatusReason"] == "The following resource(s) failed to delete: [Full]. "
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    latest = {}
    for event in reversed(events):
        latest[event["LogicalResourceId"]] = event
    assert latest["Full"]["ResourceStatus"] == "DELETE_FAILED"
    assert "The bucket you tried to delete is not empty" in latest["Full"]["ResourceStatusReason"]
    assert latest["Empty"]["ResourceStatus"] == "DELETE_COMPLETE"
    assert latest["Kept"]["ResourceStatus"] == "DELETE_SKIPPED"
    buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert outputs["Full"] in buckets and outputs["Kept"] in buckets and outputs["Empty"] not in buckets
    left = {r["LogicalResourceId"]: r for r in cfn.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]}
    assert left["Full"]["ResourceStatus"] == "DELETE_FAILED"
    assert "not empty" in left["Full"]["ResourceStatusReason"]
    assert "Empty" not in left
    described = cfn.describe_stack_resources(StackName=stack_id, LogicalResourceId="Full")["StackResources"]
    assert [(r["ResourceStatus"], "not empty" in r["ResourceStatusReason"]) for r in described] == [("DELETE_FAILED", True)]
    assert outputs["Empty"] not in {b["Name"] for b in s3.list_buckets()["Buckets"]}

    # Emptied, the bucket goes with a second delete, which touches nothing already deleted.
    s3.delete_object(Bucket=outputs["Full"], Key="report.csv")
    cfn.delete_stack(StackName=stack_id)
    assert wait_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    retry = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    retry = retry[:len(retry) - len(events)]
    assert {e["LogicalResourceId"] for e in retry} == {"full-bucket", "Full", "Kept"}
    buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert outputs["Full"] not in buckets and outputs["Kept"] in buckets
    s3.delete_bucket(Bucket=outputs["Kept"])
