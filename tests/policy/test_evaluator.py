"""The evaluator's honesty rules: never a pass on missing data; errors name the API call."""

from __future__ import annotations

import pytest

from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.lint import lint_check
from cloudwarden.policy.model import Check
from cloudwarden.policy.results import Status
from cloudwarden.scan.catalogue import field_catalogue
from tests.policy.support import NOW, inventory_of, make_resource
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
        "aws.s3.bucket": frozenset({"versioning_status"}),
        "aws.kms.key": frozenset({"rotation_enabled"}),
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
    assert Evaluator([c]).needed_fields()["aws.kms.key"] == frozenset({"key_manager"})
