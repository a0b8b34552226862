"""CloudFormation on top of moto: cfn-lint before creation (lint.py), failed stacks that
roll back instead of hanging, per-resource events, --stack-delay, the
AWS::Config::ConfigRule resource, configuration-change notifications for
the rule runner when stacks complete or are deleted, and DELETE_FAILED for a
bucket that still holds objects (moto would keep the bucket and say nothing)."""

from __future__ import annotations

import json
import sys
import threading
import time
import datetime as dt
from typing import Any
from urllib.parse import unquote, urlparse

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import CloudFormationBackend, Event, Stack
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.s3.models import FakeBucket, s3_backends
from moto.utilities.utils import get_partition

from . import items
from .lint import classify, lint
from .config_store import STORE
from .state import LOCK, RUNTIME, arrival

# --- AWS::Config::ConfigRule --------------------------------------------------------------------


class ConfigRuleResource(CloudFormationModel):
    """`AWS::Config::ConfigRule`: Ref is the rule name; GetAtt Arn, ConfigRuleId, Compliance.Type."""

    def __init__(self, account: str, region: str, name: str, arn: str, rule_id: str):
        self.account, self.region, self.name, self.arn, self.rule_id = account, region, name, arn, rule_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ConfigRuleName"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Config::ConfigRule"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "ConfigRuleId", "Compliance.Type")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "ConfigRuleId":
            return self.rule_id
        if attribute_name == "Compliance.Type":
            return "INSUFFICIENT_DATA"
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: Any, account_id: str,
                                        region_name: str, **kwargs: Any) -> "ConfigRuleResource":
        from .config_api import put_rule
        properties = dict(cloudformation_json.get("Properties") or {})
        properties["ConfigRuleName"] = resource_name
        if isinstance(properties.get("InputParameters"), (dict, list)):
            properties["InputParameters"] = json.dumps(properties["InputParameters"])
        properties.pop("Compliance", None)
        record, _ = put_rule(account_id, region_name, properties, stack_id=kwargs.get("StackId"))
        return cls(account_id, region_name, record.name, record.arn, record.rule_id)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name: str, cloudformation_json: Any, account_id: str,
                                        region_name: str) -> None:
        if (account_id, region_name, resource_name) in STORE.rules:
            STORE.delete(account_id, region_name, resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, self.account, self.region)

    def is_created(self) -> bool:
        return True


# --- templates ----------------------------------------------------------------------------------

def fetch_template(url: str, account: str) -> str:
    """A TemplateURL on the backend's own S3 (path style or bucket.s3.amazonaws.com)."""
    parts = urlparse(url)
    host = parts.hostname or ""
    path = unquote(parts.path).lstrip("/")
    if host.endswith("amazonaws.com") and not host.startswith("s3.") and not host.startswith("s3-") and ".s3" in host:
        bucket, key = host.split(".s3", 1)[0], path
    else:
        bucket, _, key = path.partition("/")
    if not bucket or not key:
        raise ValidationError(message=f"TemplateURL must be a supported URL: {url}")
    try:
        return s3_backends[account]["aws"].get_object(bucket, key).value.decode("utf-8")
    except Exception:
        raise ValidationError(message="S3 error: Access Denied (the template object "
                                      f"s3://{bucket}/{key} does not exist in the local backend)")


# --- stack lifecycle ----------------------------------------------------------------------------

def _utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class _GoneOutputs(dict):
    exports: list = []


class _GoneResources(dict):
    def delete(self) -> None:
        pass


def _event(stack: Stack, logical: str, physical: str | None, rtype: str, status: str,
           reason: str | None = None) -> None:
    event = Event(stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical,
                  physical_resource_id=physical or "", resource_type=rtype, resource_status=status,
                  resource_status_reason=reason, resource_properties=None)
    event.timestamp = _utc()
    stack.events.append(event)


def _stack_event(stack: Stack, status: str, reason: str | None = None) -> None:
    _event(stack, stack.name, stack.stack_id, "AWS::CloudFormation::Stack", status, reason)


def _resources(stack: Stack) -> list[tuple[str, str | None, str, Any]]:
    """(logical id, physical id, type, moto model) in creation order, without those a failed
    delete already removed."""
    out = []
    parsed = getattr(stack.resource_map, "_parsed_resources", {}) or {}
    template_resources = (stack.template_dict or {}).get("Resources") or {}
    gone = _deleted_resources(stack)
    for logical, model in parsed.items():
        if logical not in template_resources or logical in gone:
            continue
        rtype = template_resources[logical].get("Type", "")
        physical = getattr(model, "physical_resource_id", None) if model is not None and not isinstance(model, str) else None
        out.append((logical, physical, rtype, model if not isinstance(model, str) else None))
    seen = {r[0] for r in out} | gone
    for logical, body in template_resources.items():
        if logical not in seen:
            out.append((logical, f"{stack.name}-{logical}", body.get("Type", ""), None))
    return out


