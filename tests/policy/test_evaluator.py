"""The evaluator's honesty rules: never a pass on missing data; errors name the API call."""

from __future__ import annotations

import pytest

from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from cloudwarden.policy.evaluator import IDENTITY_FIELDS, Evaluator
from cloudwarden.policy.lint import lint_check
from cloudwarden.policy.model import Check
from cloudwarden.policy.results import Status
from cloudwarden.scan.catalogue import field_catalogue
from tests.policy.support import ACCOUNT, NOW, inventory_of, make_resource
from tests.policy.support import make_check as check


def denied(operation: str, fields: tuple[str, ...]) -> CollectionError:
    return CollectionError(
        resource_type="aws.s3.bucket",
        region="us-east-1",
        service="s3",
        operation=operation,
        kind=ErrorKind.ACCESS_DENIED,
        code="AccessDenied",
        message="denied",
        resource_id="fixture-0",
        fields=fields,
    )


def evaluate(c: Check, *resources):
    return Evaluator([c]).evaluate(inventory_of(*resources), NOW)


def test_a_check_on_an_uncollected_field_is_an_error_naming_the_call():
    bucket = make_resource(
        "aws.s3.bucket", {"collection_errors": [denied("GetBucketPolicy", ("policy",))]}
    )
    (result,) = evaluate(check("resource.policy == null"), bucket)
    assert result.status is Status.ERROR
    assert result.reason == "not collected: s3:GetBucketPolicy failed (access_denied: AccessDenied)"


def test_a_check_on_other_fields_is_unaffected_by_the_failure():
    bucket = make_resource(
        "aws.s3.bucket",
        {
            "versioning_status": "Enabled",
            "collection_errors": [denied("GetBucketPolicy", ("policy",))],
        },
    )
    (result,) = evaluate(check("resource.versioning_status == 'Enabled'"), bucket)
    assert result.status is Status.PASS


def test_a_failed_listing_gives_an_error_per_check_and_region():
    inventory = inventory_of()
    inventory.errors.append(
        CollectionError(
            resource_type="aws.s3.bucket",
            region="global",
            service="s3",
            operation="ListBuckets",
            kind=ErrorKind.ACCESS_DENIED,
            code="AccessDenied",
            message="denied",
        )
    )
    (result,) = Evaluator([check("true")]).evaluate(inventory, NOW)
    assert (result.status, result.region) == (Status.ERROR, "global")
    assert "s3:ListBuckets failed" in result.reason


def test_filter_false_is_a_skip():
    bucket = make_resource("aws.s3.bucket", {"versioning_status": None})
    (result,) = evaluate(check("false", filter_="resource.versioning_status == 'Enabled'"), bucket)
    assert result.status is Status.SKIP


def test_an_expression_that_cannot_evaluate_is_an_error_not_a_pass():
    bucket = make_resource("aws.s3.bucket", {"logging": None})
    (result,) = evaluate(check("resource.logging.target_bucket == 'x'"), bucket)
    assert result.status is Status.ERROR
    assert result.reason.startswith("evaluation failed")


def test_a_non_boolean_assertion_is_an_error():
    (result,) = evaluate(check("1 + 1"), make_resource("aws.s3.bucket", {}))
    assert (result.status, result.reason) == (Status.ERROR, "assertion gave 2, not a bool")


def test_related_types_are_readable_and_their_gaps_are_errors():
    key = make_resource("aws.kms.key", {"rotation_enabled": True}, 1)
    bucket = make_resource("aws.s3.bucket", {})
    c = check("related('aws.kms.key').exists(k, k.rotation_enabled == true)")
    assert [r.status for r in evaluate(c, bucket, key) if r.resource_id == "fixture-0"] == [
        Status.PASS
    ]
    inventory = inventory_of(bucket, key)
    inventory.errors.append(
        CollectionError(
            resource_type="aws.kms.key",
            region="eu-west-1",
            service="kms",
            operation="ListKeys",
            kind=ErrorKind.ACCESS_DENIED,
            code="AccessDenied",
            message="denied",
        )
    )
    (result,) = [r for r in Evaluator([c]).evaluate(inventory, NOW) if r.resource_id == "fixture-0"]
    assert result.status is Status.ERROR
    assert "needs aws.kms.key" in result.reason


@pytest.mark.parametrize(
    ("impact", "severity"),
    [(95, "critical"), (90, "critical"), (70, "high"), (40, "medium"), (39, "low")],
)
def test_severity_is_derived_from_impact(impact, severity):
    assert check("true", impact=impact).severity.value == severity


def test_needed_fields_are_what_checks_read():
    needed = Evaluator(
        [
            check(
                "resource.versioning_status == 'Enabled'"
                " && related('aws.kms.key').exists(k, k.rotation_enabled)"
            )
        ]
    ).needed_fields()
    assert needed == {
        "aws.s3.bucket": IDENTITY_FIELDS | {"versioning_status"},
        "aws.kms.key": IDENTITY_FIELDS | {"rotation_enabled"},
    }


