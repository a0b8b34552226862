"""One test checking all three buckets with config_rule_wait_for_compliance_results."""
import potemkin

from support import TEMPLATE, check


@potemkin.CloudFormationStack(TEMPLATE, stack_name_stem="AllThree")
def test_all_three_buckets(stack_outputs, stack_name):
    assert check(stack_name, ["KmsBucket", "AesBucket", "PlainBucket"])
