"""Names from the scanned account reach the terminal and the CSV as inert text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import boto3
import pytest

from cloudwarden.demo.emulator import FAKE_ENVIRONMENT, moto_server
from tests.cli.test_cli import cloudwarden
from tests.support.environment import emulated_environment

HOSTILE_ALARMS = (
    "prod-[/]-cpu",
    "[link=https://evil.example]click-me[/link]",
    "retitle\x1b]0;pwned\x07-alarm",
    "clear\x1b[2J-alarm",
    "=HYPERLINK(1)",
    "+SUM(1)",
    "@import",
)
ALARM_POLICY = """
policies:
  - uid: alarm-hygiene
    name: Alarm hygiene
    version: 1.0.0
    description: Every alarm notifies someone.
    groups:
      - title: Alarms
        checks: [aws-cloudwatch-alarm-has-actions]
checks:
  - id: aws-cloudwatch-alarm-has-actions
    title: CloudWatch alarm notifies someone
    impact: 50
    resource: aws.cloudwatch.alarm
    assert: resource.alarm_actions.size() > 0
    docs:
      description: An alarm with no action changes state unseen.
      risk: Nobody hears of the incident.
      remediation: {cli: "aws cloudwatch put-metric-alarm --alarm-actions SNS_TOPIC_ARN"}
"""


@pytest.fixture(scope="module")
def hostile_account() -> Iterator[str]:
    """A moto_server whose CloudWatch alarms are named to attack a terminal and a spreadsheet."""
    with emulated_environment(), moto_server() as url:
        client = boto3.client("cloudwatch", region_name="us-east-1", endpoint_url=url)
        for name in HOSTILE_ALARMS:
            client.put_metric_alarm(
                AlarmName=name,
                MetricName="CPUUtilization",
                Namespace="AWS/EC2",
                Statistic="Average",
                Period=60,
                EvaluationPeriods=1,
                Threshold=90.0,
                ComparisonOperator="GreaterThanThreshold",
            )
        yield url


def scan_alarms(url: str, tmp_path, *extra: str):
    policy = tmp_path / "alarms.yaml"
    policy.write_text(ALARM_POLICY)
    return cloudwarden(
        "scan",
        "aws",
        "-r",
        "us-east-1",
        "-s",
        "cloudwatch",
        "--policy",
        str(policy),
        "--policy-uid",
        "alarm-hygiene",
        *extra,
        env={**FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL": url},
    )


def test_markup_and_escape_sequences_in_names_print_as_plain_text(hostile_account, tmp_path):
    shown = [f"--resource-id={name}" for name in HOSTILE_ALARMS[:3]]  # the summary shows three
    result = scan_alarms(hostile_account, tmp_path, *shown)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "prod-[/]-cpu" in result.stdout  # the name itself, not a markup error
    assert "[link=https://evil.example]click-me[/link]" in result.stdout  # not a hyperlink
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output
        assert "\x07" not in output
    assert r"retitle\x1b]0;pwned\x07-alarm" in result.stdout


def test_csv_cells_from_the_account_are_neither_formulas_nor_escapes(hostile_account, tmp_path):
    report = tmp_path / "report.csv"
    result = scan_alarms(hostile_account, tmp_path, "-q", "-o", str(report), "-f", "csv")
    assert result.returncode == 0, result.stderr
    text = report.read_text()
    assert "\x1b" not in text
    assert "\x07" not in text
    ids = {row["resource_id"] for row in csv.DictReader(io.StringIO(text))}
    assert {"'=HYPERLINK(1)", "'+SUM(1)", "'@import", r"clear\x1b[2J-alarm"} <= ids
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in ids)


def test_echoed_arguments_are_plain_text(tmp_path):
    result = cloudwarden("resources", "describe", "aws.[bold]x\x1b[2J")
    assert result.returncode == 2
    assert "aws.[bold]x" in result.stderr
    assert "\x1b" not in result.stderr
    assert "Traceback" not in result.stderr
