"""Meta-tests: walk every registered resource type and collector."""

from __future__ import annotations

import re
from pathlib import Path

import botocore.session
import pytest

from cloudwarden.aws.collectors import load_all, service_modules
from cloudwarden.aws.collectors.spec import ResourceSpec
from cloudwarden.aws.permissions import required_actions
from cloudwarden.inventory.fields import field_docs
from cloudwarden.inventory.registry import resource_types

SPECS = list(load_all())
TYPE_NAME = re.compile(r"^aws\.[a-z0-9]+\.[a-z0-9_]+$|^aws\.account$")
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


def service_of(module: str) -> str:
    """The service a collector module belongs to: itself, or the package it is part of."""
    return module.removeprefix("cloudwarden.aws.collectors.").split(".")[0]


def test_every_service_module_and_package_has_a_test_module():
    services = {service_of(name) for name in service_modules()}
    tests = {p.stem.removeprefix("test_") for p in Path(__file__).parent.glob("test_*.py")}
    assert services - tests == set()


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_type_is_tested_by_the_test_module_of_its_service(spec):
    service = service_of(spec.model.__module__)
    test_module = Path(__file__).parent / f"test_{service}.py"
    assert spec.type_name in test_module.read_text(), f"{test_module.name} never names it"


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
