from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.policy.functions_organizations import (
    policy_denies_action,
    policy_restricts_regions,
)


def _policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


DENY_LEAVE = {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (_policy(DENY_LEAVE), True),
        (DENY_LEAVE | {"Effect": "Deny"}, False),  # not a policy document: no Statement
        ({"Statement": DENY_LEAVE}, True),  # a single statement object
        (_policy({"Effect": "Deny", "Action": ["organizations:*"], "Resource": "*"}), True),
        (_policy({"Effect": "Deny", "Action": "ORGANIZATIONS:leave*", "Resource": "*"}), True),
        (_policy({"Effect": "Deny", "NotAction": ["s3:*"], "Resource": "*"}), True),
        (_policy({"Effect": "Deny", "NotAction": ["organizations:*"], "Resource": "*"}), False),
        (_policy(DENY_LEAVE | {"Effect": "Allow"}), False),
        (
            _policy(
                DENY_LEAVE
                | {
                    "Condition": {
                        "StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}
                    }
                }
            ),
            False,
        ),
        (None, False),
        ({}, False),
    ],
)
def test_policy_denies_action(policy, expected):
    assert policy_denies_action(policy, "organizations:LeaveOrganization") is expected


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            {
                "Effect": "Deny",
                "NotAction": ["iam:*"],
                "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}},
            },
            True,
        ),
        (
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"StringNotLike": {"AWS:REQUESTEDREGION": "eu-*"}},
            },
            True,
        ),
        (
            {
                "Effect": "Allow",
                "Action": "*",
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}},
            },
            False,
        ),
        ({"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}, False),
        (
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            False,
        ),
    ],
)
def test_policy_restricts_regions(statement, expected):
    assert policy_restricts_regions(_policy(statement)) is expected


def test_no_policy_restricts_no_region():
    assert policy_restricts_regions(None) is False
