"""AWS Config APIs moto lacks (or gets wrong), added to moto's ConfigResponse.

moto dispatches on the snake_cased action name, so methods set on the class
here replace or add actions while moto's authentication still runs first."""

from __future__ import annotations

import base64
import json
from typing import Any, Callable

from moto.config.responses import ConfigResponse

from . import recorder
from .config_store import STORE, RuleRecord, config_error, now

COMPLIANCE_FILTERS = ("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE")
DEFAULT_FILTERS = ("COMPLIANT", "NON_COMPLIANT")  # AWS leaves NOT_APPLICABLE out unless asked


def _params(response: ConfigResponse) -> dict[str, Any]:
    try:
        return json.loads(response.body or "{}")
    except ValueError:
        raise config_error("SerializationException", "Request body is not valid JSON.")


def _where(response: ConfigResponse) -> tuple[str, str]:
    return response.current_account, response.region


def _encode_token(offset: int, scope: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset, "s": scope}).encode()).decode()


def _decode_token(token: str | None, scope: str) -> int:
    if not token:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        if data["s"] != scope or int(data["o"]) < 0:
            raise ValueError
        return int(data["o"])
    except Exception:
        raise config_error("InvalidNextTokenException", "The nextToken provided is invalid")


def _page(items: list, params: dict, scope: str, limit: int) -> tuple[list, str | None]:
    offset = _decode_token(params.get("NextToken"), scope)
    page = items[offset:offset + limit]
    following = _encode_token(offset + limit, scope) if offset + limit < len(items) else None
    return page, following


def _limit(params: dict, default: int, maximum: int, field: str = "limit") -> int:
    limit = params.get("Limit")
    if limit is None or limit == 0:
        return default
    if not isinstance(limit, int) or limit < 0 or limit > maximum:
        raise config_error("ValidationException",
                           f"1 validation error detected: Value '{limit}' at '{field}' failed to satisfy constraint: "
                           f"Member must have value less than or equal to {maximum}")
    return limit


def _compliance_filter(params: dict) -> tuple[str, ...]:
    types = params.get("ComplianceTypes")
    if not types:
        return DEFAULT_FILTERS
    for value in types:
        if value not in COMPLIANCE_FILTERS:
            raise config_error("InvalidParameterValueException",
                               f"The ComplianceTypes filter value '{value}' is not valid. "
                               f"Use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE.")
    return tuple(types)


def _result_shape(record: RuleRecord, result: dict[str, Any]) -> dict[str, Any]:
    return {
        "EvaluationResultIdentifier": {
            "EvaluationResultQualifier": {"ConfigRuleName": record.name, "ResourceType": result["ResourceType"],
                                          "ResourceId": result["ResourceId"], "EvaluationMode": "DETECTIVE"},
            "OrderingTimestamp": result["OrderingTimestamp"],
        },
        "ComplianceType": result["ComplianceType"],
        "ResultRecordedTime": result["ResultRecordedTime"],
        "ConfigRuleInvokedTime": result["ConfigRuleInvokedTime"],
        **({"Annotation": result["Annotation"]} if result.get("Annotation") else {}),
    }


def put_config_rule(self: ConfigResponse) -> str:
    account, region = _where(self)
    rule = _params(self).get("ConfigRule") or {}
    record, created = put_rule(account, region, rule)
    return "{}"


def put_rule(account: str, region: str, rule: dict, stack_id: str | None = None) -> tuple[RuleRecord, bool]:
    """Validates and stores a rule; a new rule evaluates the resources already in scope."""
    if not recorder.has_recorder(account, region):
        raise config_error("NoAvailableConfigurationRecorderException",
                           "Configuration recorder is not available to put the config rule.")
    source = rule.get("Source") or {}
    if source.get("Owner") == "CUSTOM_LAMBDA" and source.get("SourceIdentifier"):
        from .runner import find_function
        if find_function(account, region, source["SourceIdentifier"]) is None:
            raise config_error("InsufficientPermissionsException",
                               f"The AWS Lambda function {source['SourceIdentifier']} cannot be invoked. "
                               "Check the specified function ARN, and check the function's permissions.")
    record, created = STORE.put(account, region, rule, stack_id)
    from .runner import RUNNER
    RUNNER.rule_created(record)
    return record, created


