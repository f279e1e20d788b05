"""Judge a role's trust policy for one integration: can anyone but this integration assume it?

A pure function over the document IAM returns (``GetRole``'s ``AssumeRolePolicyDocument``). It
is conservative: only an ``Allow`` statement pinned by a plain ``StringEquals`` (or an exact
``StringLike``) to this integration's subject or ExternalId is trusted; set operators
(``ForAnyValue:``/``ForAllValues:``), ``...IfExists`` and wildcards are not, and a ``Deny`` is
never counted as closing an ``Allow`` (it only ever narrows, but proving it narrows enough is
the policy evaluator's job, not ours: the finding asks for the plain pinned form).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import unquote

from cloudwarden.platform.wif.trust_policy import (
    ASSUME_ROLE_ACTION,
    EXTERNAL_ID_KEY,
    WEB_IDENTITY_ACTION,
    RoleTrust,
    Trust,
    WifTrust,
    trust_policy,
)

CRITICAL = "critical"
UNVERIFIED = "unverified"
WILDCARDS = ("*", "?")
PINNING_OPERATORS = ("StringEquals", "StringLike")


@dataclass(frozen=True)
class TrustFinding:
    severity: str
    message: str
    fixed_policy: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "message": self.message,
            "fixed_policy": self.fixed_policy,
        }


def parse_document(raw: object) -> dict[str, Any]:
    """boto3 returns the document decoded; IAM's wire form is URL-encoded JSON."""
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        raise TypeError("the trust policy is neither a JSON object nor a string")
    text = unquote(raw) if raw.lstrip().startswith("%7B") else raw
    document = json.loads(text)
    if not isinstance(document, dict):
        raise TypeError("the trust policy is not a JSON object")
    return document


def verify(document: dict[str, Any], trust: Trust) -> list[TrustFinding]:
    """One finding per open statement; an empty list: only this integration can assume it."""
    fixed = trust_policy(trust)
    findings: list[TrustFinding] = []
    for index, statement in enumerate(_statements(document)):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        problem = _judge(statement, trust)
        if problem is not None:
            findings.append(TrustFinding(CRITICAL, f"statement {index + 1}: {problem}", fixed))
    return findings


def _statements(document: dict[str, Any]) -> list[Any]:
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _values(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _allows(statement: dict[str, Any], action: str) -> bool:
    if "NotAction" in statement:
        return not any(
            fnmatchcase(action.lower(), a.lower()) for a in _values(statement["NotAction"])
        )
    return any(fnmatchcase(action.lower(), a.lower()) for a in _values(statement.get("Action")))


def _principals(statement: dict[str, Any], kind: str) -> list[str]:
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return _values(principal.get(kind))
    return []


def _everyone(statement: dict[str, Any]) -> bool:
    return (
        "NotPrincipal" in statement
        or "*" in _principals(statement, "AWS")
        or (statement.get("Principal") == "*")
    )


def _pinned(statement: dict[str, Any], key: str, expected: str) -> str | None:
    """None when a plain StringEquals/exact StringLike pins ``key`` to ``expected``; else why."""
    condition = statement.get("Condition")
    if not isinstance(condition, dict) or not condition:
        return "it has no condition"
    wildcard = False
    for operator in PINNING_OPERATORS:
        block = condition.get(operator)
        if not isinstance(block, dict):
            continue
        for name, value in block.items():
            if name.lower() != key.lower():
                continue
            values = _values(value)
            exact = operator == "StringEquals" or not any(w in v for v in values for w in WILDCARDS)
            wildcard = wildcard or not exact
            if exact and values and all(v == expected for v in values):
                return None
    if wildcard:
        return f"its StringLike on {key} has a wildcard"
    return f"it has no StringEquals on {key} equal to {expected}"


def _judge(statement: dict[str, Any], trust: Trust) -> str | None:
    if isinstance(trust, WifTrust):
        return _judge_wif(statement, trust)
    return _judge_role(statement, trust)


def _judge_wif(statement: dict[str, Any], trust: WifTrust) -> str | None:
    if _everyone(statement) and _allows(statement, ASSUME_ROLE_ACTION):
        return "it trusts every AWS principal; any AWS account can assume this role"
    suffix = f":oidc-provider/{trust.host}".lower()
    ours = [
        p for p in _principals(statement, "Federated") if p == "*" or p.lower().endswith(suffix)
    ]
    if not ours or not _allows(statement, WEB_IDENTITY_ACTION):
        return None
    why = _pinned(statement, f"{trust.host}:sub", trust.subject)
    if why is None:
        return None
    return (
        f"it trusts this platform's identity provider but {why}: any other tenant of this "
        "platform can assume this role; pin the subject with the policy below"
    )


def _judge_role(statement: dict[str, Any], trust: RoleTrust) -> str | None:
    if not _allows(statement, ASSUME_ROLE_ACTION) or not (
        _everyone(statement) or _principals(statement, "AWS")
    ):
        return None
    if _everyone(statement):
        return "it trusts every AWS principal; any AWS account can assume this role"
    why = _pinned(statement, EXTERNAL_ID_KEY, trust.external_id)
    if why is None:
        return None
    return (
        f"it lets an AWS principal assume the role but {why}: any other tenant of this "
        "platform can have the platform assume it (confused deputy); require the ExternalId "
        "with the policy below"
    )