def _retained(stack: Stack, logical: str) -> bool:
    """Whether the template keeps the resource when the stack is deleted (DeletionPolicy Retain)."""
    body = ((stack.template_dict or {}).get("Resources") or {}).get(logical) or {}
    return body.get("DeletionPolicy") == "Retain"


def _deleted_status(stack: Stack, logical: str) -> str:
    """The event of a resource the stack's delete is done with: retained ones are skipped."""
    return "DELETE_SKIPPED" if _retained(stack, logical) else "DELETE_COMPLETE"


def _deleted_resources(stack: Stack) -> set[str]:
    """Logical ids of resources a delete that ended in DELETE_FAILED did remove."""
    return getattr(stack, "potemkin_deleted", set())


# --- buckets that hold objects ------------------------------------------------------------------

NOT_EMPTY = ("The bucket you tried to delete is not empty (Service: S3, Status Code: 409, "
             "HandlerErrorCode: GeneralServiceException)")


class ResourceDeleteFailed(Exception):
    """A resource CloudFormation cannot delete; the stack's delete ends in DELETE_FAILED."""


_moto_delete_bucket_resource = FakeBucket.delete_from_cloudformation_json


def _delete_bucket_resource(cls, resource_name: str, cloudformation_json: Any, account_id: str,
                            region_name: str) -> None:
    """AWS refuses to delete a bucket that holds objects, so the stack's delete fails on it;
    moto's own delete keeps such a bucket and reports success."""
    bucket = s3_backends[account_id][get_partition(region_name)].buckets.get(resource_name)
    if bucket is not None and len(bucket.keys):
        raise ResourceDeleteFailed(NOT_EMPTY)
    _moto_delete_bucket_resource(resource_name, cloudformation_json, account_id, region_name)


def _notify(account: str, region: str, configuration_items: list[dict]) -> None:
    from .runner import RUNNER
    for item in configuration_items:
        RUNNER.resource_changed(account, region, item)


def _capture(stack: Stack) -> dict[str, dict]:
    """The configuration item of each resource Config records, by logical id."""
    captured = {}
    for logical, _, rtype, model in _resources(stack):
        item = items.from_model(stack.account_id, stack.region_name, rtype, model)
        if item:
            captured[logical] = item
    return captured


