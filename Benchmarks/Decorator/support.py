"""Shared helpers for the potemkin-decorator benchmark tests (run from the repository root)."""
import os

import boto3
from potemkin import configservice

RULE = "s3-bucket-kms-encryption"
TEMPLATE = "Samples/Fixtures/all_three_buckets.yml"
EXPECTED = {"KmsBucket": "COMPLIANT", "AesBucket": "NON_COMPLIANT", "PlainBucket": "NON_COMPLIANT"}


def wait_period():
    """The Config poll period: the library default (20 s) unless BENCH_DECORATOR_WAIT is set."""
    value = os.environ.get("BENCH_DECORATOR_WAIT")
    return float(value) if value else configservice.WAIT_PERIOD


def bucket_names(stack_name):
    """Physical bucket names by logical id (the Config resource id of a bucket is its name)."""
    resources = boto3.client("cloudformation").describe_stack_resources(StackName=stack_name)
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources["StackResources"]}


def check(stack_name, logical_ids):
    """Waits through potemkin-decorator for the expected result of each logical id."""
    names = bucket_names(stack_name)
    expected = {names[logical]: EXPECTED[logical] for logical in logical_ids}
    return configservice.config_rule_wait_for_compliance_results(
        boto3.client("config"), RULE, expected, wait_period=wait_period())
