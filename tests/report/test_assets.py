"""Which results belong to which asset: decided by fields, never by the shape of an id."""

from __future__ import annotations

from cloudwarden.aws.collectors import load_all
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.registry import resource_types
from cloudwarden.scan import PolicySelection, build, evaluate, select

ACCOUNT = "123456789012"


def test_a_user_named_like_an_email_is_its_own_asset_and_a_failed_listing_is_the_accounts():
    load_all()
    user = resource_types.get("aws.iam.user").model.model_validate(
        {
            "type": "aws.iam.user",
            "id": "alice@example.com",
            "user_id": "AIDAALICE",
            "name": "alice@example.com",
            "region": "global",
            "account_id": ACCOUNT,
        }
    )
    denied = CollectionError(
        resource_type="aws.sqs.queue",
        region="us-east-1",
        service="sqs",
        operation="ListQueues",
        kind=ErrorKind.ACCESS_DENIED,
        code="AccessDenied",
        message="denied",
    )
    inventory = Inventory(
        account_id=ACCOUNT,
        regions=["us-east-1"],
        resource_types=["aws.iam.user", "aws.sqs.queue"],
        resources=[user],
        errors=[denied],
    )
    selected = select(PolicySelection())
    report = build(selected, inventory, evaluate(selected, inventory))
    assets = {(a.resource_type, a.resource_id): a for a in report.assets}
    alice = assets[("aws.iam.user", "alice@example.com")]
    assert alice.counts.passed + alice.counts.failed + alice.counts.error > 0
    account = assets[("aws.account", ACCOUNT)]
    listing = [r for r in report.results if r.listing_error]
    assert listing
    assert {r.resource_type for r in listing} == {"aws.sqs.queue"}
    assert account.counts.error >= len(listing)
    assert not any(r.listing_error for r in report.results if r.resource_id == "alice@example.com")
