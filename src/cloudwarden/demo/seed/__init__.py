"""Seeders: one module per AWS service, each planting good and bad configurations.

Every module here defines ``seed(ctx: SeedContext) -> None``; :func:`seed_account` runs them all.
Names are deterministic (``cw-demo-...``) so tests can assert on the planted resources. The
scale factor multiplies the bulk resources (instances, buckets, security groups, volumes, users)
for benchmarks; the planted good/bad examples exist once whatever the scale.
"""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.aws.clients import keep_endpoint_host

log = logging.getLogger(__name__)

DEMO_REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
"""The regions the demo account has resources in (every other enabled region is empty)."""

ACCOUNT_ID = "123456789012"
SEED_MODULES_ORDER_FIRST = ("kms",)
"""Seeders other seeders may rely on (their keys are looked up by alias)."""


@dataclass
class SeedContext:
    """What a seeder needs: clients, the demo regions and the scale factor."""

    session: boto3.Session
    regions: tuple[str, ...] = DEMO_REGIONS
    scale: int = 1
    account_id: str = ACCOUNT_ID
    endpoint_url: str | None = None
    """Seed the emulator at this URL (None: the session's own endpoints, e.g. under mock_aws)."""
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def home(self) -> str:
        return self.regions[0]

    def client(self, service: str, region: str | None = None) -> Any:
        key = (service, region or self.home)
        if key not in self._clients:
            client = self.session.client(  # type: ignore[call-overload]
                service, region_name=key[1], endpoint_url=self.endpoint_url
            )
            if self.endpoint_url is not None:
                keep_endpoint_host(client, self.endpoint_url)
            self._clients[key] = client
        return self._clients[key]


def public_policy(actions: list[str], resource: str) -> str:
    """A resource policy that lets anyone do ``actions``: the classic exposure to plant."""
    statement = {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": actions}
    return json.dumps({"Version": "2012-10-17", "Statement": [{**statement, "Resource": resource}]})


def seeders() -> list[tuple[str, Callable[[SeedContext], None]]]:
    """Every seeder module's ``seed`` function, dependencies first."""
    names = sorted(module.name for module in pkgutil.iter_modules(__path__))
    names.sort(key=lambda name: name not in SEED_MODULES_ORDER_FIRST)
    return [(name, importlib.import_module(f"{__name__}.{name}").seed) for name in names]


def seed_account(ctx: SeedContext, only: frozenset[str] | None = None) -> None:
    """Run every seeder (or only the named ones, to work on one service in isolation)."""
    for name, seed in seeders():
        if only is None or name in only:
            try:
                seed(ctx)
            except (ClientError, BotoCoreError) as exc:
                # The emulator refused something (moto_server cannot reach S3 Control, for
                # one): say so, and let the other services' seeders plant theirs.
                log.warning("the %s seeder stopped early: %s", name, exc)


def service_role(ctx: SeedContext, name: str, service: str) -> str:
    """An IAM role that ``service`` (e.g. ``cloudformation.amazonaws.com``) may assume; its ARN."""
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
        ],
    }
    role = ctx.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])
