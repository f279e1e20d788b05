"""The command line as a user meets it: a real process, its exit code, stdout and stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cloudwarden.aws.collectors import load_all
from cloudwarden.demo.emulator import FAKE_ENVIRONMENT
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.registry import resource_types


def load_and_get_types():
    load_all()
    return resource_types


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cloudwarden.cli", *args]


def environment(env: dict[str, str] | None = None, seed: str = "") -> dict[str, str]:
    """The test process's environment, plus ``env``; --demo seeds only ``seed`` (comma-separated
    seeders; by default only s3, what most CLI tests scan), never every service."""
    return {**os.environ, "CW_SEED_ONLY": seed or "s3", **(env or {})}


def cloudwarden(
    *args: str, env: dict[str, str] | None = None, seed: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        env=environment(env, seed),
        timeout=300,
        check=False,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], sentence: str) -> None:
    assert result.returncode == 2, result.stderr
    assert sentence in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_demo_inventory_is_written_and_counted(tmp_path):
    output = tmp_path / "inventory.json"
    result = cloudwarden("inventory", "aws", "--demo", "-s", "s3", "-o", str(output))
    assert result.returncode == 0, result.stderr
    inventory = Inventory.from_json(output.read_text(), load_and_get_types())
    assert inventory.account_id == "123456789012"
    assert any(r.id == "cw-demo-secure-bucket" for r in inventory.resources)
    assert "aws.s3.bucket" in result.stderr  # the counts table
    assert "resources of" in result.stderr


def test_inventory_honours_aws_endpoint_url(seeded_server, tmp_path):
    output = tmp_path / "inventory.json"
    env = {**FAKE_ENVIRONMENT, "AWS_ENDPOINT_URL": seeded_server}
    result = cloudwarden(
        "inventory", "aws", "-s", "sqs", "-r", "us-east-1", "-q", "-o", str(output), env=env
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(output.read_text())
    assert data["regions"] == ["us-east-1"]
    assert data["counts"]["aws.sqs.queue"]["us-east-1"] >= 1


def test_table_format_prints_counts_to_stdout():
    result = cloudwarden("inventory", "aws", "--demo", "-s", "s3", "--format", "table", "-q")
    assert result.returncode == 0, result.stderr
    assert "aws.s3.bucket" in result.stdout


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--role-arn", "arn:aws:iam::1:role/x"), "is not an IAM role ARN"),
        (("--external-id", "abc"), "need --role-arn"),
        (("--demo", "--region", "mars-north-1"), "unknown region(s) mars-north-1"),
        (("--demo", "--service", "s4"), "unknown service 's4'"),
        (("--demo", "--profile", "x"), "drop the credential options"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(args, sentence):
    assert_clean_failure(cloudwarden("inventory", "aws", *args), sentence)


def test_unwritable_output_keeps_the_inventory_on_stdout(tmp_path):
    result = cloudwarden(
        "inventory", "aws", "--demo", "-s", "s3", "-q", "-o", str(tmp_path / "no" / "such" / "file")
    )
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert json.loads(result.stdout)["account_id"] == "123456789012"


def test_resources_list_and_describe():
    listed = cloudwarden("resources", "list")
    assert listed.returncode == 0
    for name in ("aws.s3.bucket", "aws.iam.user", "aws.ec2.instance"):
        assert name in listed.stdout
    described = cloudwarden("resources", "describe", "aws.s3.bucket")
    assert described.returncode == 0
    assert "public_access_block.block_public_acls" in described.stdout
    assert "New public ACLs are rejected." in described.stdout
    assert_clean_failure(
        cloudwarden("resources", "describe", "aws.s3.bukket"), "unknown resource type"
    )


def test_permissions_is_a_read_only_policy_of_every_call():
    result = cloudwarden("permissions")
    assert result.returncode == 0
    policy = json.loads(result.stdout)
    actions = policy["Statement"][0]["Action"]
    assert {"sts:GetCallerIdentity", "ec2:DescribeRegions", "s3:GetEncryptionConfiguration"} <= set(
        actions
    )
    # BatchGet* is the read-only batch form some services have instead of Get (CodeBuild).
    # API Gateway's actions are HTTP verbs: apigateway:GET is its read-only one.
    read_only = ("Get", "List", "Describe", "Generate", "BatchGet")
    assert all(a.split(":")[1].startswith(read_only) or a == "apigateway:GET" for a in actions)


@pytest.mark.parametrize("command", ["inventory", "scan"])
@pytest.mark.parametrize("service", ["s4", "S3"])
def test_an_unknown_service_is_refused_before_the_demo_account_starts(command, service):
    result = cloudwarden(command, "aws", "--demo", "--service", service)
    assert_clean_failure(result, f"unknown service '{service}'")
    assert "starting the embedded" not in result.stderr
