"""Meta-tests: walk every registered resource type and collector."""

from __future__ import annotations

import re
from pathlib import Path

import botocore.session
import pytest

from cloudwarden.aws.collectors import ENGINE_MODULES, load_all
from cloudwarden.aws.collectors.spec import ResourceSpec
from cloudwarden.aws.permissions import required_actions
from cloudwarden.inventory.fields import field_docs
from cloudwarden.inventory.registry import resource_types

SPECS = list(load_all())
TYPE_NAME = re.compile(r"^aws\.[a-z0-9]+\.[a-z0-9_]+$|^aws\.account$")
COLLECTORS = Path(__file__).resolve().parents[3] / "src" / "cloudwarden" / "aws" / "collectors"
BOTOCORE = botocore.session.get_session()


def ids(spec: ResourceSpec) -> str:
    return spec.type_name


def test_every_resource_type_has_exactly_one_collector():
    assert sorted(spec.type_name for spec in SPECS) == resource_types.names()


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_type_name_is_stable_form(spec):
    assert TYPE_NAME.match(spec.type_name)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_field_is_documented(spec):
    undocumented = [doc.path for doc in field_docs(spec.model) if len(doc.description) < 8]
    assert not undocumented, f"{spec.type_name}: fields without a description: {undocumented}"


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_details_name_real_fields(spec):
    fields = set(spec.model.model_fields)
    for detail in spec.details:
        unknown = {f.split(".")[0].split("[")[0] for f in detail.fields} - fields
        assert not unknown, f"{spec.type_name} {detail.call.operation} fills unknown {unknown}"
        assert detail.fields, f"{spec.type_name} {detail.call.operation} declares no fields"


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_call_is_a_real_botocore_operation(spec):
    for service, call in spec.calls():
        model = BOTOCORE.get_service_model(service)
        if call.fetch is None:
            assert call.operation in model.operation_names, f"{service} has no {call.operation}"


def test_required_actions_are_iam_actions():
    for action in required_actions(load_all()):
        assert re.match(r"^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$", action), action


def test_every_collector_module_has_a_test_module():
    modules = {
        p.stem for p in COLLECTORS.glob("*.py") if p.stem not in ENGINE_MODULES | {"__init__"}
    }
    tests = {p.stem.removeprefix("test_") for p in Path(__file__).parent.glob("test_*.py")}
    assert modules - tests == set()


def test_account_asset_types_are_the_account_and_its_region_settings():
    declared = {info.name for info in resource_types if info.account_asset}
    # The rule the report used before the types declared it: the name, and the suffix.
    by_name = {
        name
        for name in resource_types.names()
        if name == "aws.account" or name.endswith(".region_settings")
    }
    assert declared == by_name
    assert {spec.type_name for spec in SPECS if spec.model.account_asset} == by_name
