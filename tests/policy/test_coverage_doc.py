"""docs/coverage.md is what the shipped bundles and the reference lists say today."""

from __future__ import annotations

import csv

from cloudwarden.policy.loader import load
from tests.policy import coverage_doc


def test_docs_coverage_is_up_to_date():
    assert coverage_doc.main(["--check"]) == 0, "run: python -m tests.policy.coverage_doc"


def test_every_group_of_the_peers_live_checks_is_mapped_to_a_service():
    with coverage_doc.PEER.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    groups = {r["group"] for r in rows if "aws" in r["variants"].split(",")}
    assert len(groups) > 50
    assert sorted(groups - set(coverage_doc.PEER_GROUPS)) == []


def test_the_doc_summarises_each_framework_and_lists_what_no_check_decides():
    text = coverage_doc.DOC.read_text(encoding="utf-8")
    frameworks = load().frameworks
    assert "## Compliance frameworks" in text
    for framework in frameworks.values():
        controls = framework.controls
        row = (
            f"| {len(controls)} | {sum(1 for c in controls if c.checks)} "
            f"| {sum(1 for c in controls if c.manual is not None)} "
            f"| {sum(1 for c in controls if c.not_covered is not None)} |"
        )
        (line,) = [line for line in text.splitlines() if f"(`{framework.id}`)" in line]
        assert line.endswith(row), framework.id
    fsbp = frameworks["aws-fsbp"]
    uncovered = [c for c in fsbp.controls if c.not_covered is not None]
    assert uncovered
    for control in uncovered:
        assert f"| `aws-fsbp` | {control.id} |" in text, control.id
