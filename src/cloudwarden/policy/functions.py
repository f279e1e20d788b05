"""Functions registered in the CEL environment, for logic CEL lacks.

IAM policy statements (is the principal public, does it allow ``*:*``), CIDR and port maths,
dates, and the CIS log-metric-filter patterns. Each function is pure: its result depends only
on its arguments and on the evaluation's fixed ``now``. A check calls them from YAML; no check
is ever written in Python.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from typing import Any

from cloudwarden.policy import iam_policy

INTERNET = frozenset({"0.0.0.0/0", "::/0"})

RESTRICTING_CONDITION_KEYS = frozenset(
    key.lower()
    for key in (
        "aws:SourceArn",
        "aws:SourceAccount",
        "aws:SourceOwner",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceIp",
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:userid",
        "aws:username",
        "kms:CallerAccount",
        "kms:ViaService",
        "sts:ExternalId",
        "lambda:FunctionUrlAuthType",
    )
)
"""Condition keys that pin an otherwise public principal to known callers."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def statements(policy: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """A policy's statements as a list (a single statement object is allowed by IAM)."""
    if not policy:
        return []
    return [s for s in _as_list(policy.get("Statement")) if isinstance(s, Mapping)]


def principal_is_public(principal: Any) -> bool:
    """``"*"``, ``{"AWS": "*"}`` or a list containing ``"*"``: anyone at all."""
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        return any(
            value == "*"
            for key in ("AWS", "CanonicalUser")
            for value in _as_list(principal.get(key))
        )
    return False


def _has_restricting_condition(statement: Mapping[str, Any]) -> bool:
    conditions = statement.get("Condition") or {}
    if not isinstance(conditions, Mapping):
        return False
    for operator, clause in conditions.items():
        if not isinstance(clause, Mapping) or str(operator).startswith("ForAnyValue"):
            continue
        for key, value in clause.items():
            if key.lower() in RESTRICTING_CONDITION_KEYS and "*" not in _as_list(value):
                return True
    return False


def policy_is_public(policy: Mapping[str, Any] | None) -> bool:
    """Some Allow statement grants a public principal without a condition pinning the caller."""
    return any(
        statement.get("Effect") == "Allow"
        and principal_is_public(statement.get("Principal"))
        and not _has_restricting_condition(statement)
        for statement in statements(policy)
    )


def _matches(patterns: Iterable[Any], value: str) -> bool:
    return any(fnmatchcase(value.lower(), str(pattern).lower()) for pattern in patterns)


def policy_allows_action(policy: Mapping[str, Any] | None, action: str) -> bool:
    """Some Allow statement's Action covers ``action`` (wildcards honoured, case-insensitive)."""
    for statement in statements(policy):
        if statement.get("Effect") != "Allow":
            continue
        if "Action" in statement and _matches(_as_list(statement["Action"]), action):
            return True
        if "NotAction" in statement and not _matches(_as_list(statement["NotAction"]), action):
            return True
    return False


def policy_allows_admin(policy: Mapping[str, Any] | None) -> bool:
    """The policy grants every action on every resource (``"*"`` / ``"*:*"``) and no
    unconditional Deny takes any of it away (:func:`.iam_policy.grants_full_admin`)."""
    return iam_policy.grants_full_admin(policy)


def policy_escalation_paths(policy: Mapping[str, Any] | None) -> list[str]:
    """The privilege-escalation paths (e.g. ``iam:PassRole+ec2:RunInstances``) the identity
    policy opens on every resource (:data:`.iam_policy.ESCALATION_PATHS`)."""
    return iam_policy.escalation_paths(policy)


def policy_allows_action_everywhere(policy: Mapping[str, Any] | None, action: str) -> bool:
    """The identity policy allows ``action`` on every resource (``*``, or every resource of its
    kind), Deny and NotAction honoured (:func:`.iam_policy.allows_everywhere`)."""
    return iam_policy.allows_everywhere(policy, str(action))