def describe_config_rules(self: ConfigResponse) -> str:
    account, region = _where(self)
    params = _params(self)
    names = params.get("ConfigRuleNames") or []
    if names:
        records = [STORE.get(account, region, n) for n in names]
    else:
        records = sorted(STORE.rules_in(account, region), key=lambda r: r.name)
    page, following = _page(records, params, "rules", 25)
    body: dict[str, Any] = {"ConfigRules": [r.api_shape() for r in page]}
    if following:
        body["NextToken"] = following
    return json.dumps(body)


def delete_config_rule(self: ConfigResponse) -> str:
    account, region = _where(self)
    name = _params(self).get("ConfigRuleName")
    STORE.delete(account, region, name or "")
    return "{}"


def put_evaluations(self: ConfigResponse) -> str:
    params = _params(self)
    token = params.get("ResultToken")
    if not token:
        raise config_error("InvalidResultTokenException", "The resultToken provided is invalid.")
    test_mode = bool(params.get("TestMode"))
    invocation = STORE.tokens.get(token)
    if invocation is None and not test_mode:
        raise config_error("InvalidResultTokenException", "The resultToken provided is invalid.")
    evaluations = params.get("Evaluations") or []
    if len(evaluations) > 100:
        raise config_error("ValidationException",
                           "1 validation error detected: Value at 'evaluations' failed to satisfy constraint: "
                           "Member must have length less than or equal to 100")
    for evaluation in evaluations:
        for field in ("ComplianceResourceType", "ComplianceResourceId", "ComplianceType", "OrderingTimestamp"):
            if evaluation.get(field) in (None, ""):
                raise config_error("InvalidParameterValueException",
                                   f"The Evaluation is missing the required field {field}.")
        if evaluation["ComplianceType"] == "INSUFFICIENT_DATA":
            raise config_error("InvalidParameterValueException",
                               "The ComplianceType INSUFFICIENT_DATA is not allowed in PutEvaluations; "
                               "use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE.")
        if evaluation["ComplianceType"] not in COMPLIANCE_FILTERS:
            raise config_error("InvalidParameterValueException",
                               f"The ComplianceType {evaluation['ComplianceType']} is not valid.")
    if test_mode or invocation is None:
        return json.dumps({"FailedEvaluations": []})
    try:
        record = STORE.get(invocation.account, invocation.region, invocation.rule_name)
    except Exception:
        raise config_error("InvalidResultTokenException", "The resultToken provided is invalid.")
    recorded = now()
    for evaluation in evaluations:
        key = (evaluation["ComplianceResourceType"], evaluation["ComplianceResourceId"])
        record.results[key] = {
            "ResourceType": key[0], "ResourceId": key[1],
            "ComplianceType": evaluation["ComplianceType"],
            "Annotation": evaluation.get("Annotation"),
            "OrderingTimestamp": evaluation["OrderingTimestamp"],
            "ResultRecordedTime": recorded, "ConfigRuleInvokedTime": invocation.invoked,
        }
    invocation.puts += 1
    record.last_successful_evaluation = recorded
    return json.dumps({"FailedEvaluations": []})


def get_compliance_details_by_config_rule(self: ConfigResponse) -> str:
    account, region = _where(self)
    params = _params(self)
    record = STORE.get(account, region, params.get("ConfigRuleName") or "")
    filters = _compliance_filter(params)
    limit = _limit(params, 10, 100)
    results = [r for _, r in sorted(record.results.items()) if r["ComplianceType"] in filters]
    page, following = _page(results, params, f"rule:{record.name}", limit)
    body: dict[str, Any] = {"EvaluationResults": [_result_shape(record, r) for r in page]}
    if following:
        body["NextToken"] = following
    return json.dumps(body)


def get_compliance_details_by_resource(self: ConfigResponse) -> str:
    account, region = _where(self)
    params = _params(self)
    rtype, rid = params.get("ResourceType"), params.get("ResourceId")
    if not rtype or not rid:
        raise config_error("InvalidParameterValueException", "ResourceType and ResourceId are required.")
    filters = _compliance_filter(params)
    found = []
    for record in sorted(STORE.rules_in(account, region), key=lambda r: r.name):
        result = record.results.get((rtype, rid))
        if result and result["ComplianceType"] in filters:
            found.append(_result_shape(record, result))
    page, following = _page(found, params, f"resource:{rtype}:{rid}", 100)
    body: dict[str, Any] = {"EvaluationResults": page}
    if following:
        body["NextToken"] = following
    return json.dumps(body)


