"""Scans in the agent: a full scan becomes SQS jobs, one per (region, service group); each job
discovers its slice with the scan library and posts the slice inventory to the platform,
which merges every slice of the scan into one report.

Jobs are spread over the first minutes (SQS delays) so that EC2 and SSM are not called by
every job at once; a job that meets throttling pauses them all (:mod:`throttle`).
"""

from __future__ import annotations

import json
import logging
import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from cloudwarden.agent import constants as c
from cloudwarden.agent import throttle
from cloudwarden.agent.runtime import AgentRuntime
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Scope
from cloudwarden.aws.credentials import Identity
from cloudwarden.aws.regions import home_region
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.protocol import ScanJob, SliceReport
from cloudwarden.scan import (
    DiscoveryScope,
    PolicySelection,
    Selected,
    discover,
    plan_discovery,
    select,
)

log = logging.getLogger(__name__)

SERVICE_GROUPS: dict[str, tuple[str, ...]] = {
    "compute": ("ec2", "autoscaling", "lambda", "ecs", "eks", "batch", "elasticbeanstalk", "emr"),
    "data": (
        "rds",
        "dynamodb",
        "redshift",
        "elasticache",
        "memorydb",
        "opensearch",
        "dms",
        "efs",
        "fsx",
        "backup",
        "ecr",
    ),
    "edge": ("elb", "elbv2", "apigateway", "apigatewayv2", "networkfirewall", "transfer"),
    "security": (
        "kms",
        "secretsmanager",
        "acm",
        "accessanalyzer",
        "guardduty",
        "inspector2",
        "macie2",
        "securityhub",
        "config",
        "cloudtrail",
        "ssoadmin",
        "ram",
        "wafv2",
    ),
    "management": (
        "cloudformation",
        "cloudwatch",
        "logs",
        "ssm",
        "athena",
        "glue",
        "codebuild",
        "cognito",
        "sagemaker",
        "lightsail",
    ),
    "messaging": (
        "sqs",
        "sns",
        "events",
        "firehose",
        "kinesis",
        "kafka",
        "mq",
        "sesv2",
        "stepfunctions",
    ),
}
"""Regional services per job, sized so one job stays well inside Lambda's 15 minutes. A
regional service named in no group is scanned in the ``other`` group: none is ever left out."""
OTHER_GROUP = "other"
GLOBAL_GROUP = "global"
"""IAM, S3's listing, account settings...: one job, in the home region."""
SPREAD_SECONDS = 20
"""Delay between consecutive jobs of a scan (SQS caps a delay at 15 minutes)."""
MAX_DELAY_SECONDS = 900


class JobOutcome(StrEnum):
    SENT = "sent"
    DEFERRED = "deferred"
    """The agent was paused: the job went back to the queue."""
    THROTTLED = "throttled"
    """The job met throttling: every job pauses, this one went back to the queue."""


@cache
def shipped_selection() -> Selected:
    """The checks the platform may evaluate: the agent collects what they read."""
    return select(PolicySelection())


def group_services() -> dict[str, tuple[str, ...]]:
    """Every regional service of the collectors, in exactly one group."""
    regional = sorted(
        {spec.type_name.split(".")[1] for spec in load_all() if spec.scope is Scope.REGIONAL}
    )
    grouped = {s for services in SERVICE_GROUPS.values() for s in services}
    groups = {
        name: tuple(s for s in services if s in regional)
        for name, services in SERVICE_GROUPS.items()
    }
    rest = tuple(s for s in regional if s not in grouped)
    return {**groups, OTHER_GROUP: rest} if rest else groups


def global_types() -> tuple[str, ...]:
    return tuple(sorted(spec.type_name for spec in load_all() if spec.scope is not Scope.REGIONAL))


def job_scope(job: ScanJob, regions: list[str]) -> DiscoveryScope:
    if job.service_group == GLOBAL_GROUP:
        return DiscoveryScope(regions=tuple(regions), resource_types=global_types())
    services = group_services().get(job.service_group)
    if not services:
        raise ScopeError(f"unknown service group {job.service_group!r}")
    return DiscoveryScope(regions=(job.region,), services=services, include_global=False)


def scan_regions(rt: AgentRuntime, configured: list[str]) -> list[str]:
    """The configured regions, or every region enabled in the account."""
    if configured:
        return sorted(configured)
    answer = rt.client("ec2").describe_regions()
    return sorted(r["RegionName"] for r in answer["Regions"])


def plan_jobs(scan_id: str, regions: list[str], home: str) -> list[ScanJob]:
    """Jobs whose slice some shipped check reads; each knows how many the scan has."""
    selected = shipped_selection()
    slices: list[tuple[str, str]] = [(home, GLOBAL_GROUP)]
    slices += [(region, group) for region in regions for group in group_services()]
    kept = []
    for region, group in slices:
        probe = ScanJob(scan_id=scan_id, region=region, service_group=group, slices_total=1)
        try:
            plan_discovery(selected, job_scope(probe, regions))
        except ScopeError:
            continue  # no shipped check reads this group
        kept.append((region, group))
    return [
        ScanJob(scan_id=scan_id, region=region, service_group=group, slices_total=len(kept))
        for region, group in kept
    ]


