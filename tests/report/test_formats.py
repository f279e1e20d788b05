"""Every report format carries the real content: rows, grades, rules, test cases, findings."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest
from markupsafe import escape
from py_ocsf_models.events.findings.detection_finding import DetectionFinding

from cloudwarden.exceptions import CloudwardenError
from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.policy.loader import Bundle, load
from cloudwarden.policy.model import Control, Framework
from cloudwarden.policy.results import Result, Status
from cloudwarden.report.build import build_report
from cloudwarden.report.formats import FORMATS, html, render
from cloudwarden.report.formats.csv import COLUMNS
from cloudwarden.report.model import Report
from tests.policy.support import ACCOUNT, NOW, inventory_of, make_resource

EVIL = "<script>alert(1)</script>"
EVIL_ARN = f"arn:aws:s3:::{EVIL}"
LOGS_ARN = "arn:aws:s3:::logs-bucket"
PUBLIC = "aws-s3-bucket-public-access-blocked"
VERSIONING = "aws-s3-bucket-versioning-enabled"
LOGGING = "aws-s3-bucket-access-logging-enabled"
QUEUE_PUBLIC = "aws-sqs-queue-policy-not-public"
QUEUE_ENCRYPTED = "aws-sqs-queue-encrypted"
QUEUE_DLQ = "aws-sqs-queue-dead-letter-queue"
NOT_COLLECTED = "not collected: sqs:GetQueueAttributes failed (access_denied: AccessDenied)"
TRICKY_REASON = 'status is "Suspended", not "Enabled",\nsince the last change'
DENIED = CollectionError(
    resource_type="aws.sqs.queue",
    region="us-east-1",
    service="sqs",
    operation="GetQueueAttributes",
    kind=ErrorKind.ACCESS_DENIED,
    code="AccessDenied",
    message="User is not authorized to perform sqs:GetQueueAttributes",
    resource_id="orders",
    fields=("kms_master_key_id",),
)


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    loaded = load()
    loaded.frameworks["test-fw"] = Framework(
        id="test-fw",
        name="Test Framework",
        version="1.0",
        controls=[
            Control(id="1.1", title="Buckets block public access", checks=[PUBLIC]),
            Control(
                id="1.2",
                title="Root uses a hardware MFA device",
                manual="The API does not say whether an MFA device is hardware.",
            ),
            Control(
                id="1.3",
                title="Buckets replicate to another region",
                not_covered="No shipped check reads S3 replication configuration.",
            ),
        ],
    )
    return loaded


def result(
    bundle: Bundle,
    check_id: str,
    status: Status,
    resource_id: str,
    resource_arn: str | None = None,
    reason: str = "",
) -> Result:
    """A result of a shipped check, with the check's own severity and impact."""
    check = bundle.checks[check_id]
    return Result(
        check_id=check_id,
        status=status,
        severity=check.severity,
        impact=check.impact,
        resource_type=check.resource,
        resource_id=resource_id,
        resource_arn=resource_arn,
        region="us-east-1",
        reason=reason,
    )


@pytest.fixture(scope="module")
def report(bundle: Bundle) -> Report:
    inventory = inventory_of(
        make_resource("aws.s3.bucket", {"id": EVIL, "arn": EVIL_ARN}),
        make_resource("aws.s3.bucket", {"id": "logs-bucket", "arn": LOGS_ARN}),
        make_resource("aws.sqs.queue", {"id": "orders", "collection_errors": [DENIED]}),
    )
    results = [
        result(bundle, PUBLIC, Status.FAIL, EVIL, EVIL_ARN, reason="all four are off"),
        result(bundle, PUBLIC, Status.PASS, "logs-bucket", LOGS_ARN),
        result(bundle, VERSIONING, Status.FAIL, "logs-bucket", LOGS_ARN, reason=TRICKY_REASON),
        result(bundle, LOGGING, Status.FAIL, "logs-bucket", LOGS_ARN),
        result(bundle, QUEUE_PUBLIC, Status.FAIL, "orders", reason="Principal is *"),
        result(bundle, QUEUE_ENCRYPTED, Status.ERROR, "orders", reason=NOT_COLLECTED),
        result(bundle, QUEUE_DLQ, Status.SKIP, "orders"),
    ]
    return build_report(
        inventory,
        bundle,
        results,
        policy_uids=["aws-security-baseline"],
        framework_ids=["test-fw"],
        generated_at=NOW,
    )