class StackLifecycle:
    """Drives a stack through its statuses and events, on a timeline when --stack-delay > 0."""

    def __init__(self) -> None:
        self.generations: dict[str, int] = {}

    def _bump(self, stack: Stack) -> int:
        self.generations[stack.stack_id] = self.generations.get(stack.stack_id, 0) + 1
        return self.generations[stack.stack_id]

    def _run(self, stack: Stack, steps: list, delay: float, since: float) -> None:
        """Runs steps (callables) spread over the `delay` seconds after `since` (the request's arrival,
        by time.monotonic()), each under LOCK; stops when the stack's generation changes (a delete
        started). The delay counts from the request's arrival, as provisioning time does in AWS: the
        backend's own work (cfn-lint, moto) is part of it, not added to it. When that work took
        more than half of the delay, the steps still take half of it after the answer: AWS never
        answers a CreateStack with a stack that is already complete, and a client's timeout shorter
        than the delay must still see the stack in progress, also on a loaded machine."""
        generation = self._bump(stack)
        if delay <= 0:
            for step in steps:
                step()
            return
        answered = time.monotonic()
        spread = delay / 2

        def timeline() -> None:
            for index, step in enumerate(steps):
                share = (index + 1) / len(steps)
                due = max(since + delay * share, answered + spread * share)
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                with LOCK:
                    if self.generations.get(stack.stack_id) != generation:
                        return
                    try:
                        step()
                    except Exception as error:  # keep the timeline alive for later steps
                        print(f"[potemkin-local] stack step failed: {error!r}", file=sys.stderr)

        threading.Thread(target=timeline, name=f"stack-{stack.name}", daemon=True).start()

    def created(self, stack: Stack, since: float) -> None:
        """moto created everything already; replay it as AWS would show it. Config records each
        resource when it is created, as in AWS: the rule runner hears of it at its CREATE_COMPLETE,
        not at the stack's."""
        stack.events = [e for e in stack.events if e.resource_status == "CREATE_IN_PROGRESS"][:1]
        stack.status = "CREATE_IN_PROGRESS"
        resources = _resources(stack)
        steps = []
        for logical, physical, rtype, model in resources:
            def step(logical=logical, physical=physical, rtype=rtype, model=model) -> None:
                _event(stack, logical, None, rtype, "CREATE_IN_PROGRESS")
                _event(stack, logical, physical, rtype, "CREATE_IN_PROGRESS", "Resource creation Initiated")
                _event(stack, logical, physical, rtype, "CREATE_COMPLETE")
                item = items.from_model(stack.account_id, stack.region_name, rtype, model)
                if item:
                    _notify(stack.account_id, stack.region_name, [item])
            steps.append(step)

        def complete() -> None:
            stack.status = "CREATE_COMPLETE"
            _stack_event(stack, "CREATE_COMPLETE")
        steps.append(complete)
        self._run(stack, steps, RUNTIME.options.stack_delay, since)

    def failed(self, stack: Stack, failures: dict[str, str], since: float) -> None:
        """A stack whose resources could not be created: CREATE_FAILED, then ROLLBACK_COMPLETE."""
        stack.events = [e for e in stack.events if e.resource_status == "CREATE_IN_PROGRESS"][:1]
        stack.status = "CREATE_IN_PROGRESS"
        types = {k: v.get("Type", "") for k, v in ((stack.template_dict or {}).get("Resources") or {}).items()}
        names = sorted(failures)

        def fail() -> None:
            for logical in names:
                _event(stack, logical, None, types.get(logical, ""), "CREATE_IN_PROGRESS")
                _event(stack, logical, None, types.get(logical, ""), "CREATE_FAILED", failures[logical])
            reason = f"The following resource(s) failed to create: [{', '.join(names)}]. Rollback requested by user."
            stack.status = "ROLLBACK_IN_PROGRESS"
            stack.stack_status_reason = reason
            _stack_event(stack, "ROLLBACK_IN_PROGRESS", reason)

        def rolled_back() -> None:
            for logical in names:
                _event(stack, logical, None, types.get(logical, ""), "DELETE_COMPLETE")
            stack.status = "ROLLBACK_COMPLETE"
            _stack_event(stack, "ROLLBACK_COMPLETE")
        self._run(stack, [fail, rolled_back], RUNTIME.options.stack_delay, since)

    def delete(self, stack: Stack, backend: CloudFormationBackend, since: float) -> None:
        if stack.status in ("DELETE_IN_PROGRESS", "DELETE_COMPLETE"):
            return
        rolled_back = stack.status in ("ROLLBACK_COMPLETE", "ROLLBACK_IN_PROGRESS")
        # Config hears of each deleted resource; a retained one stays recorded.
        captured = {} if rolled_back else {
            logical: item for logical, item in _capture(stack).items() if not _retained(stack, logical)}
        resources = [] if rolled_back else list(reversed(_resources(stack)))
        stack.status = "DELETE_IN_PROGRESS"
        _stack_event(stack, "DELETE_IN_PROGRESS", "User Initiated")
        steps = []
        for logical, physical, rtype, _ in resources:
            def step(logical=logical, physical=physical, rtype=rtype) -> None:
                _event(stack, logical, physical, rtype, "DELETE_IN_PROGRESS")
            steps.append(step)

        def finish() -> None:
            events = list(stack.events)
            if rolled_back:
                stack.resource_map = _GoneResources()
            try:
                backend.delete_stack(stack.stack_id)
            except Exception as error:
                backend.stacks[stack.stack_id] = stack
                backend.deleted_stacks.pop(stack.stack_id, None)
                stack.events = events
                self._delete_failed(stack, resources, captured, error)
                return
            stack.events = events
            for logical, physical, rtype, _ in resources:
                _event(stack, logical, physical, rtype, _deleted_status(stack, logical))
            stack.status = "DELETE_COMPLETE"
            _stack_event(stack, "DELETE_COMPLETE")
            stack.output_map = _GoneOutputs()
            stack.resource_map = _GoneResources()
            _notify(stack.account_id, stack.region_name, [items.deleted(i) for i in captured.values()])
        steps.append(finish)
        self._run(stack, steps, RUNTIME.options.stack_delay, since)

    @staticmethod
    def _delete_failed(stack: Stack, resources: list, captured: dict[str, dict], error: Exception) -> None:
        """What AWS shows when some resources could not be deleted: the others are gone (Config
        records them deleted), each one left has DELETE_FAILED with its reason, and the stack is
        DELETE_FAILED naming them. Deleting the stack again retries only those."""
        remaining = set(getattr(stack.resource_map, "_parsed_resources", {}) or {})
        definitions = getattr(stack.resource_map, "_resource_json_map", {})
        why = str(error) if isinstance(error, ResourceDeleteFailed) else f"{type(error).__name__}: {error}"
        failed = []
        deleted = set()
        for logical, physical, rtype, _ in resources:
            if logical in remaining and not _retained(stack, logical):
                failed.append(logical)
                _event(stack, logical, physical, rtype, "DELETE_FAILED", why)
                continue
            _event(stack, logical, physical, rtype, _deleted_status(stack, logical))
            if logical not in remaining:
                deleted.add(logical)
                # moto's resource map creates any resource it is asked for and does not hold.
                definitions.pop(logical, None)
        stack.potemkin_deleted = _deleted_resources(stack) | deleted
        stack.status = "DELETE_FAILED"
        stack.stack_status_reason = (f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
                                     if failed else why)
        _stack_event(stack, "DELETE_FAILED", stack.stack_status_reason)
        gone = [items.deleted(item) for logical, item in captured.items() if logical not in remaining]
        _notify(stack.account_id, stack.region_name, gone)