def test_a_related_document_missing_a_read_field_makes_the_check_an_error():
    key = make_resource(
        "aws.kms.key",
        {
            "collection_errors": [
                CollectionError(
                    resource_type="aws.kms.key",
                    region="us-east-1",
                    service="kms",
                    operation="GetKeyRotationStatus",
                    kind=ErrorKind.ACCESS_DENIED,
                    code="AccessDenied",
                    message="denied",
                    resource_id="fixture-1",
                    fields=("rotation_enabled",),
                )
            ]
        },
        1,
    )
    bucket = make_resource("aws.s3.bucket", {})
    c = check("related('aws.kms.key').all(k, k.rotation_enabled == true)")
    (result,) = [r for r in evaluate(c, bucket, key) if r.resource_id == "fixture-0"]
    assert result.status is Status.ERROR
    assert result.reason == (
        "needs aws.kms.key fixture-1.rotation_enabled: not collected: "
        "kms:GetKeyRotationStatus failed (access_denied: AccessDenied)"
    )


def test_lint_refuses_related_without_a_literal_type():
    c = check("related(resource.type).size() > 0")
    assert any("without a literal type name" in p.message for p in lint_check(c, field_catalogue()))


def test_related_where_joins_on_a_dotted_field():
    target = make_resource("aws.sqs.queue", {"arn": "arn:aws:sqs:us-east-1:1:dlq"}, 0)
    source = make_resource(
        "aws.sqs.queue",
        {
            "redrive_policy": {
                "dead_letter_target_arn": "arn:aws:sqs:us-east-1:1:dlq",
                "max_receive_count": 3,
            }
        },
        1,
    )
    c = check(
        "size(related_where('aws.sqs.queue', 'redrive_policy.dead_letter_target_arn',"
        " resource.arn)) == 1",
        resource="aws.sqs.queue",
    )
    verdicts = {r.resource_id: r.status for r in evaluate(c, target, source)}
    assert verdicts == {"fixture-0": Status.PASS, "fixture-1": Status.FAIL}


def test_needed_fields_include_related_fields_read_by_a_filter():
    c = check(
        "resource.versioning_status == 'Enabled'",
        filter_="related('aws.kms.key').exists(k, k.key_manager == 'CUSTOMER')",
    )
    assert Evaluator([c]).needed_fields()["aws.kms.key"] == IDENTITY_FIELDS | {"key_manager"}


def rule(port: int) -> dict[str, object]:
    return {
        "protocol": "tcp",
        "all_traffic": False,
        "from_port": port,
        "to_port": port,
        "source_kind": "cidr_ipv4",
        "source": "10.0.0.0/8",
        "open_to_internet": False,
    }


def group(rules: int, index: int = 0) -> Resource:
    return make_resource(
        "aws.ec2.security_group", {"ingress_rules": [rule(p) for p in range(rules)]}, index
    )


@pytest.mark.parametrize(
    ("assertion", "raised"),
    [
        ("resource.ingress_rules[0].from_port != 22", "IndexError"),
        ("1 / size(resource.ingress_rules) == 0", "ZeroDivisionError"),
        ("size(resource.ingress_rules) % 0 == 0", "ZeroDivisionError"),
        ("9223372036854775807 + size(resource.ingress_rules) + 1 > 0", "OverflowError"),
        ("int(resource.description + '1e99') > 0", "RuntimeError"),
        ("int(double(resource.ingress_rules.size() + 1) * 1e300) > 0", "OverflowError"),
        ("resource.tags['missing'] == 'x'", "KeyError"),
        ("size(resource.ingress_rules) + 'a' == 'b'", "TypeError"),
        ("resource.ingress_rules.size() < 'zero'", "TypeError"),
        ("resource.name.matches('[') ", "RuntimeError"),
        ("timestamp(resource.name) > timestamp('2020-01-01T00:00:00Z')", "RuntimeError"),
    ],
)
def test_an_expression_that_raises_is_an_error_and_the_scan_goes_on(assertion, raised):
    empty = make_resource("aws.ec2.security_group", {"description": "x", "name": "n"})
    failing = check(assertion, resource="aws.ec2.security_group")
    passing = check("true", resource="aws.ec2.security_group", check_id="aws-test-other-holds")
    results = Evaluator([failing, passing]).evaluate(inventory_of(empty, group(1, 1)), NOW)
    verdicts = [(r.check_id, r.resource_id, r.status) for r in results]
    assert ("aws-test-thing-holds", "fixture-0", Status.ERROR) in verdicts
    assert ("aws-test-other-holds", "fixture-0", Status.PASS) in verdicts
    assert ("aws-test-other-holds", "fixture-1", Status.PASS) in verdicts
    (error,) = [r for r in results if r.resource_id == "fixture-0" and r.status is Status.ERROR]
    assert error.reason.startswith("evaluation failed: ")
    assert raised in error.reason


