"""Configuration items (the shape AWS Config puts in `invokingEvent`) built
from moto's in-memory resources, and the list of resources in a region."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any, Iterable
from urllib.parse import quote

from moto.awslambda.models import lambda_backends
from moto.ec2.models import ec2_backends
from moto.iam.models import iam_backends
from moto.kms.models import kms_backends
from moto.s3.models import s3_backends

# Types the rule runner emits configuration items for (all recorded by AWS Config).
RECORDED_TYPES = {
    "AWS::S3::Bucket", "AWS::EC2::SecurityGroup", "AWS::EC2::EIP", "AWS::IAM::Role",
    "AWS::IAM::User", "AWS::IAM::Policy", "AWS::Lambda::Function", "AWS::KMS::Key",
    "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::Instance", "AWS::SNS::Topic",
    "AWS::SQS::Queue", "AWS::DynamoDB::Table", "AWS::EC2::Volume",
}


def iso(value: Any = None) -> str:
    if value is None:
        value = dt.datetime.now(dt.timezone.utc)
    if isinstance(value, (int, float)):
        value = dt.datetime.fromtimestamp(value, dt.timezone.utc)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return str(value)


def _base(account: str, region: str, rtype: str, rid: str, name: str | None, arn: str | None,
          configuration: Any, supplementary: dict | None = None, tags: dict | None = None,
          created: Any = None, zone: str = "Not Applicable") -> dict[str, Any]:
    return {
        "relatedEvents": [],
        "relationships": [],
        "configuration": configuration,
        "supplementaryConfiguration": supplementary or {},
        "tags": tags or {},
        "configurationItemVersion": "1.3",
        "configurationItemCaptureTime": iso(),
        "configurationStateId": int(time.time() * 1000),
        "awsAccountId": account,
        "configurationItemStatus": "ResourceDiscovered",
        "resourceType": rtype,
        "resourceId": rid,
        "resourceName": name,
        "ARN": arn,
        "awsRegion": region,
        "availabilityZone": zone,
        "configurationStateMd5Hash": "",
        "resourceCreationTime": iso(created) if created is not None else None,
    }


def _partition(region: str) -> str:
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


# --- S3 -----------------------------------------------------------------------------------------

def _sse_rules(encryption: Any) -> list[dict[str, Any]]:
    if not encryption:
        return []
    rules = encryption.get("Rule") if isinstance(encryption, dict) else encryption
    if isinstance(rules, dict):
        rules = [rules]
    out = []
    for rule in rules or []:
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        bucket_key = rule.get("BucketKeyEnabled")
        out.append({
            "applyServerSideEncryptionByDefault": {
                "sseAlgorithm": default.get("SSEAlgorithm"),
                "kmsMasterKeyID": default.get("KMSMasterKeyID"),
            },
            "bucketKeyEnabled": str(bucket_key).lower() == "true",
        })
    return out


def s3_bucket(account: str, bucket: Any) -> dict[str, Any]:
    backend = s3_backends[account][_partition(bucket.region_name)]
    try:
        tags = backend.tagger.get_tag_dict_for_resource(bucket.arn)
    except Exception:
        tags = {}
    versioning = getattr(bucket, "versioning_status", None)
    supplementary: dict[str, Any] = {
        "AccessControlList": json.dumps({"grantSet": None, "owner": {"displayName": None, "id": "owner"}}),
        "BucketAccelerateConfiguration": {},
        "BucketLoggingConfiguration": {"destinationBucketName": None, "logFilePrefix": None},
        "BucketNotificationConfiguration": {"configurations": {}},
        "BucketPolicy": {"policyText": bucket.policy.decode() if getattr(bucket, "policy", None) else None},
        "BucketVersioningConfiguration": {"status": versioning or "Off", "isMfaDeleteEnabled": None},
        "IsRequesterPaysEnabled": getattr(bucket, "payer", "BucketOwner") != "BucketOwner",
    }
    rules = _sse_rules(getattr(bucket, "encryption", None))
    if rules:
        supplementary["ServerSideEncryptionConfiguration"] = {"rules": rules}
    if tags:
        supplementary["BucketTaggingConfiguration"] = {"tagSets": [{"tags": tags}]}
    pab = getattr(bucket, "public_access_block", None)
    if pab is not None:
        try:
            supplementary["PublicAccessBlockConfiguration"] = pab.to_config_dict()
        except Exception:
            pass
    configuration = {"name": bucket.name, "owner": {"displayName": None, "id": "owner"},
                     "creationDate": iso(bucket.creation_date)}
    return _base(account, bucket.region_name, "AWS::S3::Bucket", bucket.name, bucket.name,
                 f"arn:aws:s3:::{bucket.name}", configuration, supplementary, tags,
                 bucket.creation_date, "Regional")


# --- EC2 ----------------------------------------------------------------------------------------

def _permission(rule: Any) -> dict[str, Any]:
    ranges = [rule.ip_range] if getattr(rule, "ip_range", None) else []
    v4 = [r["CidrIp"] for r in ranges if r.get("CidrIp")]
    v6 = [{"cidrIpv6": r["CidrIpv6"]} for r in ranges if r.get("CidrIpv6")]
    pairs = []
    if getattr(rule, "source_group", None):
        pairs.append({"groupId": rule.source_group.get("GroupId"), "userId": rule.source_group.get("UserId")})
    return {
        "ipProtocol": rule.ip_protocol, "fromPort": rule.from_port, "toPort": rule.to_port,
        "userIdGroupPairs": pairs, "ipv4Ranges": [{"cidrIp": c} for c in v4], "ipRanges": v4,
        "ipv6Ranges": v6, "prefixListIds": [{"prefixListId": rule.prefix_list_id}] if rule.prefix_list_id else [],
    }


def security_group(account: str, region: str, group: Any) -> dict[str, Any]:
    tags = {t["key"]: t["value"] for t in group.get_tags()} if hasattr(group, "get_tags") else {}
    configuration = {
        "description": group.description, "groupName": group.name, "ownerId": account, "groupId": group.id,
        "vpcId": group.vpc_id,
        "ipPermissions": [_permission(r) for r in group.ingress_rules],
        "ipPermissionsEgress": [_permission(r) for r in group.egress_rules],
        "tags": [{"key": k, "value": v} for k, v in tags.items()],
    }
    return _base(account, region, "AWS::EC2::SecurityGroup", group.id, group.name,
                 f"arn:aws:ec2:{region}:{account}:security-group/{group.id}", configuration, tags=tags)


def elastic_ip(account: str, region: str, address: Any) -> dict[str, Any]:
    instance = getattr(address, "instance", None)
    eni = getattr(address, "eni", None)
    configuration = {
        "instanceId": getattr(instance, "id", None), "publicIp": address.public_ip,
        "allocationId": address.allocation_id, "associationId": getattr(address, "association_id", None),
        "domain": address.domain, "networkInterfaceId": getattr(eni, "id", None),
        "networkInterfaceOwnerId": account if eni else None,
        "privateIpAddress": getattr(eni, "private_ip_address", None), "tags": [],
    }
    return _base(account, region, "AWS::EC2::EIP", address.allocation_id, None,
                 f"arn:aws:ec2:{region}:{account}:eip-allocation/{address.allocation_id}", configuration)


# --- IAM ----------------------------------------------------------------------------------------

def iam_role(account: str, region: str, role: Any) -> dict[str, Any]:
    tags = {t["Key"]: t["Value"] for t in (role.tags.values() if isinstance(role.tags, dict) else role.tags or [])
            if isinstance(t, dict) and "Key" in t} if role.tags else {}
    boundary = None
    if getattr(role, "permissions_boundary_arn", None):
        boundary = {"permissionsBoundaryType": "Policy", "permissionsBoundaryArn": role.permissions_boundary_arn}
    document = role.assume_role_policy_document
    if not isinstance(document, str):
        document = json.dumps(document)
    configuration = {
        "path": role.path, "roleName": role.name, "roleId": role.id, "arn": role.arn,
        "createDate": iso(role.create_date), "assumeRolePolicyDocument": quote(document),
        "instanceProfileList": [],
        "rolePolicyList": [{"policyName": n, "policyDocument": quote(d if isinstance(d, str) else json.dumps(d))}
                           for n, d in role.policies.items()],
        "attachedManagedPolicies": [{"policyName": p.name, "policyArn": p.arn} for p in role.managed_policies.values()],
        "permissionsBoundary": boundary, "tags": [{"key": k, "value": v} for k, v in tags.items()],
        "roleLastUsed": None, "description": role.description,
        "maxSessionDuration": role.max_session_duration or 3600,
    }
    return _base(account, "global", "AWS::IAM::Role", role.id, role.name, role.arn, configuration,
                 tags=tags, created=role.create_date)


# --- generic ------------------------------------------------------------------------------------

def generic(account: str, region: str, rtype: str, rid: str, name: str | None = None,
            arn: str | None = None, configuration: Any = None) -> dict[str, Any]:
    return _base(account, region, rtype, rid, name, arn, configuration or {})


def from_model(account: str, region: str, rtype: str, model: Any) -> dict[str, Any] | None:
    """A configuration item for a moto model object created by CloudFormation."""
    if rtype not in RECORDED_TYPES or model is None:
        return None
    try:
        if rtype == "AWS::S3::Bucket":
            return s3_bucket(account, model)
        if rtype == "AWS::EC2::SecurityGroup":
            return security_group(account, region, model)
        if rtype == "AWS::EC2::EIP":
            return elastic_ip(account, region, model)
        if rtype == "AWS::IAM::Role":
            return iam_role(account, region, model)
        if rtype == "AWS::Lambda::Function":
            return generic(account, region, rtype, model.function_name, model.function_name,
                           model.function_arn.rsplit(":$LATEST", 1)[0] if hasattr(model, "function_arn") else None,
                           {"functionName": model.function_name, "runtime": model.run_time,
                            "handler": model.handler, "timeout": model.timeout})
        if rtype == "AWS::KMS::Key":
            return generic(account, region, rtype, model.id, None, model.arn,
                           {"keyId": model.id, "arn": model.arn, "keyState": getattr(model, "key_state", "Enabled")})
        rid = getattr(model, "physical_resource_id", None) or getattr(model, "id", None)
        return generic(account, region, rtype, str(rid), getattr(model, "name", None), getattr(model, "arn", None))
    except Exception:
        rid = getattr(model, "physical_resource_id", None)
        return generic(account, region, rtype, str(rid)) if rid else None


def current(account: str, region: str) -> Iterable[dict[str, Any]]:
    """Configuration items of the resources the rule runner knows in a region."""
    partition = _partition(region)
    for bucket in list(s3_backends[account][partition].buckets.values()):
        if bucket.region_name == region:
            yield s3_bucket(account, bucket)
    ec2 = ec2_backends[account][region]
    for groups in list(ec2.groups.values()):
        for group in list(groups.values()):
            yield security_group(account, region, group)
    for address in list(ec2.addresses):
        if address.allocation_id:
            yield elastic_ip(account, region, address)
    for role in list(iam_backends[account][partition].roles.values()):
        yield iam_role(account, region, role)
    for function in list(lambda_backends[account][region].list_functions()):
        item = from_model(account, region, "AWS::Lambda::Function", function)
        if item:
            yield item
    for key in list(kms_backends[account][region].keys.values()):
        item = from_model(account, region, "AWS::KMS::Key", key)
        if item:
            yield item


def deleted(item: dict[str, Any]) -> dict[str, Any]:
    """The configuration item AWS Config sends once a resource is gone."""
    gone = dict(item)
    gone.update({"configurationItemStatus": "ResourceDeleted", "configuration": None,
                 "supplementaryConfiguration": {}, "configurationItemCaptureTime": iso(),
                 "configurationStateId": int(time.time() * 1000)})
    return gone