def policy_denies_insecure_transport(policy: Mapping[str, Any] | None) -> bool:
    """A Deny statement applies when ``aws:SecureTransport`` is false (TLS is enforced)."""
    for statement in statements(policy):
        if statement.get("Effect") != "Deny":
            continue
        clause = (statement.get("Condition") or {}).get("Bool") or {}
        values = {k.lower(): v for k, v in clause.items()} if isinstance(clause, Mapping) else {}
        if str(values.get("aws:securetransport", "")).lower() == "false":
            return True
    return False


def cidr_is_internet(cidr: str | None) -> bool:
    """The CIDR is the whole IPv4 or IPv6 internet."""
    return cidr in INTERNET


def cidr_is_private(cidr: str | None) -> bool:
    """The CIDR lies entirely in private address space (RFC 1918, ULA, link-local...)."""
    if not cidr:
        return False
    try:
        return ipaddress.ip_network(cidr, strict=False).is_private
    except ValueError:
        return False


def rule_allows_port(rule: Mapping[str, Any], port: int) -> bool:
    """A security group or NACL rule admits TCP/UDP traffic to ``port``."""
    protocol = str(rule.get("protocol", ""))
    if protocol == "-1" or rule.get("all_traffic"):
        return True
    if protocol not in ("tcp", "udp", "6", "17"):
        return False
    low, high = rule.get("from_port"), rule.get("to_port")
    if low is None or high is None:
        return True
    return int(low) <= port <= int(high)


def _parse_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).replace("Z", "+00:00")
        moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


CIS_METRIC_PATTERNS: dict[str, tuple[str, ...]] = {
    "unauthorized-api-calls": (
        '$.errorcode="*unauthorizedoperation"',
        '$.errorcode="accessdenied*"',
    ),
    "console-signin-without-mfa": (
        '$.eventname="consolelogin"',
        '$.additionaleventdata.mfaused!="yes"',
    ),
    "root-account-usage": (
        '$.useridentity.type="root"',
        "$.useridentity.invokedby notexists",
        '$.eventtype!="awsserviceevent"',
    ),
    "iam-policy-changes": (
        "deletegrouppolicy",
        "deleterolepolicy",
        "deleteuserpolicy",
        "putgrouppolicy",
        "putrolepolicy",
        "putuserpolicy",
        "createpolicy",
        "deletepolicy",
        "createpolicyversion",
        "deletepolicyversion",
        "attachrolepolicy",
        "detachrolepolicy",
        "attachuserpolicy",
        "detachuserpolicy",
        "attachgrouppolicy",
        "detachgrouppolicy",
    ),
    "cloudtrail-changes": (
        "createtrail",
        "updatetrail",
        "deletetrail",
        "startlogging",
        "stoplogging",
    ),
    "console-authentication-failures": (
        '$.eventname="consolelogin"',
        '$.errormessage="failedauthentication"',
    ),
    "cmk-disable-or-deletion": (
        '$.eventsource="kms.amazonaws.com"',
        "disablekey",
        "schedulekeydeletion",
    ),
    "s3-bucket-policy-changes": (
        '$.eventsource="s3.amazonaws.com"',
        "putbucketacl",
        "putbucketpolicy",
        "putbucketcors",
        "putbucketlifecycle",
        "putbucketreplication",
        "deletebucketpolicy",
        "deletebucketcors",
        "deletebucketlifecycle",
        "deletebucketreplication",
    ),
    "config-changes": (
        '$.eventsource="config.amazonaws.com"',
        "stopconfigurationrecorder",
        "deletedeliverychannel",
        "putdeliverychannel",
        "putconfigurationrecorder",
    ),
    "security-group-changes": (
        "authorizesecuritygroupingress",
        "authorizesecuritygroupegress",
        "revokesecuritygroupingress",
        "revokesecuritygroupegress",
        "createsecuritygroup",
        "deletesecuritygroup",
    ),
    "nacl-changes": (
        "createnetworkacl",
        "createnetworkaclentry",
        "deletenetworkacl",
        "deletenetworkaclentry",
        "replacenetworkaclentry",
        "replacenetworkaclassociation",
    ),
    "network-gateway-changes": (
        "createcustomergateway",
        "deletecustomergateway",
        "attachinternetgateway",
        "createinternetgateway",
        "deleteinternetgateway",
        "detachinternetgateway",
    ),
    "route-table-changes": (
        '$.eventsource="ec2.amazonaws.com"',
        "createroute",
        "createroutetable",
        "replaceroute",
        "replaceroutetableassociation",
        "deleteroutetable",
        "deleteroute",
        "disassociateroutetable",
    ),
    "vpc-changes": (
        "createvpc",
        "deletevpc",
        "modifyvpcattribute",
        "acceptvpcpeeringconnection",
        "createvpcpeeringconnection",
        "deletevpcpeeringconnection",
        "rejectvpcpeeringconnection",
        "attachclassiclinkvpc",
        "detachclassiclinkvpc",
        "disablevpcclassiclink",
        "enablevpcclassiclink",
    ),
    "organizations-changes": (
        "$.eventsource=organizations.amazonaws.com",
        "accepthandshake",
        "attachpolicy",
        "createaccount",
        "createorganizationalunit",
        "createpolicy",
        "declinehandshake",
        "deleteorganization",
        "deleteorganizationalunit",
        "deletepolicy",
        "detachpolicy",
        "disablepolicytype",
        "enablepolicytype",
        "inviteaccounttoorganization",
        "leaveorganization",
        "moveaccount",
        "removeaccountfromorganization",
        "updatepolicy",
        "updateorganizationalunit",
    ),
}
"""For each CIS 4.x monitoring control, the terms its metric filter pattern must contain."""


