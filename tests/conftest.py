"""Shared fixtures: the seeded emulated account, discovered once per test process."""

from __future__ import annotations

import os
from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.support.engine import EMULATOR_ENGINE
from tests.support.environment import emulated_environment
from tests.support.redis import RedisServer, running_redis

ACCOUNT_ID = "123456789012"
SERVER_SEEDED = frozenset({"s3", "sqs", "kms", "logs"})


@pytest.fixture(scope="session")
def demo_account() -> Iterator[DemoAccount]:
    """The seeded demo account, seeded once per test process (seeding it all takes the longest
    of anything here); tests only read it.

    CW_SEED_ONLY=s3,iam seeds only those services: for working on one collector at a time.
    """
    only = os.environ.get("CW_SEED_ONLY")
    with emulated_account(only=frozenset(only.split(",")) if only else None) as account:
        yield account


@pytest.fixture(scope="session")
def demo_inventory(demo_account: DemoAccount) -> Inventory:
    """The seeded demo account, discovered in its three regions (every type, every detail)."""
    return discover(
        demo_account.session,
        demo_account.identity,
        DiscoveryScope(regions=demo_account.regions),
        endpoint_for=demo_account.endpoint_for,
        settings=EMULATOR_ENGINE,
    )


@pytest.fixture(scope="session")
def seeded_server() -> Iterator[str]:
    """A moto_server on 127.0.0.1 seeded with a few services, for scans over real HTTP."""
    with emulated_account(only=SERVER_SEEDED) as account:
        yield account.endpoint_url


@pytest.fixture
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A redis-server of the test's own on 127.0.0.1 (the test may restart it)."""
    with running_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def aws() -> Iterator[boto3.Session]:
    """An empty emulated account of its own, for tests that plant their own resources."""
    with emulated_environment(), mock_aws():
        yield boto3.Session(region_name="us-east-1")


@pytest.fixture
def identity() -> Identity:
    return Identity(ACCOUNT_ID, f"arn:aws:iam::{ACCOUNT_ID}:user/test", "AIDATEST")


def find(inventory: Inventory, type_name: str, resource_id: str) -> Resource:
    """The resource of that type and id, or a failure that lists what there is."""
    matches = [r for r in inventory.of_type(type_name) if r.id == resource_id]
    if not matches:
        ids = sorted(r.id for r in inventory.of_type(type_name))
        pytest.fail(f"no {type_name} {resource_id!r} in the inventory; found {ids}")
    return matches[0]