LIFECYCLE = StackLifecycle()


# --- CloudFormationResponse patches -------------------------------------------------------------

def create_stack(self: CloudFormationResponse) -> ActionResult:
    arrived = arrival()
    name = self._get_param("StackName")
    body = self._get_param("TemplateBody")
    url = self._get_param("TemplateURL")
    if not name:
        raise ValidationError(message="1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null")
    if body and url:
        raise ValidationError(message="Specify exactly one of TemplateBody or TemplateUrl.")
    if body and len(body.encode("utf-8")) > 51200:
        raise ValidationError(message="1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200")
    if url:
        body = fetch_template(url, self.current_account)
    if not body:
        raise ValidationError(message="Either Template URL or Template Body must be specified.")
    backend: CloudFormationBackend = self.cloudformation_backend
    token = self._get_param("ClientRequestToken")
    retried = _same_request(backend, name, token)
    if retried:
        return retried
    with LOCK.released():
        findings = lint(body, self.region)
    # The lock was released while linting: a retry of this very request may have got through meanwhile.
    retried = _same_request(backend, name, token)
    if retried:
        return retried
    template_errors, property_errors = classify(findings)
    if template_errors:
        raise ValidationError(message="Template format error: " + "; ".join(template_errors[:5]))
    parameters = self._get_params_from_list(self._get_param("Parameters", []))
    tags = {item["Key"]: item["Value"] for item in self._get_param("Tags", [])}
    options = dict(parameters=parameters, notification_arns=self._get_param("NotificationARNs", []), tags=tags,
                   role_arn=self._get_param("RoleARN"),
                   enable_termination_protection=self._get_param("EnableTerminationProtection"),
                   timeout_in_mins=self._get_param("TimeoutInMinutes"),
                   stack_policy_body=self._get_param("StackPolicyBody"))
    if property_errors:
        stack = backend.create_stack(name=name, template='{"Resources": {}}', **options)
        stack.potemkin_request_token = token
        _adopt_template(stack, body)
        LIFECYCLE.failed(stack, {k: f"Properties validation failed for resource {k} with message: " + "; ".join(v)
                                 for k, v in property_errors.items()}, arrived)
        return ActionResult({"StackId": stack.stack_id})
    try:
        stack = backend.create_stack(name=name, template=body, **options)
        stack.potemkin_request_token = token
    except (CloudFormationError, parsing.UnformattedGetAttTemplateException) as error:
        _drop_partial(backend, name)
        if isinstance(error, CloudFormationError):
            raise
        raise ValidationError(message=f"Template error: {error}")
    except Exception as error:
        stack = next((s for s in backend.stacks.values() if s.name == name), None)
        if stack is None:
            raise ValidationError(message=f"Template error: {type(error).__name__}: {error}")
        stack.potemkin_request_token = token
        try:
            stack.resource_map.delete()
        except Exception:
            pass
        failing = _failing_resource(stack)
        code = getattr(error, "error_type", None) or getattr(error, "code", None) or type(error).__name__
        message = getattr(error, "message", None) or str(error)
        LIFECYCLE.failed(stack, {failing: f"Resource handler returned message: \"{message}\" "
                                          f"(HandlerErrorCode: {code})"}, arrived)
        return ActionResult({"StackId": stack.stack_id})
    LIFECYCLE.created(stack, arrived)
    return ActionResult({"StackId": stack.stack_id})


