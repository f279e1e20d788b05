"""Every shipped check against its passing and failing fixtures, and bundle-wide meta-tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.lint import lint
from cloudwarden.scan.catalogue import field_catalogue
from tests.policy.support import NOW, inventory_of, make_resource

BUNDLE = loader.load()
FIXTURES: dict[str, dict[str, list[Any]]] = {}
for path in sorted((Path(__file__).parent / "fixtures").glob("*.yaml")):
    for check_id, cases in (yaml.safe_load(path.read_text()) or {}).items():
        assert check_id not in FIXTURES, f"fixtures for {check_id} are defined twice"
        FIXTURES[check_id] = cases

CASES = [
    pytest.param(check_id, expected, index, case, id=f"{check_id}-{expected}-{index}")
    for check_id, cases in FIXTURES.items()
    for expected in ("pass", "fail", "error")
    for index, case in enumerate(cases.get(expected, []))
]
UNCOLLECTED = "uncollected"
"""A fixture document's fields that a (denied) call left uncollected: the check must say error."""


def _resource(type_name: str, doc: dict[str, Any], index: int = 0):
    fields = {key: value for key, value in doc.items() if key != UNCOLLECTED}
    resource = make_resource(type_name, fields, index)
    if doc.get(UNCOLLECTED):
        denied = CollectionError(
            resource_type=type_name,
            region=resource.region,
            service=type_name.split(".")[1],
            operation="FixtureDetail",
            kind=ErrorKind.ACCESS_DENIED,
            code="AccessDenied",
            message="denied by the fixture",
            resource_id=resource.id,
            fields=tuple(doc[UNCOLLECTED]),
        )
        resource = resource.model_copy(update={"collection_errors": [denied]})
    return resource


def _build(check_id: str, case: dict[str, Any]):
    check = BUNDLE.checks[check_id]
    structured = set(case) <= {"resource", "related"} and "resource" in case
    fields = case["resource"] if structured else case
    related = case.get("related", {}) if structured else {}
    resource = _resource(check.resource, fields)
    others = [
        _resource(type_name, doc, index + 1)
        for type_name, docs in related.items()
        for index, doc in enumerate(docs)
    ]
    return check, inventory_of(resource, *others)


@pytest.mark.parametrize(("check_id", "expected", "index", "case"), CASES)
def test_check_against_fixture(check_id, expected, index, case):
    check, inventory = _build(check_id, case)
    results = [
        r for r in Evaluator([check]).evaluate(inventory, NOW) if r.resource_id == "fixture-0"
    ]
    if expected == "error":
        assert [r.status.value for r in results] == ["error"]
        assert "FixtureDetail failed (access_denied: AccessDenied)" in results[0].reason
    else:
        assert [(r.status.value, r.reason) for r in results] == [(expected, "")]


@pytest.mark.parametrize("check_id", sorted(BUNDLE.checks))
def test_every_check_has_a_passing_and_a_failing_fixture(check_id):
    cases = FIXTURES.get(check_id, {})
    assert cases.get("pass"), f"{check_id} needs a passing fixture"
    assert cases.get("fail"), f"{check_id} needs a failing fixture"


def test_fixtures_name_only_shipped_checks():
    assert set(FIXTURES) <= set(BUNDLE.checks)


def test_shipped_bundle_lints_clean():
    assert [str(p) for p in lint(BUNDLE, field_catalogue())] == []
