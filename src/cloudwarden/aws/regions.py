"""Which regions a scan covers: the account's enabled regions, narrowed by the scope.

The account's regions come from ec2:DescribeRegions, kept to the credentials' partition (by
botocore's partition data: an emulator may list regions of other partitions). When that call
fails and the scope names its regions, those are scanned as named, checked against botocore's
region list of the partition, and the inventory records that their opt-in status was not
checked. Sentences here name no CLI flag: the CLI and the platform's allow list both call this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from botocore.exceptions import UnknownRegionError

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.errors import CANCELLED, CallFailure, classify
from cloudwarden.aws.pool import ScanTracker
from cloudwarden.aws.retry import Retrying
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.regions import REGION_LIST_TYPE, RegionSkipReason

ENABLED_STATUSES = frozenset({"opt-in-not-required", "opted-in"})
HOME_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}

OptIn = Mapping[str, str]
"""Region name -> opt-in status, as ec2:DescribeRegions(AllRegions=True) reports it."""


@dataclass(frozen=True)
class RegionPlan:
    """The regions to scan, and every other region of the partition with the reason it is not."""

    scan: tuple[str, ...]
    skipped: dict[str, RegionSkipReason] = field(default_factory=dict)
    errors: tuple[CollectionError, ...] = ()
    """What planning could not check (a failed ec2:DescribeRegions), for the inventory."""


def home_region(partition: str) -> str:
    """Where global services (IAM, S3 listing, account settings) are called."""
    return HOME_REGIONS.get(partition, "us-east-1")


class PartitionData(Protocol):
    """botocore's partition and region data, as a boto3 (or botocore) session offers it.

    Pass the scan's own session: its endpoint data is loaded already (a new session would
    load another copy, tens of MiB).
    """

    def get_partition_for_region(self, region_name: str) -> str: ...

    def get_available_regions(
        self, service_name: str, partition_name: str = ..., allow_non_regional: bool = ...
    ) -> list[str]: ...


def partition_of(endpoints: PartitionData, region: str) -> str | None:
    """The partition botocore places ``region`` in, or None for a name it cannot place."""
    try:
        return str(endpoints.get_partition_for_region(region))
    except UnknownRegionError:
        return None


def known_regions(endpoints: PartitionData, partition: str) -> frozenset[str]:
    """The regions botocore knows in ``partition`` (from its endpoint data)."""
    return frozenset(endpoints.get_available_regions("ec2", partition))


def fetch_region_opt_in(
    clients: ClientCache, region: str, tasks: ScanTracker, retrying: Retrying
) -> OptIn | CallFailure:
    """Every region with its opt-in status (ec2:DescribeRegions in ``region``), or the failure.

    The call runs on the scan's tracker, so it counts against the shared budget and retries by
    the engine's one policy; this blocks until it is answered.
    """
    result: list[OptIn | CallFailure] = []

    def attempt() -> None:
        response = clients.get("ec2", region).describe_regions(AllRegions=True)
        result.append(
            {
                item["RegionName"]: item.get("OptInStatus", "opt-in-not-required")
                for item in response["Regions"]
            }
        )

    def run() -> None:
        retrying.run(
            attempt, failure_of=classify, schedule=tasks.submit_later, give_up=result.append
        )

    if not tasks.submit(run):
        return CANCELLED
    tasks.wait()
    return result[0] if result else CANCELLED


def plan_regions(
    opt_in: OptIn | CallFailure,
    partition: str,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    *,
    endpoints: PartitionData,
    listed_in: str | None = None,
) -> RegionPlan:
    """The enabled regions of ``partition``, narrowed to ``include`` and without ``exclude``.

    ``opt_in`` is what ec2:DescribeRegions answered, or how it failed (``listed_in`` is where it
    was called); ``endpoints`` places regions in partitions. A failure with regions named scans
    them as named; without, it is a :class:`ScopeError`, unless the scan was cancelled (then
    nothing is scanned).
    """
    wanted = set(include) if include else None
    excluded = set(exclude)
    where = listed_in or home_region(partition)
    checked = not isinstance(opt_in, CallFailure)
    errors: tuple[CollectionError, ...] = ()
    if isinstance(opt_in, CallFailure):
        if wanted is None:
            if opt_in.kind is ErrorKind.CANCELLED:
                return RegionPlan(())
            raise ScopeError(
                f"cannot list the account's regions (ec2:DescribeRegions in {where}: "
                f"{opt_in.code}); allow ec2:DescribeRegions, or name the regions to scan"
            )
        # Scanned as named, with their opt-in status unknown; the partition's list validates.
        statuses = dict.fromkeys(known_regions(endpoints, partition), "unknown")
        if opt_in.kind is not ErrorKind.CANCELLED:
            errors = (_opt_in_unchecked(opt_in, where, sorted(wanted)),)
    else:
        statuses = dict(opt_in)
    skipped = _other_partitions(endpoints, statuses, partition)
    _check_names(endpoints, (wanted or set()) | excluded, statuses, partition)
    scan: list[str] = []
    for region, status in sorted(statuses.items()):
        if checked and status not in ENABLED_STATUSES:
            skipped[region] = RegionSkipReason.NOT_ENABLED
        elif region in excluded:
            skipped[region] = RegionSkipReason.EXCLUDED
        elif wanted is not None and region not in wanted:
            skipped[region] = RegionSkipReason.NOT_SELECTED
        else:
            scan.append(region)
    disabled = sorted(r for r in wanted or () if skipped.get(r) is RegionSkipReason.NOT_ENABLED)
    if disabled:
        raise ScopeError(
            f"region(s) {', '.join(disabled)} are not enabled in this account; enable them "
            "(AWS console, Account > AWS Regions) or leave them out of the regions to scan"
        )
    if not scan:
        raise ScopeError("no region is left to scan: the regions to exclude cover all of them")
    return RegionPlan(tuple(scan), dict(sorted(skipped.items())), errors)


def _other_partitions(
    endpoints: PartitionData, statuses: dict[str, str], partition: str
) -> dict[str, RegionSkipReason]:
    """Take the regions of other partitions out of ``statuses``, as skipped regions.

    AWS lists only the credentials' partition; an emulator may list every region it knows. A
    region botocore cannot place is kept: the account's own DescribeRegions listed it.
    """
    skipped: dict[str, RegionSkipReason] = {}
    for region in list(statuses):
        if partition_of(endpoints, region) not in (partition, None):
            del statuses[region]
            skipped[region] = RegionSkipReason.OTHER_PARTITION
    return skipped


def _check_names(
    endpoints: PartitionData, named: set[str], statuses: Mapping[str, str], partition: str
) -> None:
    """Every region the scope names exists in the credentials' partition."""
    placed = {region: partition_of(endpoints, region) for region in named - set(statuses)}
    elsewhere = sorted(r for r, p in placed.items() if p not in (partition, None))
    unknown = sorted(named - set(statuses) - set(elsewhere))
    if unknown:
        raise ScopeError(
            f"unknown region(s) {', '.join(unknown)}; the regions of partition {partition} are "
            f"{', '.join(sorted(statuses))}"
        )
    if elsewhere:
        places = ", ".join(f"{r} ({placed[r]})" for r in elsewhere)
        raise ScopeError(
            f"region(s) {places} are in another partition than these credentials ({partition}); "
            "scan them with credentials of their partition"
        )


def _opt_in_unchecked(failure: CallFailure, listed_in: str, named: list[str]) -> CollectionError:
    return CollectionError(
        resource_type=REGION_LIST_TYPE,
        region=listed_in,
        service="ec2",
        operation="DescribeRegions",
        kind=failure.kind,
        code=failure.code,
        message=(
            f"the opt-in status of {', '.join(named)} could not be checked ({failure.message}); "
            "they are scanned as named"
        ),
    )
