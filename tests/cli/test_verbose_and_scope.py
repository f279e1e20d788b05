"""--verbose logs cloudwarden's work and nothing of botocore's; scan aws takes --resource-id."""

from __future__ import annotations

import json

from tests.cli.test_cli import cloudwarden

PROGRESS = "INFO cloudwarden.cli.progress: collected aws.s3.bucket in global"


def test_verbose_logs_progress_and_never_botocore():
    verbose = cloudwarden("-v", "inventory", "aws", "--demo", "-s", "s3", "-r", "us-east-1", "-q")
    assert verbose.returncode == 0, verbose.stderr
    assert PROGRESS in verbose.stderr
    for leak in ("botocore", "urllib3", "Authorization", "X-Amz-Security-Token"):
        assert leak not in verbose.stderr
    quiet = cloudwarden("inventory", "aws", "--demo", "-s", "s3", "-r", "us-east-1", "-q")
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stderr


def test_scan_evaluates_only_the_resources_named(tmp_path):
    output = tmp_path / "report.json"
    wanted = "cw-demo-public-policy-bucket"
    result = cloudwarden(
        "scan", "aws", "--demo", "-s", "s3", "--resource-id", wanted, "-q", "-o", str(output)
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(output.read_text())
    buckets = {r["resource_id"] for r in report["results"] if r["resource_type"] == "aws.s3.bucket"}
    assert buckets == {wanted}