def test_a_failure_inside_a_registered_function_is_an_error_naming_it():
    bucket = make_resource("aws.s3.bucket", {"creation_date": None, "name": "not-a-date"})
    (result,) = evaluate(check("days_since(resource.name) > 90"), bucket)
    assert result.status is Status.ERROR
    assert result.reason.startswith("evaluation failed: days_since() raised ValueError: ")


def test_four_nested_comprehensions_over_100_items_are_refused_before_they_run():
    rules = "resource.ingress_rules"
    nested = check(
        f"{rules}.all(a, {rules}.all(b, {rules}.all(c, {rules}.all(d, "
        "a.from_port + b.from_port + c.from_port + d.from_port >= 0))))",
        resource="aws.ec2.security_group",
    )
    groups = [group(100, index) for index in range(7)]
    results = Evaluator([nested]).evaluate(inventory_of(*groups), NOW)
    assert [r.status for r in results] == [Status.ERROR] * 7
    assert all(
        r.reason.startswith("evaluation exceeded its budget of 1,000,000 comprehension steps")
        for r in results
    )


def test_an_evaluation_within_its_budget_runs_and_the_budget_is_per_evaluator():
    pairs = check(
        "resource.ingress_rules.all(a, resource.ingress_rules.exists(b, b.from_port == a.to_port))",
        resource="aws.ec2.security_group",
    )
    (result,) = Evaluator([pairs]).evaluate(inventory_of(group(100)), NOW)
    assert result.status is Status.PASS
    (small,) = Evaluator([pairs], budget=1_000).evaluate(inventory_of(group(100)), NOW)
    assert small.status is Status.ERROR
    assert "budget of 1,000 comprehension steps" in small.reason
    (few,) = Evaluator([pairs], budget=1_000).evaluate(inventory_of(group(3)), NOW)
    assert few.status is Status.PASS


def test_a_comprehension_over_related_documents_counts_them():
    keys = [make_resource("aws.kms.key", {"rotation_enabled": True}, i + 1) for i in range(50)]
    c = check("related('aws.kms.key').all(k, k.rotation_enabled)")
    evaluator = Evaluator([c], budget=40)
    (result,) = [
        r
        for r in evaluator.evaluate(inventory_of(make_resource("aws.s3.bucket", {}), *keys), NOW)
        if r.resource_id == "fixture-0"
    ]
    assert result.status is Status.ERROR
    assert "could take 50 " in result.reason


def test_a_type_read_only_whole_is_collected_and_its_absence_is_an_error():
    c = check("size(related('aws.iam.user')) == 0")
    assert Evaluator([c]).needed_fields()["aws.iam.user"] >= {"id", "arn"}
    bucket = make_resource("aws.s3.bucket", {})
    types = sorted(t for t in inventory_of().resource_types if t != "aws.iam.user")
    inventory = Inventory(
        account_id=ACCOUNT, regions=["us-east-1"], resource_types=types, resources=[bucket]
    )
    (result,) = Evaluator([c]).evaluate(inventory, NOW)
    assert (result.status, result.reason) == (
        Status.ERROR,
        "needs aws.iam.user, which this scan did not collect",
    )


def test_a_type_read_only_whole_whose_listing_failed_is_an_error():
    c = check("size(related('aws.iam.user')) == 0")
    inventory = inventory_of(make_resource("aws.s3.bucket", {}))
    inventory.errors.append(
        CollectionError(
            resource_type="aws.iam.user",
            region="global",
            service="iam",
            operation="ListUsers",
            kind=ErrorKind.ACCESS_DENIED,
            code="AccessDenied",
            message="denied",
        )
    )
    (result,) = [r for r in Evaluator([c]).evaluate(inventory, NOW) if r.check_id == c.id]
    assert result.status is Status.ERROR
    assert result.reason.startswith("needs aws.iam.user: iam:ListUsers failed")


def test_a_joined_type_is_needed_and_its_absence_is_an_error():
    c = check("size(related_where('aws.iam.user', 'name', resource.name)) == 0")
    assert "aws.iam.user" in Evaluator([c]).needed_fields()
    types = sorted(t for t in inventory_of().resource_types if t != "aws.iam.user")
    inventory = Inventory(
        account_id=ACCOUNT,
        regions=["us-east-1"],
        resource_types=types,
        resources=[make_resource("aws.s3.bucket", {})],
    )
    (result,) = Evaluator([c]).evaluate(inventory, NOW)
    assert result.status is Status.ERROR
