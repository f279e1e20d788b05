"""Discovery end to end on the emulated account: errors as data, scopes, cancel, merge."""

from __future__ import annotations

import boto3
import pytest

from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import merge
from cloudwarden.inventory.regions import RegionSkipReason
from cloudwarden.scan.discover import DiscoveryScope, discover
from cloudwarden.scan_control import CancelToken, ProgressEvent
from tests.support.iam import iam_enforced, principal_with_policy

S3_ONLY = DiscoveryScope(services=("s3",), regions=("us-east-1", "eu-west-1"))


def make_buckets(session: boto3.Session, names: list[str], region: str = "us-east-1") -> None:
    s3 = session.client("s3", region_name=region)
    for name in names:
        config = (
            {}
            if region == "us-east-1"
            else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        )
        s3.create_bucket(Bucket=name, **config)


def test_a_denied_detail_call_is_recorded_on_the_resource_and_the_rest_is_collected(aws, identity):
    make_buckets(aws, ["cw-denied-detail"])
    key = principal_with_policy(
        aws,
        "partial-scanner",
        [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:GetBucketPolicy", "Resource": "*"},
        ],
    )
    with iam_enforced():
        session, _ = open_session(CredentialOptions(**key))
        inventory = discover(session, identity, S3_ONLY)
    (bucket,) = inventory.resources
    (error,) = bucket.collection_errors
    assert (error.operation, error.kind, error.fields) == (
        "GetBucketPolicy",
        ErrorKind.ACCESS_DENIED,
        ("policy",),
    )
    assert error.resource_id == "cw-denied-detail"
    assert bucket.missing_fields() == {"policy"}
    # Everything the denial did not touch was collected.
    assert bucket.versioning_status is None  # type: ignore[attr-defined]
    assert bucket.acl_grants  # type: ignore[attr-defined]


def test_a_denied_listing_is_recorded_on_its_type_and_region(aws, identity):
    make_buckets(aws, ["cw-denied-list"])
    key = principal_with_policy(
        aws,
        "no-s3-scanner",
        [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
        ],
    )
    with iam_enforced():
        session, _ = open_session(CredentialOptions(**key))
        inventory = discover(session, identity, S3_ONLY)
    assert inventory.resources == []
    (error,) = inventory.errors_for("aws.s3.bucket")
    assert (error.region, error.operation, error.kind) == (
        "global",
        "ListBuckets",
        ErrorKind.ACCESS_DENIED,
    )


def test_bucket_outside_the_region_scope_is_left_out(aws, identity):
    make_buckets(aws, ["cw-in-scope"])
    make_buckets(aws, ["cw-out-of-scope"], region="ap-southeast-2")
    inventory = discover(aws, identity, S3_ONLY)
    assert [r.id for r in inventory.resources] == ["cw-in-scope"]


def test_resource_id_scope_collects_one_resource(aws, identity):
    make_buckets(aws, ["cw-one", "cw-two"])
    scope = DiscoveryScope(services=("s3",), regions=("us-east-1",), resource_ids=("cw-two",))
    inventory = discover(aws, identity, scope)
    assert [r.id for r in inventory.resources] == ["cw-two"]


def test_slices_merge_into_the_whole(aws, identity):
    make_buckets(aws, ["cw-east"])
    make_buckets(aws, ["cw-west"], region="eu-west-1")
    whole = discover(aws, identity, S3_ONLY)
    east = discover(aws, identity, DiscoveryScope(services=("s3",), regions=("us-east-1",)))
    west = discover(aws, identity, DiscoveryScope(services=("s3",), regions=("eu-west-1",)))
    merged = merge([east, west])
    assert sorted(r.key for r in merged.resources) == sorted(r.key for r in whole.resources)
    assert merged.regions == ["eu-west-1", "us-east-1"]
    assert merged.counts() == whole.counts()


def test_progress_reports_every_unit(aws, identity):
    make_buckets(aws, ["cw-progress"])
    events: list[ProgressEvent] = []
    discover(aws, identity, S3_ONLY, progress=events.append)
    assert events[-1].units_done == events[-1].units_total == len(events)
    assert events[-1].resources_total == 1


