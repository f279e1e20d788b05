"""End to end: the data services' planted resources get their verdicts from the shipped baseline.

Only these services' seeders run and only their services are scanned, so the test stays quick.
"""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import emulated_account
from cloudwarden.demo.seed import elasticache, firehose, kinesis
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan

SEEDERS = frozenset({"kms", "elasticache", "kinesis", "firehose"})
SERVICES = ("elasticache", "kinesis", "firehose")

PASS, FAIL = Status.PASS, Status.FAIL
EXPECTED = [
    ("aws-elasticache-replication-group-encrypted-at-rest", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-encrypted-at-rest", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-encrypted-with-cmk", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-encrypted-in-transit", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-encrypted-in-transit", elasticache.OPEN_GROUP, FAIL),
    # moto reports no TransitEncryptionMode: a group without it accepts TLS only.
    ("aws-elasticache-replication-group-tls-required", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-auth-required", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-auth-required", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-automatic-backups", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-automatic-backups", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-multi-az", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-multi-az", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-automatic-failover", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-automatic-failover", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-auto-minor-upgrade", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-auto-minor-upgrade", elasticache.OPEN_GROUP, FAIL),
    ("aws-elasticache-replication-group-logs-delivered", elasticache.SECURE_GROUP, PASS),
    ("aws-elasticache-replication-group-logs-delivered", elasticache.OPEN_GROUP, FAIL),
    (
        "aws-elasticache-cache-cluster-not-default-subnet-group",
        elasticache.PRIVATE_MEMCACHED,
        PASS,
    ),
    (
        "aws-elasticache-cache-cluster-not-default-subnet-group",
        elasticache.DEFAULT_MEMCACHED,
        FAIL,
    ),
    ("aws-elasticache-cache-cluster-auto-minor-upgrade", elasticache.PRIVATE_MEMCACHED, PASS),
    ("aws-elasticache-cache-cluster-auto-minor-upgrade", elasticache.DEFAULT_MEMCACHED, FAIL),
    ("aws-elasticache-cache-cluster-redis-automatic-backups", elasticache.BACKED_UP_NODE, PASS),
    ("aws-elasticache-cache-cluster-redis-automatic-backups", elasticache.UNBACKED_NODE, FAIL),
    (
        "aws-elasticache-cache-cluster-memcached-encrypted-in-transit",
        elasticache.PRIVATE_MEMCACHED,
        PASS,
    ),
    (
        "aws-elasticache-cache-cluster-memcached-encrypted-in-transit",
        elasticache.DEFAULT_MEMCACHED,
        FAIL,
    ),
    ("aws-elasticache-snapshot-encrypted-with-kms", elasticache.SECURE_SNAPSHOT, PASS),
    ("aws-elasticache-snapshot-encrypted-with-kms", elasticache.OPEN_SNAPSHOT, FAIL),
    ("aws-kinesis-stream-encrypted", kinesis.ORDERS_STREAM, PASS),
    ("aws-kinesis-stream-encrypted", kinesis.CLICKSTREAM, FAIL),
    ("aws-kinesis-stream-encrypted-with-cmk", kinesis.ORDERS_STREAM, PASS),
    ("aws-kinesis-stream-encrypted-with-cmk", kinesis.AUDIT_STREAM, FAIL),
    ("aws-kinesis-stream-retention-at-least-7-days", kinesis.AUDIT_STREAM, PASS),
    ("aws-kinesis-stream-retention-at-least-7-days", kinesis.CLICKSTREAM, FAIL),
    ("aws-kinesis-stream-policy-not-public", kinesis.ORDERS_STREAM, PASS),
    ("aws-kinesis-stream-policy-not-public", kinesis.CLICKSTREAM, FAIL),
    ("aws-firehose-delivery-stream-encrypted", firehose.ORDERS_DELIVERY, PASS),
    ("aws-firehose-delivery-stream-encrypted", firehose.REPLAY_DELIVERY, PASS),
    ("aws-firehose-delivery-stream-encrypted", firehose.RAW_DELIVERY, FAIL),
    ("aws-firehose-delivery-stream-encrypted-with-cmk", firehose.ORDERS_DELIVERY, PASS),
    ("aws-firehose-delivery-stream-s3-objects-encrypted-with-kms", firehose.REPLAY_DELIVERY, PASS),
    ("aws-firehose-delivery-stream-s3-objects-encrypted-with-kms", firehose.RAW_DELIVERY, FAIL),
    ("aws-firehose-delivery-stream-error-logging", firehose.ORDERS_DELIVERY, PASS),
    ("aws-firehose-delivery-stream-error-logging", firehose.RAW_DELIVERY, FAIL),
]


@pytest.fixture(scope="module")
def report() -> Report:
    with emulated_account(only=SEEDERS) as account:
        return scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions, services=SERVICES),
            endpoint_for=account.endpoint_for,
        )


@pytest.mark.parametrize(("check_id", "resource_id", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(
    report: Report, check_id: str, resource_id: str, status: Status
) -> None:
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status]


def test_every_new_check_ran(report: Report) -> None:
    assert {r.check_id for r in report.results} >= {check for check, _, _ in EXPECTED}
