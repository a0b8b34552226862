"""Custom AWS Config rule: S3 buckets must default-encrypt with SSE-KMS.

COMPLIANT only for aws:kms (or aws:kms:dsse); NON_COMPLIANT for AES256 or no
default encryption; NOT_APPLICABLE for deleted resources and resources that
left the rule's scope. Reads the configuration item's
supplementaryConfiguration.ServerSideEncryptionConfiguration and falls back to
s3:GetBucketEncryption when the item does not carry it."""

import json

import boto3
from botocore.exceptions import ClientError

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


def _algorithms_from_item(item):
    supplementary = item.get("supplementaryConfiguration") or {}
    sse = supplementary.get("ServerSideEncryptionConfiguration")
    if sse is None:
        return None
    if isinstance(sse, str):
        sse = json.loads(sse)
    return [((rule.get("applyServerSideEncryptionByDefault") or {}).get("sseAlgorithm"))
            for rule in sse.get("rules") or []]


def _algorithms_from_api(bucket):
    try:
        answer = boto3.client("s3").get_bucket_encryption(Bucket=bucket)
    except ClientError as error:
        if error.response["Error"]["Code"] == "ServerSideEncryptionConfigurationNotFoundError":
            return []
        raise
    rules = answer["ServerSideEncryptionConfiguration"]["Rules"]
    return [rule.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm") for rule in rules]


def evaluate(item, event):
    if event.get("eventLeftScope") or item["configurationItemStatus"] == "ResourceDeleted":
        return "NOT_APPLICABLE", "The bucket was deleted or left the rule's scope."
    if item["resourceType"] != "AWS::S3::Bucket":
        return "NOT_APPLICABLE", "Not an S3 bucket."
    algorithms = _algorithms_from_item(item)
    if algorithms is None:
        algorithms = _algorithms_from_api(item["resourceName"] or item["resourceId"])
    if any(a in KMS_ALGORITHMS for a in algorithms):
        return "COMPLIANT", "Default encryption uses SSE-KMS."
    if algorithms:
        return "NON_COMPLIANT", f"Default encryption is {', '.join(str(a) for a in algorithms)}, not SSE-KMS."
    return "NON_COMPLIANT", "The bucket has no default encryption."


def lambda_handler(event, context):
    invoking = json.loads(event["invokingEvent"])
    if invoking["messageType"] != "ConfigurationItemChangeNotification":
        return {"skipped": invoking["messageType"]}
    item = invoking["configurationItem"]
    compliance, annotation = evaluate(item, event)
    boto3.client("config").put_evaluations(
        Evaluations=[{
            "ComplianceResourceType": item["resourceType"],
            "ComplianceResourceId": item["resourceId"],
            "ComplianceType": compliance,
            "Annotation": annotation,
            "OrderingTimestamp": item["configurationItemCaptureTime"],
        }],
        ResultToken=event["resultToken"],
    )
    return {"compliance": compliance, "resource": item["resourceId"]}
