"""What an IAM identity policy document lets its holder do on every resource.

The questions the IAM checks ask of a customer managed or inline policy: does it make its
holder a full administrator, which privilege-escalation paths does it open, is an action
(``sts:AssumeRole``) allowed on any resource at all. Pure functions of a parsed document, with
IAM's evaluation rules where they decide the answer:

- ``Statement`` may be one object or a list; ``Action``/``NotAction`` and
  ``Resource``/``NotResource`` may be one string or a list.
- Action patterns use IAM's wildcards (``*`` any run of characters, ``?`` one), compared
  case-insensitively: ``iam:*`` and ``iam:Put*`` cover ``iam:PutRolePolicy``. ``NotAction``
  allows every action it does not list.
- An explicit Deny wins. A Deny counts only when it has no ``Condition`` (whether a condition
  holds is not known from the document, and an escalation that works some of the time is still
  one); an Allow counts with or without a condition, for the same reason.
- "On every resource" means ``Resource: "*"``, a pattern covering every resource of the kind an
  escalation acts on (``arn:aws:iam::123456789012:role/*``, ``arn:aws:lambda:*:*:function:*``;
  full administrator rights need ``*`` itself), or a ``NotResource`` (all but some). A grant on
  named resources is not an escalation the document alone can prove.

Values come from a scanned account and may be malformed: anything that is not the expected
shape counts as absent, never as an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ALL = "*"
FULL_ADMIN_ACTIONS = frozenset({"*", "*:*"})

ESCALATION_PATHS: Mapping[str, tuple[str, ...]] = {
    "iam:CreatePolicyVersion": ("iam:CreatePolicyVersion",),
    "iam:SetDefaultPolicyVersion": ("iam:SetDefaultPolicyVersion",),
    "iam:AttachUserPolicy": ("iam:AttachUserPolicy",),
    "iam:AttachGroupPolicy": ("iam:AttachGroupPolicy",),
    "iam:AttachRolePolicy": ("iam:AttachRolePolicy",),
    "iam:PutUserPolicy": ("iam:PutUserPolicy",),
    "iam:PutGroupPolicy": ("iam:PutGroupPolicy",),
    "iam:PutRolePolicy": ("iam:PutRolePolicy",),
    "iam:AddUserToGroup": ("iam:AddUserToGroup",),
    "iam:CreateAccessKey": ("iam:CreateAccessKey",),
    "iam:CreateLoginProfile": ("iam:CreateLoginProfile",),
    "iam:UpdateLoginProfile": ("iam:UpdateLoginProfile",),
    "iam:UpdateAssumeRolePolicy": ("iam:UpdateAssumeRolePolicy",),
    "iam:PassRole+lambda:CreateFunction": ("iam:PassRole", "lambda:CreateFunction"),
    "iam:PassRole+ec2:RunInstances": ("iam:PassRole", "ec2:RunInstances"),
    "iam:PassRole+cloudformation:CreateStack": ("iam:PassRole", "cloudformation:CreateStack"),
    "iam:PassRole+glue:CreateDevEndpoint": ("iam:PassRole", "glue:CreateDevEndpoint"),
    "lambda:UpdateFunctionCode": ("lambda:UpdateFunctionCode",),
}
"""Each way to raise one's own privileges, by name: the actions that together open it (each
allowed on every resource). A principal that can write IAM policies, credentials or trust
policies, or run code as a role it passes, can make itself an administrator."""

BROAD_RESOURCE_PARTS: Mapping[str, frozenset[str]] = {
    "iam": frozenset({"user/*", "group/*", "role/*", "policy/*"}),
    "lambda": frozenset({"function:*"}),
}
"""Per service, the resource parts of ARN patterns that cover every resource of a kind the
escalation actions act on (``*`` does for every service)."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def statements(policy: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """A policy's statements as a list (a single statement object is allowed by IAM)."""
    if not isinstance(policy, Mapping):
        return []
    return [s for s in _as_list(policy.get("Statement")) if isinstance(s, Mapping)]


