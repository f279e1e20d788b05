"""CEL functions for guardrail policies (service control policies): what they deny."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cloudwarden.policy.functions import _as_list, _matches, statements

REGION_KEY = "aws:requestedregion"


def _denies_unconditionally(statement: Mapping[str, Any]) -> bool:
    return statement.get("Effect") == "Deny" and not statement.get("Condition")


def policy_denies_action(policy: Mapping[str, Any] | None, action: str) -> bool:
    """Some Deny statement without a condition covers ``action`` (by Action, or by a NotAction
    that leaves it out); wildcards honoured, case-insensitive."""
    for statement in statements(policy):
        if not _denies_unconditionally(statement):
            continue
        if "Action" in statement and _matches(_as_list(statement["Action"]), action):
            return True
        if "NotAction" in statement and not _matches(_as_list(statement["NotAction"]), action):
            return True
    return False


def policy_restricts_regions(policy: Mapping[str, Any] | None) -> bool:
    """Some Deny statement is conditioned on ``aws:RequestedRegion`` (a region guardrail)."""
    for statement in statements(policy):
        if statement.get("Effect") != "Deny":
            continue
        conditions = statement.get("Condition") or {}
        if not isinstance(conditions, Mapping):
            continue
        for clause in conditions.values():
            if isinstance(clause, Mapping) and any(
                str(key).lower() == REGION_KEY for key in clause
            ):
                return True
    return False


ORGANIZATIONS_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "policy_denies_action": policy_denies_action,
    "policy_restricts_regions": policy_restricts_regions,
}
