"""Every shipped framework against its catalogue: each control, with its title, in order.

The catalogues in ``data/`` are copied from the standards (CIS from shared/reference, ISO/IEC
27001:2022 Annex A, the AICPA Trust Services Criteria summarised, AWS FSBP from Prowler's
``aws_foundational_security_best_practices_aws.json``); a control missing from a framework, or
one renamed, fails here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cloudwarden.policy import loader

BUNDLE = loader.load()
DATA = Path(__file__).parent / "data"
CATALOGUES = {
    "aws-fsbp": "aws_fsbp_controls.tsv",
    "iso-27001-2022": "iso27001_2022_annex_a.tsv",
    "soc2-tsc-2017": "soc2_trust_services_criteria.tsv",
}
"""Framework id -> its catalogue (id, title); CIS has its own tests in test_frameworks.py."""


def catalogue(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [(row["id"], row["title"]) for row in csv.DictReader(handle, delimiter="\t")]


@pytest.mark.parametrize(("framework_id", "tsv"), sorted(CATALOGUES.items()))
def test_every_control_is_present_with_its_title_in_order(framework_id, tsv):
    framework = BUNDLE.frameworks[framework_id]
    assert [(c.id, c.title) for c in framework.controls] == catalogue(tsv)


@pytest.mark.parametrize("framework_id", sorted(CATALOGUES))
def test_each_control_is_decided_by_checks_or_says_why_not(framework_id):
    for control in BUNDLE.frameworks[framework_id].controls:
        if control.checks:
            assert control.manual is None, f"{control.id} has checks and a manual reason"
            assert control.not_covered is None, f"{control.id} has checks and is not covered"
            assert len(set(control.checks)) == len(control.checks), control.id
        else:
            reasons = [r for r in (control.manual, control.not_covered) if r is not None]
            assert len(reasons) == 1, control.id
            assert len(reasons[0].strip()) >= 40, control.id


@pytest.mark.parametrize("framework_id", sorted(CATALOGUES))
def test_control_ids_are_unique(framework_id):
    ids = [c.id for c in BUNDLE.frameworks[framework_id].controls]
    assert len(ids) == len(set(ids))


def test_the_technical_controls_are_decided_by_checks():
    iso = {c.id: c for c in BUNDLE.frameworks["iso-27001-2022"].controls}
    for control_id in ("A.8.2", "A.8.5", "A.8.15", "A.8.20", "A.8.24"):
        assert iso[control_id].checks, control_id
    soc2 = {c.id: c for c in BUNDLE.frameworks["soc2-tsc-2017"].controls}
    for control_id in ("CC6.1", "CC6.6", "CC6.7", "CC7.2", "A1.2"):
        assert soc2[control_id].checks, control_id


def test_every_framework_check_runs_in_a_shipped_policy():
    in_policies = {c for p in BUNDLE.policies.values() for c in p.check_ids}
    for framework in BUNDLE.frameworks.values():
        for control in framework.controls:
            assert set(control.checks) <= in_policies, (framework.id, control.id)
