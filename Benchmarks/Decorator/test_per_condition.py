"""One test (and one stack) per condition, as a potemkin-decorator user writes them."""
import potemkin

from support import TEMPLATE, check


@potemkin.CloudFormationStack(TEMPLATE, stack_name_stem="PerConditionKms")
def test_kms_bucket_is_compliant(stack_outputs, stack_name):
    assert check(stack_name, ["KmsBucket"])


@potemkin.CloudFormationStack(TEMPLATE, stack_name_stem="PerConditionAes")
def test_aes_bucket_is_non_compliant(stack_outputs, stack_name):
    assert check(stack_name, ["AesBucket"])


@potemkin.CloudFormationStack(TEMPLATE, stack_name_stem="PerConditionPlain")
def test_plain_bucket_is_non_compliant(stack_outputs, stack_name):
    assert check(stack_name, ["PlainBucket"])