def filter_pattern_covers(pattern: str | None, control: str) -> bool:
    """A CloudWatch Logs filter pattern contains every term the named CIS 4.x control needs.

    Compared without whitespace, quotes or case (the benchmark itself quotes some values and
    not others), so equivalent spellings match; an unknown control name is an error, not a
    silent false.
    """
    if control not in CIS_METRIC_PATTERNS:
        raise ValueError(f"unknown CIS metric control {control!r}")
    if not pattern:
        return False
    compact = _compact(pattern)
    return all(_compact(term) in compact for term in CIS_METRIC_PATTERNS[control])


def _compact(text: str) -> str:
    return re.sub(r"[\s\"']+", "", text).lower()


def make_functions(now: datetime) -> dict[str, Callable[..., Any]]:
    """The functions of one evaluation, with its fixed ``now`` for date arithmetic."""
    from cloudwarden.policy.functions_organizations import ORGANIZATIONS_FUNCTIONS  # noqa: PLC0415 - it builds on this module
    from cloudwarden.policy.functions_principals import FUNCTIONS as PRINCIPALS  # noqa: PLC0415

    def days_since(value: Any) -> int:
        """Whole days from ``value`` (an ISO timestamp) to the evaluation's now."""
        return (now - _parse_time(value)).days

    def days_until(value: Any) -> int:
        """Whole days from the evaluation's now to ``value`` (negative once past)."""
        return (_parse_time(value) - now).days

    return {
        "policy_is_public": policy_is_public,
        "policy_allows_action": policy_allows_action,
        "policy_allows_admin": policy_allows_admin,
        "policy_escalation_paths": policy_escalation_paths,
        "policy_allows_action_everywhere": policy_allows_action_everywhere,
        "policy_denies_insecure_transport": policy_denies_insecure_transport,
        "principal_is_public": principal_is_public,
        "cidr_is_internet": cidr_is_internet,
        "cidr_is_private": cidr_is_private,
        "rule_allows_port": rule_allows_port,
        "filter_pattern_covers": filter_pattern_covers,
        "days_since": days_since,
        "days_until": days_until,
        **ORGANIZATIONS_FUNCTIONS,
        **PRINCIPALS,
    }


FUNCTION_NAMES = frozenset(make_functions(datetime.now(UTC))) | {"related", "related_where"}
"""Every function a check may call (``related`` and ``related_where`` come from the evaluator)."""
