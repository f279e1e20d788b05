"""End to end: the data services' planted resources get their verdicts from the shipped baseline.

Only these services' seeders run, and only the baseline's checks of these services are
evaluated (the scan then collects just the types and fields they read), so the test stays quick.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cloudwarden.demo.account import emulated_account
from cloudwarden.demo.seed import (
    ACCOUNT_ID,
    athena,
    backup,
    dms,
    elasticache,
    firehose,
    glue,
    kafka,
    kinesis,
    memorydb,
)
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import PolicySelection, Selected, scan, select
from tests.support.engine import EMULATOR_ENGINE

SERVICES = (
    "elasticache",
    "kinesis",
    "firehose",
    "backup",
    "glue",
    "athena",
    "dms",
    "kafka",
    "memorydb",
)
SEEDERS = frozenset({"kms", *SERVICES})
HOME, OTHER = "us-east-1", "eu-west-1"
PLAN_NAMES = frozenset({backup.DAILY_PLAN, backup.SHORT_PLAN})
KAFKA_NAMES = frozenset({kafka.SECURE_CLUSTER, kafka.LEGACY_CLUSTER, kafka.SERVERLESS_CLUSTER})
"""Backup plans and MSK clusters have generated ids: the test finds them by name."""

PASS, FAIL, ERROR = Status.PASS, Status.FAIL, Status.ERROR
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
    ("aws-backup-vault-encrypted", backup.LOCKED_VAULT, PASS),
    # moto reports no key for a vault created without one (AWS would name aws/backup's key).
    ("aws-backup-vault-encrypted", backup.PLAIN_VAULT, FAIL),
    ("aws-backup-vault-encrypted-with-cmk", backup.LOCKED_VAULT, PASS),
    # moto cannot answer GetBackupVaultAccessPolicy: the policy is unknown, never "not public".
    ("aws-backup-vault-policy-not-public", backup.LOCKED_VAULT, ERROR),
    ("aws-backup-vault-policy-not-public", backup.PLAIN_VAULT, ERROR),
    ("aws-backup-vault-locked", backup.LOCKED_VAULT, PASS),
    ("aws-backup-vault-locked", backup.PLAIN_VAULT, FAIL),
    ("aws-backup-plan-retention-at-least-35-days", backup.DAILY_PLAN, PASS),
    ("aws-backup-plan-retention-at-least-35-days", backup.SHORT_PLAN, FAIL),
    ("aws-backup-plan-copies-to-another-vault", backup.DAILY_PLAN, PASS),
    ("aws-backup-plan-copies-to-another-vault", backup.SHORT_PLAN, FAIL),
    ("aws-backup-account-has-backup-plan", ACCOUNT_ID, PASS),
    ("aws-backup-account-has-report-plan", ACCOUNT_ID, PASS),
    ("aws-glue-catalog-metadata-encrypted", HOME, PASS),
    ("aws-glue-catalog-metadata-encrypted", OTHER, FAIL),
    ("aws-glue-catalog-connection-passwords-encrypted", HOME, PASS),
    ("aws-glue-catalog-connection-passwords-encrypted", OTHER, FAIL),
    ("aws-glue-catalog-metadata-encrypted-with-cmk", HOME, PASS),
    ("aws-glue-catalog-policy-not-public", HOME, PASS),
    ("aws-glue-catalog-policy-not-public", OTHER, PASS),
    ("aws-glue-connection-ssl-enforced", glue.WAREHOUSE_CONNECTION, PASS),
    ("aws-glue-connection-ssl-enforced", glue.INLINE_CONNECTION, FAIL),
    ("aws-glue-connection-credentials-in-secrets-manager", glue.WAREHOUSE_CONNECTION, PASS),
    ("aws-glue-connection-credentials-in-secrets-manager", glue.INLINE_CONNECTION, FAIL),
    ("aws-glue-security-configuration-s3-encrypted", glue.ENCRYPTING_CONFIGURATION, PASS),
    ("aws-glue-security-configuration-s3-encrypted", glue.PLAIN_CONFIGURATION, FAIL),
    ("aws-glue-security-configuration-cloudwatch-encrypted", glue.ENCRYPTING_CONFIGURATION, PASS),
    ("aws-glue-security-configuration-cloudwatch-encrypted", glue.PLAIN_CONFIGURATION, FAIL),
    ("aws-glue-security-configuration-bookmarks-encrypted", glue.ENCRYPTING_CONFIGURATION, PASS),
    ("aws-glue-security-configuration-bookmarks-encrypted", glue.PLAIN_CONFIGURATION, FAIL),
    ("aws-glue-job-s3-encryption", glue.SECURE_JOB, PASS),
    ("aws-glue-job-s3-encryption", glue.PLAIN_JOB, FAIL),
    ("aws-glue-job-cloudwatch-logs-encryption", glue.SECURE_JOB, PASS),
    ("aws-glue-job-cloudwatch-logs-encryption", glue.PLAIN_JOB, FAIL),
    ("aws-glue-job-bookmarks-encryption", glue.SECURE_JOB, PASS),
    ("aws-glue-job-bookmarks-encryption", glue.PLAIN_JOB, FAIL),
    ("aws-glue-job-logging-enabled", glue.SECURE_JOB, PASS),
    ("aws-glue-job-logging-enabled", glue.PLAIN_JOB, FAIL),
    ("aws-glue-job-version-supported", glue.SECURE_JOB, PASS),
    ("aws-glue-job-version-supported", glue.PLAIN_JOB, FAIL),
    ("aws-glue-crawler-security-configuration", glue.SECURE_CRAWLER, PASS),
    ("aws-glue-crawler-security-configuration", glue.PLAIN_CRAWLER, FAIL),
    ("aws-glue-dev-endpoint-encrypted", glue.SECURE_DEV_ENDPOINT, PASS),
    ("aws-glue-dev-endpoint-encrypted", glue.PLAIN_DEV_ENDPOINT, FAIL),
    ("aws-athena-workgroup-results-encrypted", athena.ANALYTICS_WORKGROUP, PASS),
    ("aws-athena-workgroup-results-encrypted", athena.ADHOC_WORKGROUP, FAIL),
    ("aws-athena-workgroup-results-encrypted-with-kms", athena.ANALYTICS_WORKGROUP, PASS),
    ("aws-athena-workgroup-results-encrypted-with-kms", athena.ADHOC_WORKGROUP, FAIL),
    ("aws-athena-workgroup-enforces-configuration", athena.ANALYTICS_WORKGROUP, PASS),
    ("aws-athena-workgroup-enforces-configuration", athena.ADHOC_WORKGROUP, FAIL),
    ("aws-athena-workgroup-metrics-published", athena.ANALYTICS_WORKGROUP, PASS),
    ("aws-athena-workgroup-metrics-published", athena.ADHOC_WORKGROUP, FAIL),
    ("aws-dms-replication-instance-not-public", dms.PRIVATE_INSTANCE, PASS),
    ("aws-dms-replication-instance-not-public", dms.PUBLIC_INSTANCE, FAIL),
    ("aws-dms-replication-instance-multi-az", dms.PRIVATE_INSTANCE, PASS),
    ("aws-dms-replication-instance-multi-az", dms.PUBLIC_INSTANCE, FAIL),
    ("aws-dms-replication-instance-auto-minor-upgrade", dms.PRIVATE_INSTANCE, PASS),
    ("aws-dms-replication-instance-auto-minor-upgrade", dms.PUBLIC_INSTANCE, FAIL),
    ("aws-dms-replication-instance-storage-encrypted", dms.PRIVATE_INSTANCE, PASS),
    # moto reports no key for an instance created without one (AWS would name aws/dms's key).
    ("aws-dms-replication-instance-storage-encrypted", dms.PUBLIC_INSTANCE, FAIL),
    ("aws-dms-endpoint-ssl-enabled", dms.TLS_ENDPOINT, PASS),
    ("aws-dms-endpoint-ssl-enabled", dms.PLAIN_ENDPOINT, FAIL),
    ("aws-kafka-cluster-encrypted-in-transit", kafka.SECURE_CLUSTER, PASS),
    ("aws-kafka-cluster-encrypted-in-transit", kafka.SERVERLESS_CLUSTER, PASS),
    ("aws-kafka-cluster-encrypted-in-transit", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-kafka-cluster-encrypted-at-rest-with-cmk", kafka.SECURE_CLUSTER, PASS),
    # moto reports no key for a cluster created without one (AWS would name aws/kafka's key).
    ("aws-kafka-cluster-encrypted-at-rest-with-cmk", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-kafka-cluster-not-public", kafka.SECURE_CLUSTER, PASS),
    ("aws-kafka-cluster-not-public", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-kafka-cluster-authentication-required", kafka.SECURE_CLUSTER, PASS),
    ("aws-kafka-cluster-authentication-required", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-kafka-cluster-broker-logging", kafka.SECURE_CLUSTER, PASS),
    ("aws-kafka-cluster-broker-logging", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-kafka-cluster-enhanced-monitoring", kafka.SECURE_CLUSTER, PASS),
    ("aws-kafka-cluster-enhanced-monitoring", kafka.LEGACY_CLUSTER, FAIL),
    ("aws-memorydb-cluster-tls-enabled", memorydb.SECURE_CLUSTER, PASS),
    ("aws-memorydb-cluster-tls-enabled", memorydb.OPEN_CLUSTER, FAIL),
    ("aws-memorydb-cluster-acl-not-open-access", memorydb.SECURE_CLUSTER, PASS),
    ("aws-memorydb-cluster-acl-not-open-access", memorydb.OPEN_CLUSTER, FAIL),
    ("aws-memorydb-cluster-encrypted-with-cmk", memorydb.SECURE_CLUSTER, PASS),
    ("aws-memorydb-cluster-encrypted-with-cmk", memorydb.OPEN_CLUSTER, FAIL),
    ("aws-memorydb-cluster-automatic-snapshots", memorydb.SECURE_CLUSTER, PASS),
    ("aws-memorydb-cluster-automatic-snapshots", memorydb.OPEN_CLUSTER, FAIL),
    ("aws-memorydb-cluster-auto-minor-upgrade", memorydb.SECURE_CLUSTER, PASS),
    ("aws-memorydb-cluster-auto-minor-upgrade", memorydb.OPEN_CLUSTER, FAIL),
]
CHECKS = frozenset(check for check, _, _ in EXPECTED)


def _these_checks() -> Selected:
    """The baseline narrowed to the checks this test asserts on."""
    baseline = select(PolicySelection(policies=("aws-security-baseline",)))
    checks = [check for check in baseline.checks if check.id in CHECKS]
    return Selected(baseline.bundle, checks, baseline.policy_uids, [], Evaluator(checks))


@dataclass(frozen=True)
class Scanned:
    report: Report
    generated_ids: dict[str, str]
    """Backup plan or MSK cluster name -> its generated id."""

    def verdicts(self, check_id: str, resource: str) -> list[Status]:
        resource_id = self.generated_ids.get(resource, resource)
        return [
            r.status
            for r in self.report.results
            if r.check_id == check_id and r.resource_id == resource_id
        ]


@pytest.fixture(scope="module")
def scanned() -> Scanned:
    with emulated_account(only=SEEDERS) as account:
        report = scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            _these_checks(),
            endpoint_for=account.endpoint_for,
            settings=EMULATOR_ENGINE,
        )
        plans = account.client("backup").list_backup_plans()["BackupPlansList"]
        clusters = account.client("kafka").list_clusters_v2()["ClusterInfoList"]
    plan_ids = {p["BackupPlanName"]: p["BackupPlanId"] for p in plans}
    cluster_ids = {c["ClusterName"]: c["ClusterArn"] for c in clusters}
    assert (set(plan_ids), set(cluster_ids)) == (PLAN_NAMES, KAFKA_NAMES)
    return Scanned(report, {**plan_ids, **cluster_ids})


@pytest.mark.parametrize(("check_id", "resource", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(
    scanned: Scanned, check_id: str, resource: str, status: Status
) -> None:
    assert scanned.verdicts(check_id, resource) == [status]


def test_every_check_of_these_services_is_asserted(scanned: Scanned) -> None:
    shipped = {
        check.id for check in select(PolicySelection()).checks if check.id.split("-")[1] in SERVICES
    }
    assert shipped == CHECKS
    assert {r.check_id for r in scanned.report.results} == CHECKS


def test_errors_name_the_call_that_failed(scanned: Scanned) -> None:
    errors = [r for r in scanned.report.results if r.status is Status.ERROR]
    assert errors
    assert all("GetBackupVaultAccessPolicy" in r.reason for r in errors)
