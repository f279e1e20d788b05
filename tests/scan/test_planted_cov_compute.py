"""End to end: the compute services' planted resources get their verdicts from the baseline."""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import emulated_account
from cloudwarden.demo.seed import (
    autoscaling,
    batch,
    codebuild,
    ecs,
    elasticbeanstalk,
    emr,
    stepfunctions,
)
from cloudwarden.policy.results import Status
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan
from tests.support.engine import EMULATOR_ENGINE

HOME = "us-east-1"
SEEDERS = frozenset(
    {"ecs", "autoscaling", "codebuild", "elasticbeanstalk", "stepfunctions", "batch", "emr"}
)
ECS = "arn:aws:ecs:us-east-1:123456789012"
MONITORED = f"{ECS}:cluster/{ecs.MONITORED_CLUSTER}"
BARE = f"{ECS}:cluster/{ecs.BARE_CLUSTER}"
HARDENED = f"{ECS}:task-definition/{ecs.HARDENED_TASK}:1"
LEGACY = f"{ECS}:task-definition/{ecs.LEGACY_TASK}:1"
PRIVATE = f"{ECS}:service/{ecs.MONITORED_CLUSTER}/{ecs.PRIVATE_SERVICE}"
PUBLIC = f"{ECS}:service/{ecs.MONITORED_CLUSTER}/{ecs.PUBLIC_SERVICE}"

BEANSTALK = (
    "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/"
    f"{elasticbeanstalk.APPLICATION}/{elasticbeanstalk.ENVIRONMENT}"
)
STATES = "arn:aws:states:us-east-1:123456789012:stateMachine"
BATCH = "arn:aws:batch:us-east-1:123456789012"
HARDENED_JOB = f"{BATCH}:job-definition/{batch.HARDENED_JOB}:1"
LEGACY_JOB = f"{BATCH}:job-definition/{batch.LEGACY_JOB}:1"
PASS, FAIL, ERROR = Status.PASS, Status.FAIL, Status.ERROR


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
    ("aws-ecs-cluster-exec-command-logging", MONITORED, PASS),
    ("aws-ecs-task-definition-logging-non-blocking", HARDENED, PASS),
    *_both("aws-ecs-task-definition-init-process-enabled", HARDENED, LEGACY),
    *_both("aws-ecs-task-definition-image-from-ecr", HARDENED, LEGACY),
    *_both("aws-batch-job-definition-image-from-ecr", HARDENED_JOB, LEGACY_JOB),
    *_both(
        "aws-autoscaling-group-multiple-az", autoscaling.HARDENED_GROUP, autoscaling.LEGACY_GROUP
    ),
    *_both(
        "aws-autoscaling-group-elb-health-checks-used",
        autoscaling.HARDENED_GROUP,
        autoscaling.LEGACY_GROUP,
    ),
    *_both(
        "aws-autoscaling-group-uses-launch-template",
        autoscaling.HARDENED_GROUP,
        autoscaling.LEGACY_GROUP,
    ),
    *_both(
        "aws-autoscaling-group-multiple-instance-types",
        autoscaling.HARDENED_GROUP,
        autoscaling.LEGACY_GROUP,
    ),
    ("aws-autoscaling-group-capacity-rebalance", autoscaling.HARDENED_GROUP, PASS),
    *[
        (check, configuration, status)
        for check in (
            "aws-autoscaling-launch-configuration-imdsv2-required",
            "aws-autoscaling-launch-configuration-no-public-ip",
            "aws-autoscaling-launch-configuration-ebs-encrypted",
            "aws-autoscaling-launch-configuration-no-secrets-in-user-data",
        )
        for configuration, status in (
            (autoscaling.HARDENED_CONFIGURATION, PASS),
            (autoscaling.LEGACY_CONFIGURATION, FAIL),
        )
    ],
    (
        "aws-autoscaling-launch-configuration-metadata-hop-limit",
        autoscaling.LEGACY_CONFIGURATION,
        PASS,
    ),
    *[
        (check, project, status)
        for check in (
            "aws-codebuild-project-no-privileged-mode",
            "aws-codebuild-project-no-secrets-in-environment",
            "aws-codebuild-project-source-url-no-credentials",
            "aws-codebuild-project-source-ssl-verified",
            "aws-codebuild-project-logging-enabled",
            "aws-codebuild-project-artifacts-encrypted",
        )
        for project, status in (
            (codebuild.HARDENED_PROJECT, PASS),
            (codebuild.LEGACY_PROJECT, FAIL),
        )
    ],
    ("aws-codebuild-project-s3-logs-encrypted", codebuild.HARDENED_PROJECT, PASS),
    ("aws-codebuild-project-not-public", codebuild.LEGACY_PROJECT, PASS),
    # moto ignores a project's encryptionKey and reports alias/aws/s3 for every project.
    ("aws-codebuild-project-encrypted-cmk", codebuild.HARDENED_PROJECT, FAIL),
    ("aws-codebuild-project-encrypted-cmk", codebuild.LEGACY_PROJECT, FAIL),
    # moto lacks ListSourceCredentials: the listing fails, and the check must say so.
    (
        "aws-codebuild-source-credential-not-long-lived-token",
        "aws.codebuild.source_credential@us-east-1",
        ERROR,
    ),  # moto lacks DescribeConfigurationSettings: every setting is uncollected, so error.
    *[
        (check, BEANSTALK, ERROR)
        for check in (
            "aws-elasticbeanstalk-environment-enhanced-health",
            "aws-elasticbeanstalk-environment-managed-updates-enabled",
            "aws-elasticbeanstalk-environment-logs-streamed-to-cloudwatch",
            "aws-elasticbeanstalk-environment-https-listener",
            "aws-elasticbeanstalk-environment-imdsv1-disabled",
            "aws-elasticbeanstalk-environment-instances-no-public-ip",
        )
    ],
    *[
        (check, f"{STATES}:{machine}", status)
        for check in (
            "aws-stepfunctions-state-machine-logging-enabled",
            "aws-stepfunctions-state-machine-xray-tracing",
            "aws-stepfunctions-state-machine-encrypted-cmk",
            "aws-stepfunctions-state-machine-no-secrets-in-definition",
        )
        for machine, status in (
            (stepfunctions.HARDENED_MACHINE, PASS),
            (stepfunctions.LEGACY_MACHINE, FAIL),
        )
    ],
    *_both("aws-batch-job-definition-no-privileged-containers", HARDENED_JOB, LEGACY_JOB),
    *_both("aws-batch-job-definition-containers-non-root-user", HARDENED_JOB, LEGACY_JOB),
    *_both("aws-batch-job-definition-readonly-root-filesystem", HARDENED_JOB, LEGACY_JOB),
    *_both("aws-batch-job-definition-no-secrets-in-environment", HARDENED_JOB, LEGACY_JOB),
    ("aws-batch-job-definition-fargate-execution-role", HARDENED_JOB, PASS),
    ("aws-batch-job-definition-no-public-ip", HARDENED_JOB, PASS),
    ("aws-emr-region-block-public-access-enabled", HOME, PASS),
    # moto does not emulate Lightsail: both listings fail, and their checks must say so.
    ("aws-lightsail-instance-sensitive-ports-restricted", f"aws.lightsail.instance@{HOME}", ERROR),
    ("aws-lightsail-database-not-public", f"aws.lightsail.database@{HOME}", ERROR),
    *_both(
        "aws-batch-compute-environment-private-subnets",
        f"{BATCH}:compute-environment/{batch.PRIVATE_COMPUTE}",
        f"{BATCH}:compute-environment/{batch.PUBLIC_COMPUTE}",
    ),
]