def _same_request(backend: CloudFormationBackend, name: str, token: str | None) -> ActionResult | None:
    """As CloudFormation: a live stack of that name answers a retry carrying the same
    ClientRequestToken with its id, and any other CreateStack with AlreadyExistsException.
    A deleted stack's name may be used again."""
    for stack in backend.stacks.values():
        if stack.name != name or stack.status == "DELETE_COMPLETE":
            continue
        if token and getattr(stack, "potemkin_request_token", None) == token:
            return ActionResult({"StackId": stack.stack_id})
        from moto.cloudformation.exceptions import AlreadyExistsException
        raise AlreadyExistsException(f"Stack [{name}] already exists")
    return None


def _adopt_template(stack: Stack, body: str) -> None:
    stack.template = body
    try:
        stack.template_dict = Stack.parse_template(body)
        stack.description = stack.template_dict.get("Description")
    except Exception:
        pass


def _drop_partial(backend: CloudFormationBackend, name: str) -> None:
    for stack_id, stack in list(backend.stacks.items()):
        if stack.name == name:
            try:
                stack.resource_map.delete()
            except Exception:
                pass
            del backend.stacks[stack_id]


def _failing_resource(stack: Stack) -> str:
    parsed = getattr(stack.resource_map, "_parsed_resources", {}) or {}
    for logical in ((stack.template_dict or {}).get("Resources") or {}):
        if logical not in parsed:
            return logical
    return next(iter((stack.template_dict or {}).get("Resources") or {"Stack": None}))


def delete_stack(self: CloudFormationResponse) -> ActionResult:
    arrived = arrival()
    name = self._get_param("StackName")
    backend: CloudFormationBackend = self.cloudformation_backend
    stack = backend.stacks.get(name) or next((s for s in backend.stacks.values() if s.name == name), None)
    if stack is not None:
        LIFECYCLE.delete(stack, backend, arrived)
    return ActionResult({})


def _resource_states(stack: Stack, resources) -> list[dict[str, Any]]:
    """Each resource with the status, reason and time of its latest event (moto answers
    CREATE_COMPLETE, or the stack's status, for all), so a DELETE_FAILED resource says why it is
    still there."""
    latest = {}
    for event in stack.events:
        latest[event.logical_resource_id] = event
    states = []
    for resource in resources:
        logical = getattr(resource, "logical_resource_id", "")
        event = latest.get(logical)
        state = {
            "LogicalResourceId": logical,
            "PhysicalResourceId": getattr(resource, "physical_resource_id", ""),
            "ResourceType": getattr(resource, "cf_resource_type", ""),
            "ResourceStatus": event.resource_status if event else "CREATE_COMPLETE",
            "Timestamp": event.timestamp if event else stack.creation_time,
        }
        if event and event.resource_status_reason:
            state["ResourceStatusReason"] = event.resource_status_reason
        states.append(state)
    return states


def list_stack_resources(self: CloudFormationResponse) -> ActionResult:
    backend: CloudFormationBackend = self.cloudformation_backend
    name = self._get_param("StackName")
    summaries = _resource_states(backend.get_stack(name), backend.list_stack_resources(name))
    for summary in summaries:
        summary["LastUpdatedTimestamp"] = summary.pop("Timestamp")
    return ActionResult({"StackResourceSummaries": summaries})


def describe_stack_resources(self: CloudFormationResponse) -> ActionResult:
    backend: CloudFormationBackend = self.cloudformation_backend
    stack, resources = backend.describe_stack_resources(
        self._get_param("StackName"), self._get_param("LogicalResourceId"))
    details = _resource_states(stack, resources)
    for detail in details:
        detail.update({"StackName": stack.name, "StackId": stack.stack_id})
    return ActionResult({"StackResources": details})


def install() -> None:
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
    assert "AWS::Config::ConfigRule" in parsing.get_model_map()
    FakeBucket.delete_from_cloudformation_json = classmethod(_delete_bucket_resource)
    CloudFormationResponse.create_stack = create_stack
    CloudFormationResponse.delete_stack = delete_stack
    CloudFormationResponse.list_stack_resources = list_stack_resources
    CloudFormationResponse.describe_stack_resources = describe_stack_resources
