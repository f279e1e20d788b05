"""Build resources and inventories from fixture documents for policy tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cloudwarden.aws.collectors import load_all
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.registry import resource_types
from cloudwarden.inventory.resource import Resource
from cloudwarden.policy.model import Check

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ACCOUNT = "123456789012"
load_all()


def make_resource(type_name: str, fields: dict[str, Any], index: int = 0) -> Resource:
    """A resource of ``type_name``: a minimal valid document with ``fields`` over it."""
    base = {
        "type": type_name,
        "id": f"fixture-{index}",
        "region": "us-east-1",
        "account_id": ACCOUNT,
    }
    model = resource_types.get(type_name).model
    required = {
        name: _placeholder(info.annotation)
        for name, info in model.model_fields.items()
        if info.is_required() and name not in base
    }
    return model.model_validate({**base, **required, **fields})


def _placeholder(annotation: Any) -> Any:
    text = str(annotation)
    if "bool" in text:
        return False
    if "int" in text:
        return 0
    if "list" in text:
        return []
    if "dict" in text:
        return {}
    return "fixture"


def inventory_of(*resources: Resource) -> Inventory:
    return Inventory(
        account_id=ACCOUNT,
        regions=["us-east-1"],
        resource_types=sorted(resource_types.names()),
        resources=list(resources),
    )


DOCS = {
    "description": "A check used by the policy tests.",
    "risk": "None: this is a test fixture.",
    "remediation": {"cli": "none"},
}


def make_check(
    assertion: str,
    *,
    resource: str = "aws.s3.bucket",
    filter_: str | None = None,
    impact: int = 50,
    check_id: str = "aws-test-thing-holds",
) -> Check:
    """A check of ``resource`` asserting ``assertion`` (and selecting with ``filter_``)."""
    data: dict[str, Any] = {
        "id": check_id,
        "title": "A test check",
        "impact": impact,
        "resource": resource,
        "assert": assertion,
        "docs": DOCS,
    }
    if filter_:
        data["filter"] = filter_
    return Check.model_validate(data)