def describe_compliance_by_config_rule(self: ConfigResponse) -> str:
    account, region = _where(self)
    params = _params(self)
    names = params.get("ConfigRuleNames") or []
    types = params.get("ComplianceTypes") or []
    for value in types:
        if value not in ("COMPLIANT", "NON_COMPLIANT", "INSUFFICIENT_DATA"):
            raise config_error("InvalidParameterValueException", f"The ComplianceTypes value '{value}' is not valid.")
    records = [STORE.get(account, region, n) for n in names] if names else sorted(
        STORE.rules_in(account, region), key=lambda r: r.name)
    out = []
    for record in records:
        values = [r["ComplianceType"] for r in record.results.values()]
        non_compliant = values.count("NON_COMPLIANT")
        if non_compliant:
            compliance = {"ComplianceType": "NON_COMPLIANT",
                          "ComplianceContributorCount": {"CappedCount": min(non_compliant, 100),
                                                         "CapExceeded": non_compliant > 100}}
        elif "COMPLIANT" in values:
            compliance = {"ComplianceType": "COMPLIANT"}
        else:
            compliance = {"ComplianceType": "INSUFFICIENT_DATA"}
        if types and compliance["ComplianceType"] not in types:
            continue
        out.append({"ConfigRuleName": record.name, "Compliance": compliance})
    page, following = _page(out, params, "by-rule", 100)
    body: dict[str, Any] = {"ComplianceByConfigRules": page}
    if following:
        body["NextToken"] = following
    return json.dumps(body)


def start_config_rules_evaluation(self: ConfigResponse) -> str:
    account, region = _where(self)
    names = _params(self).get("ConfigRuleNames") or []
    if not 1 <= len(names) <= 25:
        raise config_error("ValidationException",
                           "1 validation error detected: Value at 'configRuleNames' failed to satisfy constraint: "
                           "Member must have length between 1 and 25")
    records = [STORE.get(account, region, n) for n in names]
    for record in records:
        if record.pending:
            raise config_error("LimitExceededException",
                               f"An evaluation of the rule {record.name} is already in progress. "
                               "Wait for it to finish before starting another one.")
    from .runner import RUNNER
    for record in records:
        RUNNER.evaluate_all(record)
    return "{}"


def describe_config_rule_evaluation_status(self: ConfigResponse) -> str:
    account, region = _where(self)
    params = _params(self)
    names = params.get("ConfigRuleNames") or []
    records = [STORE.get(account, region, n) for n in names] if names else sorted(
        STORE.rules_in(account, region), key=lambda r: r.name)
    limit = _limit(params, 50, 50)
    page, following = _page(records, params, "status", limit)
    body: dict[str, Any] = {"ConfigRulesEvaluationStatus": [r.status_shape() for r in page]}
    if following:
        body["NextToken"] = following
    return json.dumps(body)


def delete_evaluation_results(self: ConfigResponse) -> str:
    account, region = _where(self)
    record = STORE.get(account, region, _params(self).get("ConfigRuleName") or "")
    if record.pending:
        raise config_error("ResourceInUseException",
                           f"The rule {record.name} is currently being evaluated. Try again later.")
    record.results.clear()
    return "{}"


ACTIONS: dict[str, Callable[[ConfigResponse], str]] = {
    "put_config_rule": put_config_rule,
    "describe_config_rules": describe_config_rules,
    "delete_config_rule": delete_config_rule,
    "put_evaluations": put_evaluations,
    "get_compliance_details_by_config_rule": get_compliance_details_by_config_rule,
    "get_compliance_details_by_resource": get_compliance_details_by_resource,
    "describe_compliance_by_config_rule": describe_compliance_by_config_rule,
    "start_config_rules_evaluation": start_config_rules_evaluation,
    "describe_config_rule_evaluation_status": describe_config_rule_evaluation_status,
    "delete_evaluation_results": delete_evaluation_results,
}


def install() -> None:
    for name, function in ACTIONS.items():
        setattr(ConfigResponse, name, function)