def failed(report: Report):
    return [r for r in report.results if r.status is Status.FAIL]


def test_the_registry_names_every_format_and_refuses_unknown_ones(report, bundle):
    assert set(FORMATS) == {"json", "csv", "html", "sarif", "junit", "ocsf"}
    with pytest.raises(CloudwardenError, match="unknown report format 'pdf'"):
        render("pdf", report, bundle.checks)


def test_json_is_the_report_model(report, bundle):
    assert Report.model_validate_json(render("json", report, bundle.checks)) == report


# CSV


def test_csv_has_one_row_per_result_that_parses_back(report, bundle):
    rows = list(csv.DictReader(io.StringIO(render("csv", report, bundle.checks), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(report.results) == 7
    assert [(r["check_id"], r["status"], r["resource_id"]) for r in rows] == [
        (r.check_id, r.status.value, r.resource_id) for r in report.results
    ]
    (versioning,) = [r for r in rows if r["check_id"] == VERSIONING]
    assert versioning["reason"] == TRICKY_REASON
    assert versioning["severity"] == "medium"
    assert versioning["impact"] == "40"
    assert versioning["resource_arn"] == LOGS_ARN
    (evil,) = [r for r in rows if r["resource_id"] == EVIL]
    assert "test-fw:1.1" in evil["controls"].split(";")
    (queue,) = [r for r in rows if r["check_id"] == QUEUE_PUBLIC]
    assert queue["resource_arn"] == ""


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(report, bundle):
    formula = '=HYPERLINK("http://attacker.example","click")'
    tampered = report.model_copy(
        update={"results": [report.results[0].model_copy(update={"resource_id": formula})]}
    )
    (row,) = csv.DictReader(io.StringIO(render("csv", tampered, bundle.checks), newline=""))
    assert row["resource_id"] == "'" + formula


# HTML


def test_html_shows_the_grade_counts_and_policy_scores(report, bundle):
    page = render("html", report, bundle.checks)
    assert f'<span class="letter">{report.grade}</span>' in page
    assert f"<dd>{ACCOUNT} (aws)</dd>" in page
    assert f'<span class="n">{report.counts.failed}</span><span class="l">Fail</span>' in page
    critical = report.severity_failures["critical"]
    assert f'<span class="n">{critical}</span><span class="l">Critical</span>' in page
    assert "AWS Security Baseline" in page


def test_html_groups_failing_resources_by_check_with_risk_and_remediation(report, bundle):
    page = render("html", report, bundle.checks)
    check = bundle.checks[VERSIONING]
    section = page[page.index('id="failing"') :]
    assert check.title in section
    assert "logs-bucket" in section
    assert str(escape(TRICKY_REASON)) in section
    assert str(escape(check.docs.risk)) in section
    for snippet in (check.docs.remediation.cli, check.docs.remediation.terraform):
        assert snippet
        assert str(escape(snippet.strip())) in section
    assert section.index(PUBLIC) < section.index(VERSIONING) < section.index(LOGGING)


def test_html_shows_framework_controls_and_why_manual_ones_are_manual(report, bundle):
    page = render("html", report, bundle.checks)
    section = page[page.index('id="frameworks"') : page.index('id="failing"')]
    assert "Test Framework" in section
    assert str(escape(f"aws.s3.bucket:us-east-1:{EVIL}")) in section
    assert "The API does not say whether an MFA device is hardware." in section
    assert '<span class="badge st-manual">manual</span>' in section


def test_html_lists_controls_no_check_decides_as_not_covered_with_the_reason(report, bundle):
    page = render("html", report, bundle.checks)
    section = page[page.index('id="frameworks"') : page.index('id="failing"')]
    row = section[section.index(">1.3<") :]
    row = row[: row.index("</tr>")]
    assert '<span class="badge st-not_covered">not covered</span>' in row
    assert "No check yet:" in row
    assert "No shipped check reads S3 replication configuration." in row
    assert '<span class="badge st-not_covered">1 not covered</span>' in section


def test_json_keeps_the_not_covered_status_and_reason(report, bundle):
    data = json.loads(render("json", report, bundle.checks))
    (view,) = data["frameworks"]
    control = {c["id"]: c for c in view["controls"]}["1.3"]
    assert control["status"] == "not_covered"
    assert control["reason"] == "No shipped check reads S3 replication configuration."
    assert view["counts"] == {"fail": 1, "manual": 1, "not_covered": 1}


def test_html_says_what_could_not_be_collected(report, bundle):
    page = render("html", report, bundle.checks)
    section = page[page.index('id="errors"') : page.index('id="assets"')]
    assert "sqs:GetQueueAttributes" in section
    assert DENIED.message in section


def test_html_escapes_names_from_the_account(report, bundle):
    page = render("html", report, bundle.checks)
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_is_self_contained(report, bundle):
    page = render("html", report, bundle.checks)
    assert "<script" not in page
    assert "<link" not in page
    assert " src=" not in page
    assert "@import" not in page
    hrefs = page.split('href="')[1:]
    assert hrefs
    assert all(href.startswith("#") for href in hrefs)


def test_html_caps_long_lists_and_says_how_many_more(report, bundle):
    page = html.render(report, bundle.checks, max_rows=1)
    assets = page[page.index('id="assets"') :]
    assert f"and {len(report.assets) - 1} more assets" in assets
    assert assets.count('<td class="num">') == 5  # one row: score and four counts


def test_html_puts_the_worst_assets_first(report, bundle):
    page = render("html", report, bundle.checks)
    assets = page[page.index('id="assets"') :]
    worst = min(report.assets, key=lambda a: a.score if a.score is not None else 101)
    body = assets[assets.index("<tbody>") :]
    first_row = body[: body.index("</tr>")]
    assert f">{worst.grade}</span>" in first_row


# SARIF


def sarif(report, bundle):
    return json.loads(render("sarif", report, bundle.checks))


def test_sarif_is_one_2_1_0_run_of_cloudwarden(report, bundle):
    document = sarif(report, bundle)
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = document["runs"]
    assert run["tool"]["driver"]["name"] == "cloudwarden"


def test_sarif_rules_describe_the_checks_that_ran(report, bundle):
    (run,) = sarif(report, bundle)["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert set(rules) == {r.check_id for r in report.results}
    assert {r.check_id for r in failed(report)} <= set(rules)
    public = rules[PUBLIC]
    check = bundle.checks[PUBLIC]
    assert public["name"] == "AwsS3BucketPublicAccessBlocked"
    assert public["shortDescription"]["text"] == check.title
    assert public["fullDescription"]["text"] == check.docs.description
    assert check.docs.remediation.cli.strip() in public["help"]["text"]
    assert public["properties"]["security-severity"] == "9.5"
    assert "security" in public["properties"]["tags"]
    assert "test-fw:1.1" in public["properties"]["tags"]


def test_sarif_has_a_result_per_failure_with_its_level_and_location(report, bundle):
    (run,) = sarif(report, bundle)["runs"]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(failed(report)) == 4
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    by_rule = {item["ruleId"]: item for item in results}
    assert by_rule[PUBLIC]["level"] == "error"
    assert by_rule[VERSIONING]["level"] == "warning"
    assert by_rule[LOGGING]["level"] == "note"
    (location,) = by_rule[PUBLIC]["locations"][0]["logicalLocations"]
    assert location["fullyQualifiedName"] == EVIL_ARN
    (location,) = by_rule[QUEUE_PUBLIC]["locations"][0]["logicalLocations"]
    assert location["fullyQualifiedName"] == "aws.sqs.queue:us-east-1:orders"
    assert "Principal is *" in by_rule[QUEUE_PUBLIC]["message"]["text"]


def test_sarif_reports_collection_errors_as_tool_notifications(report, bundle):
    (run,) = sarif(report, bundle)["runs"]
    (invocation,) = run["invocations"]
    (notification,) = invocation["toolExecutionNotifications"]
    assert "sqs:GetQueueAttributes" in notification["message"]["text"]
    assert invocation["executionSuccessful"] is True


# JUnit


def test_junit_has_a_suite_per_check_and_a_case_per_result(report, bundle):
    root = ET.fromstring(render("junit", report, bundle.checks))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "7",
        "4",
        "1",
        "1",
    )
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {r.check_id for r in report.results}
    assert len(root.findall(".//testcase")) == 7
    assert len(root.findall(".//failure")) == 4
    assert len(root.findall(".//error")) == 1
    assert len(root.findall(".//skipped")) == 1
    public = suites[PUBLIC]
    assert (public.get("tests"), public.get("failures")) == ("2", "1")
    names = {(case.get("classname"), case.get("name")) for case in public.iter("testcase")}
    assert names == {
        ("aws.s3.bucket", f"{EVIL}@us-east-1"),
        ("aws.s3.bucket", "logs-bucket@us-east-1"),
    }
    (failure,) = suites[VERSIONING].iter("failure")
    assert TRICKY_REASON in failure.get("message")
    (error,) = suites[QUEUE_ENCRYPTED].iter("error")
    assert "AccessDenied" in error.get("message")


def test_junit_stays_well_formed_with_control_characters(report, bundle):
    tampered = report.model_copy(
        update={"results": [report.results[0].model_copy(update={"reason": "bell\x07 nul\x00"})]}
    )
    (failure,) = ET.fromstring(render("junit", tampered, bundle.checks)).iter("failure")
    assert "bell" in failure.get("message")


# OCSF


def findings(report, bundle):
    return json.loads(render("ocsf", report, bundle.checks))


def test_ocsf_has_a_detection_finding_per_failure_only(report, bundle):
    items = findings(report, bundle)
    assert len(items) == len(failed(report)) == 4
    assert {item["class_uid"] for item in items} == {2004}
    assert {item["type_uid"] for item in items} == {200401}
    assert QUEUE_ENCRYPTED not in {item["metadata"]["event_code"] for item in items}
    for item in items:
        DetectionFinding.model_validate(item)  # every required field is there
        assert item["metadata"]["product"]["name"] == "cloudwarden"
        assert item["cloud"]["provider"] == "AWS"
        assert item["cloud"]["account"]["uid"] == ACCOUNT
        assert item["status_code"] == "FAIL"


def test_ocsf_findings_name_the_resource_severity_and_remediation(report, bundle):
    by_check = {item["metadata"]["event_code"]: item for item in findings(report, bundle)}
    public = by_check[PUBLIC]
    (resource,) = public["resources"]
    assert resource["uid"] == EVIL_ARN
    assert (resource["type"], resource["region"], resource["cloud_partition"]) == (
        "aws.s3.bucket",
        "us-east-1",
        "aws",
    )
    assert public["severity_id"] == 5
    assert by_check[VERSIONING]["severity_id"] == 3
    assert by_check[LOGGING]["severity_id"] == 2
    assert by_check[QUEUE_PUBLIC]["resources"][0]["uid"] == "aws.sqs.queue:us-east-1:orders"
    check = bundle.checks[PUBLIC]
    assert public["finding_info"]["title"] == check.title
    assert public["finding_info"]["desc"] == check.docs.description
    assert check.docs.remediation.cli.strip() in public["remediation"]["desc"]
    assert public["status_detail"] == "all four are off"


def test_ocsf_finding_uids_are_stable_and_distinct(report, bundle):
    first = [item["finding_info"]["uid"] for item in findings(report, bundle)]
    again = [item["finding_info"]["uid"] for item in findings(report, bundle)]
    assert first == again
    assert len(set(first)) == len(first)
