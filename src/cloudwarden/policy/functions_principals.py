"""Who a resource policy lets in: any account, or which accounts (EventBridge buses, SES
identities and other resource policies that grant whole accounts).

AWS writes an "everyone" grant in several ways: ``"*"``, ``{"AWS": "*"}`` and, when a bus or an
identity policy is written with the account wildcard, ``arn:aws:iam::*:root``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from cloudwarden.policy.functions import policy_is_public, statements

_ACCOUNT_ARN = re.compile(r"^arn:[^:]+:iam::(\*|\d{12}):")
_ACCOUNT_ID = re.compile(r"^\d{12}$")


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _aws_principals(principal: Any) -> list[str]:
    """The AWS principals of a statement (``"*"`` counts as one); service principals are not."""
    if principal == "*":
        return ["*"]
    if isinstance(principal, Mapping):
        return [str(value) for value in _values(principal.get("AWS"))]
    return []


def _account_of(principal: str) -> str:
    """``"*"``, the 12-digit account of an account id or IAM ARN, or the principal itself."""
    if principal == "*" or _ACCOUNT_ID.match(principal):
        return principal
    match = _ACCOUNT_ARN.match(principal)
    return match.group(1) if match else principal


def _any_account_as_star(statement: Mapping[str, Any]) -> Mapping[str, Any]:
    principal = statement.get("Principal")
    if not isinstance(principal, Mapping):
        return statement
    aws = ["*" if _account_of(value) == "*" else value for value in _aws_principals(principal)]
    return {**statement, "Principal": {**principal, "AWS": aws}}


def policy_allows_any_account(policy: Mapping[str, Any] | None) -> bool:
    """Some Allow statement lets any AWS account in (``*`` or ``arn:aws:iam::*:root``) with no
    condition pinning the caller (the same conditions :func:`policy_is_public` honours)."""
    normalised = {"Statement": [_any_account_as_star(s) for s in statements(policy)]}
    return policy_is_public(normalised)


def policy_trusted_accounts(policy: Mapping[str, Any] | None) -> list[str]:
    """The accounts (12-digit ids, or ``*``) that Allow statements name as AWS principals,
    sorted and without repeats; service principals are not accounts."""
    accounts = {
        _account_of(principal)
        for statement in statements(policy)
        if statement.get("Effect") == "Allow"
        for principal in _aws_principals(statement.get("Principal"))
    }
    return sorted(accounts)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "policy_allows_any_account": policy_allows_any_account,
    "policy_trusted_accounts": policy_trusted_accounts,
}
"""What :func:`cloudwarden.policy.functions.make_functions` adds from this module."""
