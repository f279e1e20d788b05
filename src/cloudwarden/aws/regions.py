"""Which regions a scan covers: the account's enabled regions, narrowed by the user's scope."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.errors import CallFailure, classify
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.errors import ErrorKind

ENABLED_STATUSES = frozenset({"opt-in-not-required", "opted-in"})
HOME_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}


@dataclass(frozen=True)
class RegionPlan:
    """The regions to scan, and every other region with the reason it is not scanned."""

    scan: tuple[str, ...]
    skipped: dict[str, str] = field(default_factory=dict)


def home_region(partition: str) -> str:
    """Where global services (IAM, S3 listing, account settings) are called."""
    return HOME_REGIONS.get(partition, "us-east-1")


def list_region_opt_in(
    clients: ClientCache, region: str, throttle_retries: int = 3, throttle_delay: float = 1.0
) -> dict[str, str]:
    """Every region of the partition with its opt-in status (ec2:DescribeRegions)."""
    attempt = 0
    while True:
        try:
            response = clients.get("ec2", region).describe_regions(AllRegions=True)
            break
        except (ClientError, BotoCoreError) as exc:
            failure = classify(exc)
            if failure.kind is ErrorKind.THROTTLED and attempt < throttle_retries:
                time.sleep(throttle_delay * 2**attempt)
                attempt += 1
                continue
            raise _regions_unavailable(region, failure) from None
    return {
        item["RegionName"]: item.get("OptInStatus", "opt-in-not-required")
        for item in response["Regions"]
    }


def _regions_unavailable(region: str, failure: CallFailure) -> ScopeError:
    return ScopeError(
        f"cannot list the account's regions (ec2:DescribeRegions in {region}: "
        f"{failure.code}); allow ec2:DescribeRegions or name regions with --region"
    )


def plan_regions(
    statuses: dict[str, str],
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
) -> RegionPlan:
    """Enabled regions, narrowed to ``include`` and without ``exclude``."""
    wanted = set(include) if include else None
    excluded = set(exclude)
    unknown = sorted(((wanted or set()) | excluded) - set(statuses))
    if unknown:
        raise ScopeError(
            f"unknown region(s) {', '.join(unknown)}; known regions are "
            f"{', '.join(sorted(statuses))}"
        )
    scan: list[str] = []
    skipped: dict[str, str] = {}
    for region, status in sorted(statuses.items()):
        if status not in ENABLED_STATUSES:
            skipped[region] = f"not enabled in this account ({status})"
        elif region in excluded:
            skipped[region] = "excluded by --exclude-region"
        elif wanted is not None and region not in wanted:
            skipped[region] = "not selected by --region"
        else:
            scan.append(region)
    disabled = sorted(r for r in (wanted or set()) if statuses[r] not in ENABLED_STATUSES)
    if disabled:
        raise ScopeError(
            f"region(s) {', '.join(disabled)} are not enabled in this account; enable them in "
            "the AWS console (Account > AWS Regions) or leave them out of --region"
        )
    if not scan:
        raise ScopeError("no region is left to scan; check --region and --exclude-region")
    return RegionPlan(tuple(scan), skipped)
