"""cloudwarden scan aws and cloudwarden policy, as a user runs them."""

from __future__ import annotations

import json

from cloudwarden.cli.scan import ReportFormat
from cloudwarden.report.formats import FORMATS
from tests.cli.test_cli import assert_clean_failure, cloudwarden

BROKEN_CHECK = """
checks:
  - id: aws-s3-bucket-typo-field
    title: A check with a typo
    impact: 50
    resource: aws.s3.bucket
    assert: resource.versoning_status == 'Enabled'
    docs:
      description: Reads a field that does not exist.
      risk: A typo must be an error, not a silent fail.
      remediation: {cli: none}
"""


def test_demo_scan_writes_a_json_report_and_gates_on_severity(tmp_path):
    output = tmp_path / "report.json"
    result = cloudwarden(
        "scan", "aws", "--demo", "-s", "s3", "-o", str(output), "--fail-on", "critical"
    )
    assert result.returncode == 1, result.stderr
    assert "gate failed" in result.stderr
    report = json.loads(output.read_text())
    failing = {
        (r["check_id"], r["resource_id"]) for r in report["results"] if r["status"] == "fail"
    }
    assert ("aws-s3-bucket-policy-not-public", "cw-demo-public-policy-bucket") in failing
    assert ("aws-s3-bucket-acl-not-public", "cw-demo-public-acl-bucket") in failing
    assert "worst failures" in result.stdout
    first = report["results"][0]
    assert {
        "check_id",
        "resource_id",
        "resource_arn",
        "region",
        "status",
        "reason",
        "controls",
    } <= set(first)


def test_min_score_gate_and_a_passing_run(tmp_path):
    failing = cloudwarden("scan", "aws", "--demo", "-s", "s3", "-q", "--min-score", "100")
    assert failing.returncode == 1
    assert "below --min-score 100" in failing.stderr
    passing = cloudwarden("scan", "aws", "--demo", "-s", "s3", "-q", "--min-score", "0")
    assert passing.returncode == 0, passing.stderr


def test_a_custom_policy_with_an_unknown_field_is_refused_before_any_call(tmp_path):
    bundle = tmp_path / "mine.yaml"
    bundle.write_text(BROKEN_CHECK)
    lint = cloudwarden("policy", "lint", str(bundle))
    assert lint.returncode == 1
    assert "aws.s3.bucket.versoning_status, which is not a documented field" in lint.stderr
    assert_clean_failure(
        cloudwarden("scan", "aws", "--demo", "--policy", str(bundle)), "do not lint"
    )


def test_policy_lint_names_file_and_line_of_broken_yaml(tmp_path):
    bundle = tmp_path / "broken.yaml"
    bundle.write_text("checks:\n  - id: x\n    title: [unclosed\n")
    assert_clean_failure(cloudwarden("policy", "lint", str(bundle)), f"{bundle}: line")


def test_policy_list_and_show():
    listed = cloudwarden("policy", "list")
    assert listed.returncode == 0
    assert "aws-security-baseline" in listed.stdout
    shown = cloudwarden("policy", "show", "aws-s3-bucket-policy-not-public")
    assert shown.returncode == 0
    assert "Risk" in shown.stdout
    assert "policy_is_public" in shown.stdout
    assert_clean_failure(cloudwarden("policy", "show", "aws-nope-nope-nope"), "unknown check")


def test_demo_scan_with_the_fsbp_framework_reports_its_control_view(tmp_path):
    output = tmp_path / "report.json"
    result = cloudwarden(
        "scan", "aws", "--demo", "-s", "s3", "--framework", "aws-fsbp", "-o", str(output)
    )
    assert result.returncode == 0, result.stderr
    assert "framework aws-fsbp:" in result.stdout
    (view,) = json.loads(output.read_text())["frameworks"]
    assert view["id"] == "aws-fsbp"
    controls = {c["id"]: c for c in view["controls"]}
    assert controls["S3.8"]["status"] == "fail"
    assert any("cw-demo-public-policy-bucket" in r for r in controls["S3.8"]["failing_resources"])
    assert controls["S3.7"]["status"] == "not_covered"
    assert controls["S3.7"]["reason"]
    assert view["counts"]["not_covered"] > 0
    assert sum(view["counts"].values()) == len(controls)


def test_policy_list_counts_each_frameworks_manual_and_not_covered_controls():
    listed = cloudwarden("policy", "list")
    assert listed.returncode == 0
    (line,) = [line for line in listed.stdout.splitlines() if line.startswith("aws-fsbp ")]
    assert "286 controls (0 manual," in line
    assert "not covered)" in line


def test_unknown_framework_is_refused():
    assert_clean_failure(
        cloudwarden("scan", "aws", "--demo", "--framework", "nist-9"), "unknown framework"
    )


def test_every_renderer_is_a_cli_format():
    assert {f.value for f in ReportFormat} == set(FORMATS)


def test_demo_scan_writes_html_and_sarif(tmp_path):
    html = tmp_path / "report.html"
    result = cloudwarden("scan", "aws", "--demo", "-s", "s3", "-q", "-o", str(html), "-f", "html")
    assert result.returncode == 0, result.stderr
    page = html.read_text()
    assert "cw-demo-public-policy-bucket" in page
    assert "<script" not in page.lower()
    sarif = tmp_path / "report.sarif"
    result = cloudwarden("scan", "aws", "--demo", "-s", "s3", "-q", "-o", str(sarif), "-f", "sarif")
    assert result.returncode == 0, result.stderr
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
