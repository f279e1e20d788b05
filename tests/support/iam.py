"""Make the emulated account enforce IAM, with a principal whose policy we choose."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin


def principal_with_policy(
    session: boto3.Session, name: str, statements: list[dict[str, Any]]
) -> dict[str, str]:
    """An IAM user with exactly these policy statements; returns its access key."""
    iam = session.client("iam")
    iam.create_user(UserName=name)
    iam.put_user_policy(
        UserName=name,
        PolicyName="scan",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]}


@contextmanager
def iam_enforced() -> Iterator[None]:
    """From now on the emulator checks signatures and IAM policies, as AWS does."""
    saved = (settings.INITIAL_NO_AUTH_ACTION_COUNT, ActionAuthenticatorMixin.request_count)
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    ActionAuthenticatorMixin.request_count = 0
    try:
        yield
    finally:
        settings.INITIAL_NO_AUTH_ACTION_COUNT, ActionAuthenticatorMixin.request_count = saved