def wildcard_match(pattern: str, text: str) -> bool:
    """IAM's wildcard match, case-insensitive: ``*`` any run of characters, ``?`` one.

    The two-pointer match, in O(len(pattern) * len(text)) at worst: a pattern from a scanned
    account cannot make it backtrack exponentially, as a regular expression could.
    """
    pattern, text = pattern.lower(), text.lower()
    p = t = 0
    star, resume = -1, 0
    while t < len(text):
        if p < len(pattern) and pattern[p] in ("?", text[t]):
            p, t = p + 1, t + 1
        elif p < len(pattern) and pattern[p] == "*":
            star, resume = p, t
            p += 1
        elif star >= 0:
            resume += 1
            p, t = star + 1, resume
        else:
            return False
    return all(c == "*" for c in pattern[p:])


def action_matches(patterns: Any, action: str) -> bool:
    """One of ``patterns`` (a string or a list) covers ``action``."""
    return any(isinstance(p, str) and wildcard_match(p, action) for p in _as_list(patterns))


def _covers_action(statement: Mapping[str, Any], action: str) -> bool:
    if "Action" in statement:
        return action_matches(statement["Action"], action)
    if "NotAction" in statement:
        return not action_matches(statement["NotAction"], action)
    return False


def resource_is_broad(resource: Any) -> bool:
    """``*``, or an ARN pattern covering every resource of its kind (``arn:aws:iam::1:role/*``)."""
    if not isinstance(resource, str):
        return False
    if resource == ALL:
        return True
    parts = resource.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return False
    service, part = parts[2].lower(), parts[5]
    return part == ALL or part.lower() in BROAD_RESOURCE_PARTS.get(service, frozenset())


def _on_every_resource(statement: Mapping[str, Any], *, strict: bool = False) -> bool:
    """Resource ``*`` (or, unless ``strict``, a broad pattern), or a NotResource."""
    if "Resource" in statement:
        broad = (lambda r: r == ALL) if strict else resource_is_broad
        return any(broad(r) for r in _as_list(statement["Resource"]))
    return "NotResource" in statement


def _effect(statement: Mapping[str, Any]) -> str:
    return str(statement.get("Effect", ""))


def _unconditional_deny(statement: Mapping[str, Any]) -> bool:
    return _effect(statement) == "Deny" and not statement.get("Condition")


def allows_everywhere(policy: Mapping[str, Any] | None, action: str) -> bool:
    """``action`` is allowed on every resource, and no unconditional Deny takes it away there."""
    found = statements(policy)
    allowed = any(
        _effect(s) == "Allow" and _covers_action(s, action) and _on_every_resource(s) for s in found
    )
    return allowed and not any(
        _unconditional_deny(s) and _covers_action(s, action) and _on_every_resource(s)
        for s in found
    )


def grants_full_admin(policy: Mapping[str, Any] | None) -> bool:
    """Some Allow statement grants every action (``*``) on every resource, and no unconditional
    Deny on every resource takes any action away (a Deny of some actions leaves less than full
    administrator rights; :func:`escalation_paths` judges what remains)."""
    found = statements(policy)
    granted = any(
        _effect(s) == "Allow"
        and any(str(a) in FULL_ADMIN_ACTIONS for a in _as_list(s.get("Action")))
        and _on_every_resource(s, strict=True)
        for s in found
    )
    return granted and not any(_unconditional_deny(s) and _on_every_resource(s) for s in found)


def escalation_paths(policy: Mapping[str, Any] | None) -> list[str]:
    """The names (sorted) of the :data:`ESCALATION_PATHS` whose every action the policy allows
    on every resource."""
    return sorted(
        name
        for name, actions in ESCALATION_PATHS.items()
        if all(allows_everywhere(policy, action) for action in actions)
    )
