"""The identity-policy analysis behind the IAM privilege checks: Allow/Deny, NotAction,
NotResource, wildcards, one statement or a list, and malformed documents."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.policy import iam_policy


def doc(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


MFA_ONLY = {"Bool": {"aws:MultiFactorAuthPresent": "false"}}


@pytest.mark.parametrize(
    ("patterns", "action", "expected"),
    [
        ("iam:*", "iam:PutRolePolicy", True),
        ("iam:Put*", "iam:PutRolePolicy", True),
        ("IAM:putrolepolicy", "iam:PutRolePolicy", True),
        ("iam:Put?olePolicy", "iam:PutRolePolicy", True),
        ("iam:Put*", "iam:PassRole", False),
        (["s3:*", "iam:Pass*"], "iam:PassRole", True),
        ("iam:[P]assRole", "iam:PassRole", False),
        ("*", "sts:AssumeRole", True),
        (42, "iam:PassRole", False),
    ],
)
def test_action_patterns_use_iam_wildcards_only(patterns, action, expected):
    assert iam_policy.action_matches(patterns, action) is expected


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("*", True),
        ("arn:aws:iam::123456789012:role/*", True),
        ("arn:aws:iam::*:user/*", True),
        ("arn:aws:lambda:*:123456789012:function:*", True),
        ("arn:aws:s3:::*", True),
        ("arn:aws:iam::123456789012:role/app/*", False),
        ("arn:aws:iam::123456789012:role/admin", False),
        ("arn:aws:s3:::bucket/*", False),
        ("not-an-arn", False),
        (None, False),
    ],
)
def test_a_broad_resource_covers_every_resource_of_its_kind(resource, expected):
    assert iam_policy.resource_is_broad(resource) is expected


def test_full_admin_needs_star_on_star_and_no_unconditional_deny():
    assert iam_policy.grants_full_admin(doc(allow("*")))
    assert iam_policy.grants_full_admin({"Statement": allow(["ec2:*", "*:*"], ["*"])})
    assert iam_policy.grants_full_admin(doc({"Effect": "Allow", "Action": "*", "NotResource": "x"}))
    assert iam_policy.grants_full_admin(doc(allow("*"), deny("iam:*", Condition=MFA_ONLY)))
    assert not iam_policy.grants_full_admin(doc(allow("*"), deny("iam:*")))
    assert not iam_policy.grants_full_admin(doc(allow("*", "arn:aws:s3:::*")))
    assert not iam_policy.grants_full_admin(doc(allow("iam:*")))
    assert not iam_policy.grants_full_admin(doc({"Effect": "Allow", "NotAction": "iam:*"}))
    assert not iam_policy.grants_full_admin(doc(deny("*")))


def test_allowed_everywhere_honours_deny_notaction_and_scope():
    assert iam_policy.allows_everywhere(doc(allow("sts:AssumeRole")), "sts:AssumeRole")
    assert iam_policy.allows_everywhere(
        doc({"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}), "sts:AssumeRole"
    )
    assert not iam_policy.allows_everywhere(
        doc({"Effect": "Allow", "NotAction": "sts:*", "Resource": "*"}), "sts:AssumeRole"
    )
    assert not iam_policy.allows_everywhere(
        doc(allow("sts:*"), deny("sts:Assume*")), "sts:AssumeRole"
    )
    # A Deny of named resources, or under a condition, leaves the grant elsewhere in place.
    assert iam_policy.allows_everywhere(
        doc(allow("sts:*"), deny("sts:AssumeRole", "arn:aws:iam::1:role/x")), "sts:AssumeRole"
    )
    assert iam_policy.allows_everywhere(
        doc(allow("sts:*"), deny("sts:AssumeRole", Condition=MFA_ONLY)), "sts:AssumeRole"
    )
    assert not iam_policy.allows_everywhere(
        doc(allow("sts:AssumeRole", "arn:aws:iam::1:role/x")), "sts:AssumeRole"
    )
    assert not iam_policy.allows_everywhere(doc({"Effect": "Allow"}), "sts:AssumeRole")


def test_escalation_paths_need_every_action_of_a_path():
    assert iam_policy.escalation_paths(doc(allow("iam:PassRole"))) == []
    assert iam_policy.escalation_paths(doc(allow("iam:PassRole"), allow("ec2:RunInstances"))) == [
        "iam:PassRole+ec2:RunInstances"
    ]
    assert iam_policy.escalation_paths(doc(allow("iam:Put*"))) == [
        "iam:PutGroupPolicy",
        "iam:PutRolePolicy",
        "iam:PutUserPolicy",
    ]
    every = iam_policy.escalation_paths(doc(allow("*")))
    assert every == sorted(iam_policy.ESCALATION_PATHS)
    assert iam_policy.escalation_paths(doc(allow("iam:*"), deny("iam:*"))) == []


@pytest.mark.parametrize(
    "malformed",
    [None, {}, {"Statement": None}, {"Statement": "x"}, {"Statement": [1, "a", None]}, []],
)
def test_malformed_documents_grant_nothing(malformed):
    assert not iam_policy.grants_full_admin(malformed)
    assert iam_policy.escalation_paths(malformed) == []
    assert not iam_policy.allows_everywhere(malformed, "sts:AssumeRole")


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("", "", True),
        ("*", "", True),
        ("a*b*c", "axxbyyc", True),
        ("a*b*c", "axxbyy", False),
        ("**?", "x", True),
        ("?", "", False),
        ("iam:*Policy", "iam:PutRolePolicy", True),
        ("iam:*Policy", "iam:PutRolePolicyX", False),
    ],
)
def test_wildcard_match(pattern, text, expected):
    assert iam_policy.wildcard_match(pattern, text) is expected


def test_a_pattern_of_many_wildcards_is_decided_without_exponential_backtracking():
    pattern = "*a" * 200 + "*z"
    assert not iam_policy.wildcard_match(pattern, "a" * 400)
