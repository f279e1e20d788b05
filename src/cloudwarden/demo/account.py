"""The embedded demo account: an emulated AWS account, seeded with good and bad configurations.

The emulator runs in a child process on 127.0.0.1 (:mod:`cloudwarden.demo.emulator`). The
session handed out carries fake credentials of its own and reaches the emulator only through
:meth:`DemoAccount.endpoint_for`: nothing in this process (``os.environ``, botocore) is changed,
so the demo is safe beside real integrations in a long-lived process.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3

from cloudwarden.aws.clients import keep_endpoint_host
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.emulator import moto_server
from cloudwarden.demo.seed import ACCOUNT_ID, DEMO_REGIONS, SeedContext, seed_account
from cloudwarden.exceptions import DemoUnavailableError

FAKE_CREDENTIALS = {
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
    "aws_session_token": "testing",
}
"""What the emulator accepts (it does not check credentials unless told to)."""


@dataclass(frozen=True)
class DemoAccount:
    """A running emulated account: its session, who it is, and where it answers."""

    session: boto3.Session
    identity: Identity
    regions: tuple[str, ...]
    endpoint_url: str

    def endpoint_for(self, _service: str, _region: str) -> str:
        """Every service of every region answers at the emulator (an ``EndpointResolver``)."""
        return self.endpoint_url

    def client(self, service: str, region: str | None = None) -> Any:
        """A client of the emulated account (for seeding and tests)."""
        client = self.session.client(  # type: ignore[call-overload]
            service, region_name=region or self.regions[0], endpoint_url=self.endpoint_url
        )
        keep_endpoint_host(client, self.endpoint_url)
        return client


def demo_session(region: str = DEMO_REGIONS[0]) -> boto3.Session:
    """A session with the emulator's fake credentials, never the caller's own."""
    return boto3.Session(
        aws_access_key_id=FAKE_CREDENTIALS["aws_access_key_id"],
        aws_secret_access_key=FAKE_CREDENTIALS["aws_secret_access_key"],
        aws_session_token=FAKE_CREDENTIALS["aws_session_token"],
        region_name=region,
    )


@contextmanager
def emulated_account(
    scale: int = 1,
    regions: tuple[str, ...] = DEMO_REGIONS,
    only: frozenset[str] | None = None,
) -> Iterator[DemoAccount]:
    """A fresh emulated AWS account, seeded (``only`` some services' seeders, to save time)."""
    if importlib.util.find_spec("moto") is None:
        raise DemoUnavailableError("the demo account needs moto: pip install 'cloudwarden[demo]'")
    with moto_server() as url:
        session = demo_session(regions[0])
        seed_account(
            SeedContext(session=session, regions=regions, scale=scale, endpoint_url=url), only
        )
        identity = Identity(
            account_id=ACCOUNT_ID,
            arn=f"arn:aws:iam::{ACCOUNT_ID}:user/cloudwarden-demo",
            user_id="AIDACLOUDWARDENDEMO",
        )
        yield DemoAccount(session=session, identity=identity, regions=regions, endpoint_url=url)