def start_full_scan(rt: AgentRuntime, scan_id: str | None = None) -> list[ScanJob]:
    """Queue the jobs of one full scan, spread out; the scan id the platform gave, or new."""
    config = rt.config()
    regions = scan_regions(rt, config.regions)
    jobs = plan_jobs(scan_id or uuid.uuid4().hex, regions, home_region("aws"))
    queue = rt.setting(c.ENV_JOB_QUEUE_URL)
    sqs = rt.client("sqs")
    for batch_start in range(0, len(jobs), 10):
        entries = [
            {
                "Id": str(index),
                "MessageBody": job.model_dump_json(),
                "DelaySeconds": min(index * SPREAD_SECONDS, MAX_DELAY_SECONDS),
            }
            for index, job in enumerate(jobs[batch_start : batch_start + 10], start=batch_start)
        ]
        answer = sqs.send_message_batch(QueueUrl=queue, Entries=entries)
        if answer.get("Failed"):
            raise RuntimeError(f"the job queue refused {len(answer['Failed'])} jobs")
    log.info(
        "scan %s: %d jobs queued over %d regions",
        jobs[0].scan_id if jobs else "-",
        len(jobs),
        len(regions),
    )
    return jobs


def requeue(rt: AgentRuntime, job: ScanJob, delay: timedelta) -> None:
    """Back to the queue, to run after ``delay`` (at most SQS's 15 minutes)."""
    seconds = min(MAX_DELAY_SECONDS, max(0, math.ceil(delay.total_seconds())))
    rt.client("sqs").send_message(
        QueueUrl=rt.setting(c.ENV_JOB_QUEUE_URL),
        MessageBody=job.model_copy(update={"attempt": job.attempt + 1}).model_dump_json(),
        DelaySeconds=seconds,
    )


def throttled(inventory: Inventory) -> bool:
    return any(error.kind is ErrorKind.THROTTLED for error in inventory.all_errors())


def identity(rt: AgentRuntime) -> Identity:
    who = rt.client("sts").get_caller_identity()
    return Identity(account_id=who["Account"], arn=who["Arn"], user_id=who["UserId"])


def run_job(rt: AgentRuntime, job: ScanJob) -> JobOutcome:
    """Scan one slice and post its inventory; or, paused or throttled, requeue it."""
    remaining = throttle.read_state(rt).remaining(rt.clock())
    if remaining is not None:
        requeue(rt, job, remaining)
        return JobOutcome.DEFERRED
    config = rt.config()
    plan = plan_discovery(shipped_selection(), job_scope(job, scan_regions(rt, config.regions)))
    inventory = discover(
        rt.session,
        identity(rt),
        plan.scope,
        settings=rt.engine,
        needed_fields=plan.needed_fields,
    )
    if throttled(inventory):
        state = throttle.pause_all(rt)
        log.warning("throttled in %s: every job pauses until %s", job.slice_id, state.paused_until)
        requeue(rt, job, throttle.PAUSE)
        return JobOutcome.THROTTLED
    report = SliceReport(
        scan_id=job.scan_id,
        slice_id=job.slice_id,
        slices_total=job.slices_total,
        inventory=json.loads(inventory.to_json(indent=None)),
    )
    rt.platform(config).post("reports", report)
    return JobOutcome.SENT


@dataclass(frozen=True)
class BatchResult:
    outcomes: dict[str, JobOutcome]
    failed: list[str]

    def answer(self) -> dict[str, Any]:
        """Lambda's partial batch response: only failed messages return to the queue."""
        return {"batchItemFailures": [{"itemIdentifier": m} for m in self.failed]}


def sqs_records(event: dict[str, Any]) -> Iterator[tuple[str, ScanJob]]:
    for record in event.get("Records", []):
        yield str(record.get("messageId", "")), ScanJob.model_validate_json(record["body"])


def on_sqs_batch(rt: AgentRuntime, event: dict[str, Any]) -> dict[str, Any]:
    outcomes: dict[str, JobOutcome] = {}
    failed: list[str] = []
    for message_id, job in sqs_records(event):
        try:
            outcomes[message_id] = run_job(rt, job)
        except Exception:  # a job boundary: SQS redelivers it, the DLQ keeps it after that
            log.exception("job %s of scan %s failed", job.slice_id, job.scan_id)
            failed.append(message_id)
    return BatchResult(outcomes, failed).answer() | {
        "outcomes": {k: v.value for k, v in outcomes.items()}
    }
