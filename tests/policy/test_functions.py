"""The functions checks call from CEL: IAM statements, CIDRs, ports, dates, CIS patterns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cloudwarden.policy import functions as fn

ALLOW_ALL = {"Effect": "Allow", "Action": "*", "Resource": "*"}


@pytest.mark.parametrize(
    ("policy", "public"),
    [
        (None, False),
        ({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}, True),
        (
            {"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}}},
            True,
        ),
        ({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*"}]}, False),
        ({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}}]}, False),
        (
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}},
                    }
                ]
            },
            False,
        ),
        (
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "*"}},
                    }
                ]
            },
            True,
        ),
        (
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Condition": {"ForAnyValue:StringEquals": {"aws:SourceVpce": "v"}},
                    }
                ]
            },
            True,
        ),
    ],
)
def test_policy_is_public(policy, public):
    assert fn.policy_is_public(policy) is public


def test_policy_allows_admin_and_actions():
    assert fn.policy_allows_admin({"Statement": [ALLOW_ALL]})
    assert not fn.policy_allows_admin({"Statement": [{**ALLOW_ALL, "Resource": "arn:aws:s3:::b"}]})
    assert fn.policy_allows_action(
        {"Statement": [{"Effect": "Allow", "Action": "iam:*"}]}, "iam:PassRole"
    )
    assert fn.policy_allows_action(
        {"Statement": [{"Effect": "Allow", "NotAction": "s3:*"}]}, "iam:PassRole"
    )
    assert not fn.policy_allows_action(
        {"Statement": [{"Effect": "Allow", "Action": "s3:Get*"}]}, "s3:PutObject"
    )


def test_secure_transport_deny_is_recognised_case_insensitively():
    deny = {"Effect": "Deny", "Condition": {"Bool": {"AWS:SecureTransport": "False"}}}
    assert fn.policy_denies_insecure_transport({"Statement": [deny]})
    assert not fn.policy_denies_insecure_transport({"Statement": [{**deny, "Effect": "Allow"}]})


@pytest.mark.parametrize(
    ("rule", "port", "open_"),
    [
        ({"protocol": "-1"}, 22, True),
        ({"protocol": "tcp", "from_port": 0, "to_port": 1024}, 22, True),
        ({"protocol": "tcp", "from_port": 443, "to_port": 443}, 22, False),
        ({"protocol": "icmp", "from_port": -1, "to_port": -1}, 22, False),
        ({"protocol": "6", "from_port": None, "to_port": None}, 3389, True),
    ],
)
def test_rule_allows_port(rule, port, open_):
    assert fn.rule_allows_port(rule, port) is open_


def test_cidrs():
    assert fn.cidr_is_internet("0.0.0.0/0")
    assert fn.cidr_is_internet("::/0")
    assert not fn.cidr_is_internet("10.0.0.0/8")
    assert fn.cidr_is_private("10.1.0.0/16")
    assert not fn.cidr_is_private("8.8.8.0/24")
    assert not fn.cidr_is_private("not a cidr")


def test_dates_count_from_the_evaluation_now():
    functions = fn.make_functions(datetime(2026, 11, 21, tzinfo=UTC))
    assert functions["days_since"]("2026-08-23T00:00:00Z") == 90
    assert functions["days_since"]("2026-11-20T12:00:00") == 0
    assert functions["days_until"]("2026-12-21T00:00:00+00:00") == 30


def test_cis_filter_patterns():
    unauthorized = (
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
        '|| ($.sourceIPAddress!="delivery.logs.amazonaws.com") }'
    )
    assert fn.filter_pattern_covers(unauthorized, "unauthorized-api-calls")
    assert not fn.filter_pattern_covers(
        '{ $.errorCode = "AccessDenied*" }', "unauthorized-api-calls"
    )
    assert not fn.filter_pattern_covers(None, "root-account-usage")
    with pytest.raises(ValueError, match="unknown CIS metric control"):
        fn.filter_pattern_covers(unauthorized, "no-such-control")


def test_cis_patterns_match_with_or_without_quotes():
    kms = (
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)"
        "||($.eventName=ScheduleKeyDeletion)) }"
    )
    assert fn.filter_pattern_covers(kms, "cmk-disable-or-deletion")
    assert fn.filter_pattern_covers(
        kms.replace("kms.amazonaws.com", '"kms.amazonaws.com"'), "cmk-disable-or-deletion"
    )
