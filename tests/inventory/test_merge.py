"""Merging slices: a slice replaces exactly the part of the account it covers."""

from __future__ import annotations

from cloudwarden.aws.collectors import load_all
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.inventory import Inventory, merge, replace_slice
from cloudwarden.inventory.registry import resource_types

load_all()
ACCOUNT = "123456789012"
QUEUE = "aws.sqs.queue"
USER = "aws.iam.user"


def queue(name: str, region: str, **fields) -> object:
    model = resource_types.get(QUEUE).model
    return model.model_validate(
        {
            "type": QUEUE,
            "id": name,
            "arn": f"arn:aws:sqs:{region}:{ACCOUNT}:{name}",
            "name": name,
            "url": f"https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}",
            "region": region,
            "account_id": ACCOUNT,
            **fields,
        }
    )


def listing_error(type_name: str, region: str, kind: ErrorKind = ErrorKind.ACCESS_DENIED):
    return CollectionError(
        resource_type=type_name,
        region=region,
        service="sqs",
        operation="ListQueues",
        kind=kind,
        code="AccessDenied" if kind is ErrorKind.ACCESS_DENIED else "Cancelled",
        message="no",
    )


def inventory(resources=(), errors=(), coverage=None, resource_ids=None) -> Inventory:
    return Inventory(
        account_id=ACCOUNT,
        regions=["eu-west-1", "us-east-1"],
        resource_types=[QUEUE],
        coverage=coverage if coverage is not None else {QUEUE: ["eu-west-1", "us-east-1"]},
        resource_ids=resource_ids,
        resources=list(resources),
        errors=list(errors),
    )


def ids(inv: Inventory) -> list[tuple[str, str]]:
    return [(r.region, r.id) for r in inv.resources]


def test_a_slice_removes_what_it_no_longer_sees_and_leaves_other_regions_alone():
    base = inventory([queue("a", "us-east-1"), queue("b", "us-east-1"), queue("c", "eu-west-1")])
    part = inventory([queue("a", "us-east-1")], coverage={QUEUE: ["us-east-1"]})
    assert ids(replace_slice(base, part)) == [("eu-west-1", "c"), ("us-east-1", "a")]


def test_a_slice_clears_the_errors_it_no_longer_hits_and_keeps_the_others():
    base = inventory(errors=[listing_error(QUEUE, "us-east-1"), listing_error(QUEUE, "eu-west-1")])
    part = inventory([queue("a", "us-east-1")], coverage={QUEUE: ["us-east-1"]})
    merged = replace_slice(base, part)
    assert [(e.resource_type, e.region) for e in merged.errors] == [(QUEUE, "eu-west-1")]
    assert ids(merged) == [("us-east-1", "a")]


def test_a_slice_of_some_ids_replaces_only_those_resources():
    base = inventory([queue("a", "us-east-1", delay_seconds=0), queue("b", "us-east-1")])
    part = inventory(
        [queue("a", "us-east-1", delay_seconds=30)],
        coverage={QUEUE: ["us-east-1"]},
        resource_ids=["a"],
    )
    merged = replace_slice(base, part)
    assert ids(merged) == [("us-east-1", "a"), ("us-east-1", "b")]
    assert merged.resources[0].delay_seconds == 30  # type: ignore[attr-defined]
    assert merged.resource_ids is None  # the whole account still, not the rescan's ids


def test_a_rescan_by_arn_replaces_that_resource_and_a_gone_one_disappears():
    base = inventory([queue("a", "us-east-1"), queue("b", "us-east-1")])
    arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:a"
    part = inventory(coverage={QUEUE: ["us-east-1"]}, resource_ids=[arn])
    assert ids(replace_slice(base, part)) == [("us-east-1", "b")]


def test_a_cancelled_listing_replaces_nothing_and_says_nothing_new():
    base = inventory([queue("a", "us-east-1")])
    part = inventory(
        errors=[listing_error(QUEUE, "us-east-1", ErrorKind.CANCELLED)],
        coverage={QUEUE: ["us-east-1"]},
    )
    merged = replace_slice(base, part)
    assert ids(merged) == [("us-east-1", "a")]
    assert merged.errors == []
    assert merged.complete


def test_a_cancelled_listing_where_nothing_was_known_keeps_the_merge_incomplete():
    base = inventory(coverage={QUEUE: ["eu-west-1"]})
    part = inventory(
        errors=[listing_error(QUEUE, "us-east-1", ErrorKind.CANCELLED)],
        coverage={QUEUE: ["us-east-1"]},
    )
    merged = replace_slice(base, part)
    assert [e.kind for e in merged.errors] == [ErrorKind.CANCELLED]
    assert not merged.complete


def test_other_types_are_untouched_by_a_slice():
    user_model = resource_types.get(USER).model
    user = user_model.model_validate(
        {"type": USER, "id": "u", "user_id": "AIDAU", "region": "global", "account_id": ACCOUNT}
    )
    base = inventory([user, queue("a", "us-east-1")], coverage={QUEUE: ["us-east-1"]})
    part = inventory(coverage={QUEUE: ["us-east-1"]})
    assert ids(replace_slice(base, part)) == [("global", "u")]


def test_disjoint_slices_add_up_in_any_order():
    east = inventory([queue("a", "us-east-1")], coverage={QUEUE: ["us-east-1"]})
    west = inventory([queue("c", "eu-west-1")], coverage={QUEUE: ["eu-west-1"]})
    assert ids(merge([east, west])) == ids(merge([west, east]))
    assert merge([east, west]).coverage == {QUEUE: ["eu-west-1", "us-east-1"]}
