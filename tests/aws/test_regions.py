"""Region planning: the partition's enabled regions, the scope, and a denied DescribeRegions."""

from __future__ import annotations

import boto3
import pytest

from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.aws.errors import CANCELLED, CallFailure
from cloudwarden.aws.regions import home_region, known_regions, partition_of, plan_regions
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.regions import REGION_LIST_TYPE, RegionSkipReason
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.support.iam import iam_enforced, principal_with_policy

# What an emulator's DescribeRegions may answer for an aws-partition account.
OPT_IN = {
    "us-east-1": "opt-in-not-required",
    "eu-west-1": "opt-in-not-required",
    "ap-east-1": "not-opted-in",
    "me-south-1": "opted-in",
    "cn-north-1": "opt-in-not-required",
    "us-gov-west-1": "opt-in-not-required",
}
ENDPOINTS = boto3.Session()
"""botocore's partition data (no credentials needed)."""
DENIED = CallFailure(ErrorKind.ACCESS_DENIED, "UnauthorizedOperation", "not authorized")


def test_botocore_places_regions_in_their_partitions() -> None:
    assert partition_of(ENDPOINTS, "eu-west-1") == "aws"
    assert partition_of(ENDPOINTS, "cn-north-1") == "aws-cn"
    assert partition_of(ENDPOINTS, "us-gov-west-1") == "aws-us-gov"
    assert partition_of(ENDPOINTS, "mars-north-1") is None
    assert "eu-west-1" in known_regions(ENDPOINTS, "aws")
    assert "cn-north-1" not in known_regions(ENDPOINTS, "aws")
    assert home_region("aws-cn") == "cn-north-1"


def test_enabled_regions_of_the_partition_are_scanned_and_the_rest_say_why_not() -> None:
    plan = plan_regions(OPT_IN, "aws", endpoints=ENDPOINTS)
    assert plan.scan == ("eu-west-1", "me-south-1", "us-east-1")
    assert plan.skipped == {
        "ap-east-1": RegionSkipReason.NOT_ENABLED,
        "cn-north-1": RegionSkipReason.OTHER_PARTITION,
        "us-gov-west-1": RegionSkipReason.OTHER_PARTITION,
    }
    assert plan.errors == ()


def test_the_scope_narrows_and_excludes() -> None:
    plan = plan_regions(
        OPT_IN,
        "aws",
        include=["us-east-1", "eu-west-1"],
        exclude=["eu-west-1"],
        endpoints=ENDPOINTS,
    )
    assert plan.scan == ("us-east-1",)
    assert plan.skipped["eu-west-1"] is RegionSkipReason.EXCLUDED
    assert plan.skipped["me-south-1"] is RegionSkipReason.NOT_SELECTED
    assert plan.skipped["ap-east-1"] is RegionSkipReason.NOT_ENABLED


@pytest.mark.parametrize(
    ("include", "exclude", "message"),
    [
        (["mars-north-1"], [], "unknown region(s) mars-north-1; the regions of partition aws"),
        ([], ["mars-north-1"], "unknown region(s) mars-north-1"),
        (["cn-north-1"], [], "cn-north-1 (aws-cn) are in another partition"),
        (["ap-east-1"], [], "ap-east-1 are not enabled in this account"),
        (["us-east-1"], ["us-east-1"], "no region is left to scan"),
    ],
)
def test_a_scope_that_cannot_be_scanned_is_one_sentence_naming_no_flag(
    include: list[str], exclude: list[str], message: str
) -> None:
    with pytest.raises(ScopeError) as raised:
        plan_regions(OPT_IN, "aws", include=include or None, exclude=exclude, endpoints=ENDPOINTS)
    assert message in str(raised.value)
    assert "--" not in str(raised.value)


