"""docs/coverage.md is what the shipped bundles and the reference lists say today."""

from __future__ import annotations

import csv

from tests.policy import coverage_doc


def test_docs_coverage_is_up_to_date():
    assert coverage_doc.main(["--check"]) == 0, "run: python -m tests.policy.coverage_doc"


def test_every_group_of_the_peers_live_checks_is_mapped_to_a_service():
    with coverage_doc.PEER.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    groups = {r["group"] for r in rows if "aws" in r["variants"].split(",")}
    assert len(groups) > 50
    assert sorted(groups - set(coverage_doc.PEER_GROUPS)) == []
