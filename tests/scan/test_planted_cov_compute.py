"""End to end: the compute services' planted resources get their verdicts from the baseline."""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import emulated_account
from cloudwarden.demo.seed import ecs
from cloudwarden.policy.results import Status
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan

SEEDERS = frozenset({"ecs"})
ECS = "arn:aws:ecs:us-east-1:123456789012"
MONITORED = f"{ECS}:cluster/{ecs.MONITORED_CLUSTER}"
BARE = f"{ECS}:cluster/{ecs.BARE_CLUSTER}"
HARDENED = f"{ECS}:task-definition/{ecs.HARDENED_TASK}:1"
LEGACY = f"{ECS}:task-definition/{ecs.LEGACY_TASK}:1"
PRIVATE = f"{ECS}:service/{ecs.MONITORED_CLUSTER}/{ecs.PRIVATE_SERVICE}"
PUBLIC = f"{ECS}:service/{ecs.MONITORED_CLUSTER}/{ecs.PUBLIC_SERVICE}"

PASS, FAIL = Status.PASS, Status.FAIL


def _both(check: str, good: str, bad: str) -> list[tuple[str, str, Status]]:
    return [(check, good, PASS), (check, bad, FAIL)]


EXPECTED = [
    *_both("aws-ecs-cluster-container-insights-enabled", MONITORED, BARE),
    *_both("aws-ecs-cluster-fargate-storage-encrypted-cmk", MONITORED, BARE),
    *_both("aws-ecs-task-definition-no-privileged-containers", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-containers-non-root-user", HARDENED, LEGACY),
    ("aws-ecs-task-definition-host-network-unprivileged", LEGACY, FAIL),
    *_both("aws-ecs-task-definition-host-namespaces-not-shared", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-readonly-root-filesystem", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-logging-configured", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-no-secrets-in-environment", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-no-added-dangerous-capabilities", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-efs-transit-encryption", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-image-tag-pinned", HARDENED, LEGACY),
    *_both("aws-ecs-service-no-public-ip", PRIVATE, PUBLIC),
    *_both("aws-ecs-service-fargate-latest-platform", PRIVATE, PUBLIC),
]


@pytest.fixture(scope="module")
def report():
    with emulated_account(only=SEEDERS) as account:
        return scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
        )


@pytest.mark.parametrize(("check_id", "resource_id", "status"), EXPECTED)
def test_planted_configuration_gets_its_verdict(report, check_id, resource_id, status):
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status]