def test_a_failed_region_listing_with_regions_named_scans_them_and_says_so() -> None:
    plan = plan_regions(
        DENIED,
        "aws",
        include=["eu-west-1", "us-east-1"],
        listed_in="us-east-1",
        endpoints=ENDPOINTS,
    )
    assert plan.scan == ("eu-west-1", "us-east-1")
    assert plan.skipped["us-west-2"] is RegionSkipReason.NOT_SELECTED
    assert set(plan.skipped.values()) == {RegionSkipReason.NOT_SELECTED}
    (error,) = plan.errors
    assert (error.resource_type, error.region, error.service, error.operation) == (
        REGION_LIST_TYPE,
        "us-east-1",
        "ec2",
        "DescribeRegions",
    )
    assert (error.kind, error.code) == (ErrorKind.ACCESS_DENIED, "UnauthorizedOperation")
    assert "opt-in status of eu-west-1, us-east-1 could not be checked" in error.message


def test_a_failed_region_listing_still_checks_the_names_against_botocore() -> None:
    with pytest.raises(ScopeError, match="unknown region"):
        plan_regions(DENIED, "aws", include=["mars-north-1"], endpoints=ENDPOINTS)
    with pytest.raises(ScopeError, match="another partition"):
        plan_regions(DENIED, "aws", include=["cn-north-1"], endpoints=ENDPOINTS)


def test_a_failed_region_listing_without_regions_named_says_how_to_go_on() -> None:
    with pytest.raises(ScopeError) as raised:
        plan_regions(DENIED, "aws", listed_in="us-east-1", endpoints=ENDPOINTS)
    assert str(raised.value) == (
        "cannot list the account's regions (ec2:DescribeRegions in us-east-1: "
        "UnauthorizedOperation); allow ec2:DescribeRegions, or name the regions to scan"
    )


def test_a_scan_cancelled_before_listing_regions_plans_nothing_and_records_nothing() -> None:
    assert plan_regions(CANCELLED, "aws", endpoints=ENDPOINTS).scan == ()
    named = plan_regions(CANCELLED, "aws", include=["us-east-1"], endpoints=ENDPOINTS)
    assert (named.scan, named.errors) == (("us-east-1",), ())


def test_discovery_scans_only_the_credentials_partition(
    aws: boto3.Session, identity: Identity
) -> None:
    # moto's DescribeRegions lists cn-* and us-gov-* regions for this aws-partition account.
    inventory = discover(aws, identity, DiscoveryScope(services=("sqs",)))
    assert "us-east-1" in inventory.regions
    assert all(partition_of(aws, region) == "aws" for region in inventory.regions)
    assert inventory.skipped_regions["cn-north-1"] is RegionSkipReason.OTHER_PARTITION
    assert inventory.skipped_regions["us-gov-west-1"] is RegionSkipReason.OTHER_PARTITION
    assert not [e for e in inventory.errors if e.region.startswith(("cn-", "us-gov-"))]


def _denied_describe_regions(aws: boto3.Session) -> dict[str, str]:
    return principal_with_policy(
        aws,
        "no-regions-scanner",
        [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "ec2:DescribeRegions", "Resource": "*"},
        ],
    )


def test_a_denied_region_listing_does_not_stop_a_scan_that_names_its_regions(
    aws: boto3.Session, identity: Identity
) -> None:
    aws.client("sqs", region_name="eu-west-1").create_queue(QueueName="cw-named-region")
    key = _denied_describe_regions(aws)
    scope = DiscoveryScope(services=("sqs",), regions=("us-east-1", "eu-west-1"))
    with iam_enforced():
        session, _ = open_session(CredentialOptions(**key))
        inventory = discover(session, identity, scope)
    assert inventory.regions == ["eu-west-1", "us-east-1"]
    (queue,) = inventory.resources
    assert (queue.type, queue.region, queue.name) == (
        "aws.sqs.queue",
        "eu-west-1",
        "cw-named-region",
    )
    (error,) = inventory.errors
    assert (error.resource_type, error.operation, error.kind) == (
        REGION_LIST_TYPE,
        "DescribeRegions",
        ErrorKind.ACCESS_DENIED,
    )


def test_a_denied_region_listing_without_named_regions_is_a_scope_error(
    aws: boto3.Session, identity: Identity
) -> None:
    key = _denied_describe_regions(aws)
    with iam_enforced():
        session, _ = open_session(CredentialOptions(**key))
        with pytest.raises(ScopeError, match="name the regions to scan"):
            discover(session, identity, DiscoveryScope(services=("sqs",)))