def test_cancel_stops_the_scan_and_keeps_what_was_collected(aws, identity):
    make_buckets(aws, [f"cw-cancel-{i}" for i in range(3)])
    cancel = CancelToken()
    cancel.cancel()
    inventory = discover(aws, identity, S3_ONLY, cancel=cancel)
    assert inventory.complete is False
    assert inventory.finished_at is not None
    # Nothing ran, and every type says so in every region it would have covered.
    assert inventory.resources == []
    assert {(e.resource_type, e.region, e.kind) for e in inventory.errors} == {
        ("aws.s3.bucket", "global", ErrorKind.CANCELLED)
    }


def test_cancelled_mid_scan_keeps_what_it_has_and_marks_what_is_missing(aws, identity):
    make_buckets(aws, [f"cw-mid-{i}" for i in range(5)])
    cancel = CancelToken()
    events: list[ProgressEvent] = []

    def cancel_on_first(event: ProgressEvent) -> None:
        events.append(event)
        cancel.cancel()

    # Every enabled region: far more units than can finish before the first one reports.
    scope = DiscoveryScope(services=("s3", "sqs", "kms"))
    inventory = discover(aws, identity, scope, cancel=cancel, progress=cancel_on_first)
    assert inventory.complete is False
    assert inventory.finished_at is not None
    # Nothing crashed: every failure recorded is the cancellation itself.
    assert {e.kind for e in inventory.all_errors()} <= {ErrorKind.CANCELLED}
    # Nothing is silently missing: every (type, region) in scope either finished or says
    # it was cancelled.
    finished = {(e.resource_type, e.region) for e in events}
    cancelled = {(e.resource_type, e.region) for e in inventory.errors}
    expected = {("aws.s3.bucket", "global")} | {
        (t, r) for t in ("aws.sqs.queue", "aws.kms.key") for r in inventory.regions
    }
    assert expected <= finished | cancelled


def test_unknown_service_is_a_scope_error(aws, identity):
    with pytest.raises(ScopeError, match="unknown service"):
        discover(aws, identity, DiscoveryScope(services=("nosuchservice",)))


def test_unknown_region_is_a_scope_error(aws, identity):
    with pytest.raises(ScopeError, match="unknown region"):
        discover(aws, identity, DiscoveryScope(regions=("mars-north-1",)))


def test_opt_in_regions_are_skipped_and_listed(aws, identity: Identity):
    inventory = discover(aws, identity, DiscoveryScope(services=("s3",)))
    assert "ap-east-1" in inventory.skipped_regions
    assert inventory.skipped_regions["ap-east-1"] is RegionSkipReason.NOT_ENABLED
    assert "us-east-1" in inventory.regions


def test_excluded_regions_are_skipped_with_the_reason(aws, identity):
    scope = DiscoveryScope(services=("sqs",), exclude_regions=("eu-west-1",))
    inventory = discover(aws, identity, scope)
    assert "eu-west-1" not in inventory.regions
    assert inventory.skipped_regions["eu-west-1"] is RegionSkipReason.EXCLUDED


def test_details_no_check_reads_are_not_called(aws, identity):
    make_buckets(aws, ["cw-lean"])
    calls: list[str] = []
    aws.events.register("before-call.s3", lambda model, **_: calls.append(model.name))
    needed = {"aws.s3.bucket": frozenset({"versioning_status"})}
    inventory = discover(aws, identity, S3_ONLY, needed_fields=needed)
    # The location (every bucket's region) and tags are always read; the rest only if needed.
    assert sorted(set(calls)) == [
        "GetBucketLocation",
        "GetBucketTagging",
        "GetBucketVersioning",
        "ListBuckets",
    ]
    (bucket,) = inventory.resources
    assert bucket.region == "us-east-1"
    assert bucket.versioning_status is None  # type: ignore[attr-defined]


def test_a_global_only_scope_probes_no_region(aws, identity):
    calls: list[str] = []
    aws.events.register("before-call.ec2", lambda model, **_: calls.append(model.name))
    discover(aws, identity, DiscoveryScope(services=("iam",)))
    assert calls == ["DescribeRegions"]
