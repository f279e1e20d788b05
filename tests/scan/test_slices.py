"""The library contract: slices discovered apart and merged give the report of one full scan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cloudwarden.aws.clients import ClientCache
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Scope
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.demo.seed import s3 as planted_s3
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.inventory import Inventory, merge
from cloudwarden.policy.results import Status
from cloudwarden.report.model import Report
from cloudwarden.scan import (
    DiscoveryScope,
    PolicySelection,
    Selected,
    build,
    discover,
    evaluate,
    plan_discovery,
    scan,
    select,
)
from tests.support.engine import EMULATOR_ENGINE

SEEDED = frozenset({"kms", "s3", "iam", "ec2_network", "sqs"})
SERVICES = ("s3", "iam", "ec2", "sqs", "kms")
GONE = "cw-slice-gone"


@pytest.fixture(scope="module")
def account() -> Iterator[DemoAccount]:
    with emulated_account(only=SEEDED) as demo:
        demo.client("s3").create_bucket(Bucket=GONE)
        yield demo


@pytest.fixture(scope="module")
def selected() -> Selected:
    return select(PolicySelection())


def run(account: DemoAccount, selected: Selected, scope: DiscoveryScope) -> Inventory:
    plan = plan_discovery(selected, scope)
    return discover(
        account.session,
        account.identity,
        plan.scope,
        needed_fields=plan.needed_fields,
        endpoint_for=account.endpoint_for,
        settings=EMULATOR_ENGINE,
    )


def essence(report: Report) -> tuple[object, ...]:
    """Everything a report says about the account, without times and call counts."""
    return (
        sorted(
            (r.check_id, r.resource_type, r.region, r.resource_id, r.status.value, r.reason)
            for r in report.results
        ),
        sorted((a.resource_type, a.region, a.resource_id, a.score) for a in report.assets),
        report.resource_counts,
        report.score,
        sorted(
            (e.resource_type, e.region, e.operation, e.resource_id or "", e.code)
            for e in report.collection_errors
        ),
    )


@pytest.fixture(scope="module")
def full(account: DemoAccount, selected: Selected) -> Inventory:
    return run(account, selected, DiscoveryScope(regions=account.regions, services=SERVICES))


def slices(account: DemoAccount) -> list[DiscoveryScope]:
    """One slice per region for regional types, one for the global types: how workers or
    Lambda invocations split a scan."""
    registry = load_all()
    global_types = tuple(
        spec.type_name
        for spec in registry
        if spec.scope is not Scope.REGIONAL and spec.type_name.split(".")[1] in SERVICES
    )
    regional = [
        DiscoveryScope(regions=(region,), services=SERVICES, include_global=False)
        for region in account.regions
    ]
    return [*regional, DiscoveryScope(regions=account.regions, resource_types=global_types)]


def test_slices_merged_give_the_report_of_one_full_scan(account, selected, full):
    parts = [run(account, selected, scope) for scope in slices(account)]
    merged = merge(parts)
    whole = build(selected, full, evaluate(selected, full))
    pieced = build(selected, merged, evaluate(selected, merged))
    assert essence(pieced) == essence(whole)
    assert [r.key for r in merged.resources] == [r.key for r in full.resources]
    # Cross-resource checks were evaluated on the merged inventory: some read another type.
    assert any(r.status is Status.PASS for r in pieced.results if r.resource_type == "aws.kms.key")


def test_a_rescan_of_one_resource_updates_exactly_that_resource(account, selected, full):
    s3 = account.client("s3")
    s3.delete_public_access_block(Bucket=planted_s3.SECURE)
    try:
        rescan = run(
            account,
            selected,
            DiscoveryScope(
                regions=account.regions,
                resource_types=("aws.s3.bucket",),
                resource_ids=(planted_s3.SECURE,),
            ),
        )
    finally:
        s3.put_public_access_block(
            Bucket=planted_s3.SECURE,
            PublicAccessBlockConfiguration=dict.fromkeys(
                (
                    "BlockPublicAcls",
                    "IgnorePublicAcls",
                    "BlockPublicPolicy",
                    "RestrictPublicBuckets",
                ),
                True,
            ),
        )
    assert [r.id for r in rescan.resources] == [planted_s3.SECURE]
    merged = merge([full, rescan])
    before = {r.key: r.document() for r in full.resources}
    after = {r.key: r.document() for r in merged.resources}
    assert after.keys() == before.keys()
    changed = [key for key in before if before[key] != after[key]]
    assert [key[2] for key in changed] == [planted_s3.SECURE]
    assert after[changed[0]]["public_access_block"] is None
    verdicts = {
        r.resource_id: r.status
        for r in evaluate(selected, merged)
        if r.check_id == "aws-s3-bucket-public-access-blocked"
    }
    assert verdicts[planted_s3.SECURE] is Status.FAIL


def test_a_resource_gone_since_the_last_scan_is_gone_after_its_slice_merges(
    account, selected, full
):
    assert any(r.id == GONE for r in full.resources)
    account.client("s3").delete_bucket(Bucket=GONE)
    rescan = run(
        account,
        selected,
        DiscoveryScope(regions=account.regions, resource_types=("aws.s3.bucket",)),
    )
    merged = merge([full, rescan])
    assert GONE not in {r.id for r in merged.resources}
    assert len(merged.of_type("aws.s3.bucket")) == len(full.of_type("aws.s3.bucket")) - 1
    assert len(merged.of_type("aws.iam.user")) == len(full.of_type("aws.iam.user"))


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (DiscoveryScope(services=("s3x",)), "unknown service 's3x' \\(did you mean 's3'\\?\\)"),
        (DiscoveryScope(services=("S3",)), "unknown service 'S3' \\(did you mean 's3'\\?\\)"),
        (DiscoveryScope(services=()), "names no service"),
        (DiscoveryScope(resource_types=("aws.s3.bukket",)), "unknown resource type"),
        (DiscoveryScope(regions=("us-east-1; rm",)), "is not an AWS region name"),
        (DiscoveryScope(resource_ids=("",)), "resource id in the scope is empty"),
        (DiscoveryScope(services=("iam",), include_global=False), "selects no resource type"),
    ],
)
def test_a_scope_that_cannot_be_scanned_is_refused_before_any_call(account, scope, message):
    clients = ClientCache(account.session, EngineSettings(), account.endpoint_for)
    with pytest.raises(ScopeError, match=message):
        scan(account.session, account.identity, scope, select(PolicySelection()), clients=clients)
    assert clients.calls == 0


def test_a_scope_no_selected_check_reads_is_refused(account):
    cis = select(PolicySelection(framework="cis-aws-5.0"))
    with pytest.raises(ScopeError, match="no selected check reads sagemaker"):
        plan_discovery(cis, DiscoveryScope(services=("sagemaker",)))