def _named(checks: tuple[str, ...], good: str, bad: str) -> list[tuple[str, str, Status]]:
    return [
        (check, name, status) for check in checks for name, status in ((good, PASS), (bad, FAIL))
    ]


NAMED_EXPECTED = [
    *_named(
        (
            "aws-ec2-launch-template-imdsv2-required",
            "aws-ec2-launch-template-no-public-ip",
            "aws-ec2-launch-template-ebs-encrypted",
            "aws-ec2-launch-template-no-secrets-in-user-data",
        ),
        autoscaling.HARDENED_TEMPLATE,
        autoscaling.LEGACY_TEMPLATE,
    ),
    *_named(
        (
            "aws-emr-cluster-master-not-public",
            "aws-emr-cluster-encryption-at-rest",
            "aws-emr-cluster-local-disk-encryption",
            "aws-emr-cluster-encryption-in-transit",
            "aws-emr-cluster-logging-enabled",
        ),
        emr.HARDENED_CLUSTER,
        emr.LEGACY_CLUSTER,
    ),
    # The hardened cluster archives logs without a KMS key of its own.
    ("aws-emr-cluster-log-encryption-cmk", emr.HARDENED_CLUSTER, FAIL),
]
"""Launch template and EMR cluster ids are generated: these are matched by name."""


@pytest.fixture(scope="module")
def scanned():
    """The report, and the generated id of each planted launch template and cluster by name."""
    with emulated_account(only=SEEDERS) as account:
        ec2 = account.session.client("ec2", region_name=HOME, endpoint_url=account.endpoint_url)
        emr_client = account.session.client(
            "emr", region_name=HOME, endpoint_url=account.endpoint_url
        )
        ids = {
            t["LaunchTemplateName"]: t["LaunchTemplateId"]
            for t in ec2.describe_launch_templates()["LaunchTemplates"]
        } | {c["Name"]: c["Id"] for c in emr_client.list_clusters()["Clusters"]}
        report = scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
            settings=EMULATOR_ENGINE,
        )
        return report, ids


@pytest.fixture(scope="module")
def report(scanned):
    return scanned[0]


def _verdicts(report, check_id: str, resource_id: str) -> list[Status]:
    """Verdicts in the home region, where everything is planted (moto_server answers EMR calls
    of every region from the home region's state, so EMR resources appear in each)."""
    return [
        r.status
        for r in report.results
        if r.check_id == check_id and r.resource_id == resource_id and r.region == HOME
    ]


@pytest.mark.parametrize(("check_id", "resource_id", "status"), EXPECTED)
def test_planted_configuration_gets_its_verdict(report, check_id, resource_id, status):
    assert _verdicts(report, check_id, resource_id) == [status]


@pytest.mark.parametrize(("check_id", "name", "status"), NAMED_EXPECTED)
def test_planted_resource_found_by_name_gets_its_verdict(scanned, check_id, name, status):
    report, ids = scanned
    assert _verdicts(report, check_id, ids[name]) == [status]
