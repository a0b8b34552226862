"""AWS Config rules, their evaluation results and evaluation status.

Everything here is guarded by `state.LOCK` (callers hold it)."""

from __future__ import annotations

import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any

from moto.core.exceptions import JsonRESTError


def config_error(code: str, message: str) -> JsonRESTError:
    return JsonRESTError(code, message)


def now() -> float:
    return round(time.time(), 3)


@dataclass
class RuleRecord:
    """One Config rule with its results and evaluation status."""

    account: str
    region: str
    name: str
    rule_id: str
    arn: str
    rule: dict[str, Any]
    stack_id: str | None = None
    created: float = field(default_factory=now)
    results: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    pending: int = 0
    in_scope: set[tuple[str, str]] = field(default_factory=set)
    last_successful_invocation: float | None = None
    last_failed_invocation: float | None = None
    last_successful_evaluation: float | None = None
    last_failed_evaluation: float | None = None
    first_evaluation_started: bool = False
    last_error_code: str | None = None
    last_error_message: str | None = None

    def api_shape(self) -> dict[str, Any]:
        shape = dict(self.rule)
        shape.update({"ConfigRuleName": self.name, "ConfigRuleArn": self.arn,
                      "ConfigRuleId": self.rule_id, "ConfigRuleState": "ACTIVE"})
        if self.stack_id:
            shape["CreatedBy"] = "cloudformation.amazonaws.com"
        return shape

    def status_shape(self) -> dict[str, Any]:
        shape: dict[str, Any] = {
            "ConfigRuleName": self.name, "ConfigRuleArn": self.arn, "ConfigRuleId": self.rule_id,
            "FirstActivatedTime": self.created, "FirstEvaluationStarted": self.first_evaluation_started,
        }
        for key, value in (("LastSuccessfulInvocationTime", self.last_successful_invocation),
                           ("LastFailedInvocationTime", self.last_failed_invocation),
                           ("LastSuccessfulEvaluationTime", self.last_successful_evaluation),
                           ("LastFailedEvaluationTime", self.last_failed_evaluation),
                           ("LastErrorCode", self.last_error_code),
                           ("LastErrorMessage", self.last_error_message)):
            if value is not None:
                shape[key] = value
        return shape

    @property
    def source(self) -> dict[str, Any]:
        return self.rule.get("Source") or {}

    @property
    def message_types(self) -> set[str]:
        details = self.source.get("SourceDetails") or []
        return {d.get("MessageType") for d in details if d.get("MessageType")}

    @property
    def is_periodic(self) -> bool:
        return "ScheduledNotification" in self.message_types

    @property
    def is_change_triggered(self) -> bool:
        kinds = self.message_types
        if not kinds:
            return not self.rule.get("MaximumExecutionFrequency")
        return bool(kinds & {"ConfigurationItemChangeNotification",
                             "OversizedConfigurationItemChangeNotification"})

    def matches(self, item: dict[str, Any]) -> bool:
        """Whether a configuration item is in the rule's scope."""
        scope = self.rule.get("Scope") or {}
        types = scope.get("ComplianceResourceTypes") or []
        if types and item["resourceType"] not in types:
            return False
        if scope.get("ComplianceResourceId") and item["resourceId"] != scope["ComplianceResourceId"]:
            return False
        tag_key = scope.get("TagKey")
        if tag_key:
            tags = item.get("tags") or {}
            if tag_key not in tags:
                return False
            if scope.get("TagValue") is not None and tags.get(tag_key) != scope.get("TagValue"):
                return False
        return True


@dataclass
class Invocation:
    """One result token handed to a rule handler."""

    account: str
    region: str
    rule_name: str
    invoked: float
    puts: int = 0


def _random_id(n: int = 6) -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(n))


class ConfigStore:
    """Rules by (account, region, name) and result tokens."""

    def __init__(self) -> None:
        self.rules: dict[tuple[str, str, str], RuleRecord] = {}
        self.tokens: dict[str, Invocation] = {}

    def rules_in(self, account: str, region: str) -> list[RuleRecord]:
        return [r for (a, g, _), r in self.rules.items() if a == account and g == region]

    def get(self, account: str, region: str, name: str) -> RuleRecord:
        record = self.rules.get((account, region, name))
        if record is None:
            raise config_error("NoSuchConfigRuleException",
                               f"The ConfigRule '{name}' provided in the request is invalid. Please check the configRule name.")
        return record

    def put(self, account: str, region: str, rule: dict[str, Any], stack_id: str | None = None) -> tuple[RuleRecord, bool]:
        name = rule.get("ConfigRuleName")
        if not name:
            raise config_error("InvalidParameterValueException", "ConfigRuleName is required.")
        if len(name) > 128:
            raise config_error("ValidationException",
                               f"1 validation error detected: Value '{name}' at 'configRule.configRuleName' failed to satisfy constraint: Member must have length less than or equal to 128")
        source = rule.get("Source") or {}
        owner = source.get("Owner")
        if owner not in ("AWS", "CUSTOM_LAMBDA", "CUSTOM_POLICY"):
            raise config_error("InvalidParameterValueException",
                               "Source.Owner must be one of AWS, CUSTOM_LAMBDA, CUSTOM_POLICY.")
        if owner == "CUSTOM_LAMBDA":
            if not source.get("SourceIdentifier"):
                raise config_error("InvalidParameterValueException",
                                   "SourceIdentifier (the Lambda function ARN) is required for CUSTOM_LAMBDA rules.")
            if not source.get("SourceDetails"):
                raise config_error("InvalidParameterValueException",
                                   "SourceDetails are required for CUSTOM_LAMBDA rules.")
        scope = rule.get("Scope") or {}
        if scope.get("ComplianceResourceId") and len(scope.get("ComplianceResourceTypes") or []) != 1:
            raise config_error("InvalidParameterValueException",
                               "Scope.ComplianceResourceId requires exactly one ComplianceResourceTypes entry.")
        existing = self.rules.get((account, region, name))
        stored = {k: v for k, v in rule.items()
                  if k not in ("ConfigRuleArn", "ConfigRuleId", "ConfigRuleState", "CreatedBy")}
        if existing:
            existing.rule = stored
            return existing, False
        rule_id = f"config-rule-{_random_id()}"
        record = RuleRecord(account=account, region=region, name=name, rule_id=rule_id,
                            arn=f"arn:aws:config:{region}:{account}:config-rule/{rule_id}",
                            rule=stored, stack_id=stack_id)
        self.rules[(account, region, name)] = record
        return record, True

    def delete(self, account: str, region: str, name: str) -> None:
        self.get(account, region, name)
        del self.rules[(account, region, name)]
        for token, inv in list(self.tokens.items()):
            if (inv.account, inv.region, inv.rule_name) == (account, region, name):
                del self.tokens[token]

    def new_token(self, record: RuleRecord) -> tuple[str, Invocation]:
        token = secrets.token_urlsafe(48)
        invocation = Invocation(record.account, record.region, record.name, now())
        self.tokens[token] = invocation
        return token, invocation


STORE = ConfigStore()
