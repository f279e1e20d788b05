"""Which accounts a resource policy lets in."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.policy.functions_principals import (
    policy_allows_any_account,
    policy_trusted_accounts,
)

OWN = "123456789012"
OTHER = "111122223333"


def allow(principal: Any, **extra: Any) -> dict[str, Any]:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "events:PutEvents"}
    return {"Statement": [{**statement, **extra}]}


@pytest.mark.parametrize(
    "policy",
    [
        allow("*"),
        allow({"AWS": "*"}),
        allow({"AWS": "arn:aws:iam::*:root"}),
        allow({"AWS": [f"arn:aws:iam::{OTHER}:root", "arn:aws:iam::*:root"]}),
    ],
)
def test_any_account(policy: dict[str, Any]) -> None:
    assert policy_allows_any_account(policy)


@pytest.mark.parametrize(
    "policy",
    [
        None,
        {},
        allow({"AWS": f"arn:aws:iam::{OTHER}:root"}),
        allow({"Service": "events.amazonaws.com"}),
        allow("*", Condition={"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}),
        {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*"}]},
    ],
)
def test_not_any_account(policy: dict[str, Any] | None) -> None:
    assert not policy_allows_any_account(policy)


def test_trusted_accounts_from_ids_and_arns() -> None:
    policy = {
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": OTHER}, "Action": "*"},
            {"Effect": "Allow", "Principal": {"AWS": [f"arn:aws:iam::{OWN}:role/app"]}},
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER}:root"}},
            {"Effect": "Allow", "Principal": {"Service": "ses.amazonaws.com"}},
            {"Effect": "Deny", "Principal": {"AWS": "999999999999"}},
        ]
    }
    assert policy_trusted_accounts(policy) == [OTHER, OWN]


def test_trusted_accounts_wildcards() -> None:
    assert policy_trusted_accounts(allow("*")) == ["*"]
    assert policy_trusted_accounts(allow({"AWS": "arn:aws:iam::*:root"})) == ["*"]
    assert policy_trusted_accounts(None) == []
