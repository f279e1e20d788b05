"""Start the emulated account in-process, seed it, and hand out a session for it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import ACCOUNT_ID, DEMO_REGIONS, SeedContext, seed_account
from cloudwarden.exceptions import DemoUnavailableError

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
EMULATOR_SETTINGS = {
    # moto's catalogue of ~1,300 public AMIs per region (each with a snapshot) would drown the
    # account's own images and snapshots; the demo registers its own.
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}
CLEARED = ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")


@dataclass(frozen=True)
class DemoAccount:
    session: boto3.Session
    identity: Identity
    regions: tuple[str, ...]


@contextmanager
def emulated_environment() -> Iterator[None]:
    """Fake credentials and emulator settings for the duration, the caller's restored after."""
    saved = {
        name: os.environ.get(name) for name in (*FAKE_CREDENTIALS, *EMULATOR_SETTINGS, *CLEARED)
    }
    os.environ.update(FAKE_CREDENTIALS)
    os.environ.update(EMULATOR_SETTINGS)
    for name in CLEARED:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def emulated_account(
    scale: int = 1,
    regions: tuple[str, ...] = DEMO_REGIONS,
    only: frozenset[str] | None = None,
) -> Iterator[DemoAccount]:
    """An in-process emulated AWS account, seeded with good and bad configurations."""
    with emulated_environment():
        try:
            from moto import mock_aws  # noqa: PLC0415 - optional dependency, needed only here
        except ImportError as exc:
            raise DemoUnavailableError(
                "the demo account needs moto: pip install 'cloudwarden[demo]'"
            ) from exc
        with mock_aws():
            session = boto3.Session(region_name=regions[0])
            seed_account(SeedContext(session=session, regions=regions, scale=scale), only)
            identity = Identity(
                account_id=ACCOUNT_ID,
                arn=f"arn:aws:iam::{ACCOUNT_ID}:user/cloudwarden-demo",
                user_id="AIDACLOUDWARDENDEMO",
            )
            yield DemoAccount(session=session, identity=identity, regions=regions)
