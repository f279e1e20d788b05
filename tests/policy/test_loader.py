"""Loading bundle files: every bad file is one sentence; checks in no policy still run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cloudwarden.exceptions import PolicyError
from cloudwarden.policy import loader
from tests.cli.test_cli import assert_clean_failure, cloudwarden

ORPHANS = """
checks:
  - id: aws-s3-bucket-custom-versioned
    title: Custom versioning check
    impact: 50
    resource: aws.s3.bucket
    assert: resource.versioning_status == 'Enabled'
    docs:
      description: A custom check that no policy includes.
      risk: It must run anyway, not be skipped in silence.
      remediation: {cli: none}
  - id: aws-s3-bucket-custom-named
    title: Custom naming check
    impact: 10
    resource: aws.s3.bucket
    assert: resource.name != ''
    docs:
      description: A second custom check, this one in a policy.
      risk: A check in a policy runs in its policy only.
      remediation: {cli: none}
policies:
  - uid: custom-naming
    name: Naming
    version: "1"
    groups: [{title: names, checks: [aws-s3-bucket-custom-named]}]
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_a_file_that_is_not_utf8_is_one_sentence_naming_it(tmp_path):
    path = write(tmp_path, "latin.yaml", "checks: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(PolicyError) as raised:
        loader.load([path], shipped=False)
    assert str(raised.value).startswith(f"{path}: is not UTF-8 text")


@pytest.mark.parametrize(
    "text",
    [
        "checks: " + "[" * 50_000 + "]" * 50_000,
        "checks:\n  " + "- " * 50_000 + "1\n",
        "checks: " + "{a: " * 50_000 + "1" + "}" * 50_000,
    ],
    ids=["flow-lists", "block-lists", "flow-maps"],
)
def test_yaml_nested_50000_deep_is_one_sentence_naming_the_file(tmp_path, text):
    path = write(tmp_path, "deep.yaml", text)
    with pytest.raises(PolicyError) as raised:
        loader.load([path], shipped=False)
    assert str(raised.value).startswith(f"{path}: ")


def test_policy_lint_refuses_undecodable_and_deep_files_without_a_traceback(tmp_path):
    latin = write(tmp_path, "latin.yaml", b"checks: [] # \xff\n")
    assert_clean_failure(cloudwarden("policy", "lint", str(latin)), "is not UTF-8 text")
    deep = write(tmp_path, "deep.yaml", "checks: " + "[" * 50_000 + "]" * 50_000)
    assert_clean_failure(cloudwarden("policy", "lint", str(deep)), "nests too deeply")


def test_checks_in_no_policy_get_an_implicit_policy_named_after_their_file(tmp_path):
    path = write(tmp_path, "mine.yaml", ORPHANS)
    bundle = loader.load([path])
    assert bundle.implicit == {"file:mine": ["aws-s3-bucket-custom-versioned"]}
    assert bundle.policies["file:mine"].check_ids == ["aws-s3-bucket-custom-versioned"]
    selected = {check.id for check in bundle.checks_of()}
    assert {"aws-s3-bucket-custom-versioned", "aws-s3-bucket-custom-named"} <= selected
    assert [c.id for c in bundle.checks_of(["file:mine"])] == ["aws-s3-bucket-custom-versioned"]


def test_the_shipped_checks_are_all_in_policies():
    assert loader.load().implicit == {}


def test_files_with_the_same_name_get_distinct_implicit_policies(tmp_path):
    first = write(tmp_path, "mine.yaml", ORPHANS)
    (tmp_path / "other").mkdir()
    second = write(
        tmp_path / "other",
        "mine.yaml",
        ORPHANS.replace("custom-versioned", "custom-versioned-too")
        .replace("custom-named", "custom-named-too")
        .replace("custom-naming", "custom-naming-too"),
    )
    bundle = loader.load([first, second], shipped=False)
    assert bundle.implicit == {
        "file:mine": ["aws-s3-bucket-custom-versioned"],
        f"file:{second}": ["aws-s3-bucket-custom-versioned-too"],
    }


def test_policy_lint_names_the_checks_in_no_policy_and_a_scan_runs_them(tmp_path):
    path = write(tmp_path, "mine.yaml", ORPHANS)
    linted = cloudwarden("policy", "lint", str(path))
    assert linted.returncode == 0, linted.stderr
    assert (
        "1 checks are in no policy (aws-s3-bucket-custom-versioned); "
        "a scan runs them in the implicit policy file:mine"
    ) in linted.stdout
    report = tmp_path / "report.json"
    scanned = cloudwarden(
        "scan", "aws", "--demo", "-s", "s3", "-q", "--policy", str(path), "-o", str(report)
    )
    assert scanned.returncode == 0, scanned.stderr
    document = json.loads(report.read_text())
    ran = {r["check_id"] for r in document["results"]}
    assert "aws-s3-bucket-custom-versioned" in ran
    assert "file:mine" in {p["uid"] for p in document["policies"]}


def framework_file(control: str) -> str:
    return (
        "frameworks:\n"
        "  - id: custom-fw\n"
        "    name: Custom\n"
        '    version: "1"\n'
        "    controls:\n"
        f"      - {{id: C.1, title: A control, {control}}}\n"
    )


@pytest.mark.parametrize(
    "control",
    [
        "checks: [aws-s3-bucket-versioning-enabled], not_covered: no check yet",
        "manual: a person decides, not_covered: no check yet",
        "checks: [aws-s3-bucket-versioning-enabled], manual: a person decides",
        "checks: []",
    ],
)
def test_a_control_is_decided_one_way_only_checks_manual_or_not_covered(tmp_path, control):
    path = write(tmp_path, "fw.yaml", framework_file(control))
    with pytest.raises(PolicyError, match="exactly one of checks, 'manual' or 'not_covered'"):
        loader.load([path])


def test_a_not_covered_control_loads_with_its_reason(tmp_path):
    path = write(tmp_path, "fw.yaml", framework_file("not_covered: No check reads this yet."))
    (control,) = loader.load([path]).frameworks["custom-fw"].controls
    assert (control.checks, control.manual) == ([], None)
    assert control.not_covered == "No check reads this yet."
