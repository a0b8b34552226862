"""cfn-lint before CreateStack: template errors (the call fails) and property errors by resource
(the stack fails), fast enough to sit on the request path.

cfn-lint costs ~20 ms per resource on this machine, so a 300-bucket fixture took seconds. Test
fixtures repeat themselves: resources identical but for their logical id, and referenced nowhere,
are linted once and their findings copied to the others. Results are cached per template text."""

from __future__ import annotations

import collections
import json
import re
import sys
import threading
from dataclasses import dataclass, replace
from typing import Any

# AWS's limit: a template with more resources is linted whole, so that cfn-lint reports it.
MAXIMUM_RESOURCES = 500


@dataclass(frozen=True)
class Finding:
    """One cfn-lint error: its rule id (E3002), message and path in the template."""

    rule_id: str
    message: str
    path: tuple


_LINTER: Any = None
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], list[Finding]] = {}
_CACHE_SIZE = 64


def warm_up() -> None:
    """Imports cfn-lint, loads its rules and lints a tiny template so the first CreateStack is fast."""
    try:
        lint("Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "us-east-1")
    except Exception as error:
        print(f"[potemkin-local] cfn-lint warm-up failed: {error}", file=sys.stderr)


def lint(template: str, region: str) -> list[Finding]:
    """cfn-lint's errors for `template` (serialised: cfn-lint is not thread-safe)."""
    global _LINTER
    key = (template, region)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        if _LINTER is None:
            from cfnlint.config import ConfigMixIn
            from cfnlint.decode.decode import decode_str
            from cfnlint.runner import Runner, run_template_by_data
            # Loading cfn-lint's rules takes most of a second, and cfnlint.api.lint() loads them on
            # every call: load them once (they do not depend on the region) and run them per template.
            _LINTER = (decode_str, run_template_by_data, ConfigMixIn, Runner(ConfigMixIn(regions=[region])).rules)
        decode, run, config, rules = _LINTER
        parsed, errors = decode(template)
        if errors:
            findings = [_finding(match) for match in errors]
        elif parsed is None:
            findings = []
        else:
            stand_ins = _drop_repeats(parsed, template)
            matches = [_finding(m) for m in run(parsed, config(regions=[region]), rules) if _is_error(m)]
            findings = _copy_to_repeats(matches, stand_ins)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = findings
        return findings


def _is_error(match: Any) -> bool:
    return getattr(match.rule, "severity", "error") == "error" or str(match.rule.id).startswith("E")


def _finding(match: Any) -> Finding:
    return Finding(str(match.rule.id), str(match.message), tuple(getattr(match, "path", None) or ()))


def _drop_repeats(parsed: Any, text: str) -> dict[str, list[str]]:
    """Removes from `parsed` (in place) each resource that repeats an earlier one but for its logical id
    and whose id appears nowhere else in `text` (no Ref, GetAtt, Sub, DependsOn, Output can name it).
    Returns {kept resource: [the ids it stands for]}."""
    resources = parsed.get("Resources") if isinstance(parsed, dict) else None
    if not isinstance(resources, dict) or not 1 < len(resources) <= MAXIMUM_RESOURCES:
        return {}
    mentions = collections.Counter(re.findall(r"[A-Za-z0-9]+", text))
    first_of: dict[str, str] = {}
    stand_ins: dict[str, list[str]] = {}
    for logical, definition in list(resources.items()):
        if mentions[str(logical)] != 1:
            continue
        try:
            signature = json.dumps(definition, sort_keys=True)
        except (TypeError, ValueError):
            continue
        kept = first_of.setdefault(signature, logical)
        if kept != logical:
            stand_ins.setdefault(kept, []).append(logical)
            del resources[logical]
    return stand_ins


def _copy_to_repeats(findings: list[Finding], stand_ins: dict[str, list[str]]) -> list[Finding]:
    copied = list(findings)
    for finding in findings:
        path = finding.path
        if len(path) >= 2 and path[0] == "Resources" and str(path[1]) in stand_ins:
            for other in stand_ins[str(path[1])]:
                copied.append(replace(finding, path=(path[0], other) + tuple(path[2:])))
    return copied


def classify(findings: list[Finding]) -> tuple[list[str], dict[str, list[str]]]:
    """(template errors, property errors by logical id)."""
    template_errors: list[str] = []
    property_errors: dict[str, list[str]] = {}
    for finding in findings:
        path = list(finding.path)
        location = "/".join(str(p) for p in path)
        if (finding.rule_id.startswith("E3") and len(path) >= 3 and path[0] == "Resources"
                and path[2] == "Properties"):
            property_errors.setdefault(str(path[1]), []).append(
                f"#/{'/'.join(str(p) for p in path[3:])}: {finding.message}" if len(path) > 3 else finding.message)
        else:
            template_errors.append(f"{finding.message}" + (f" (at {location})" if location else "")
                                   + f" [{finding.rule_id}]")
    return template_errors, property_errors
