"""The pipeline: plan -> discover -> merge -> evaluate -> report. Every shell calls it."""

from cloudwarden.inventory.inventory import merge
from cloudwarden.scan.discover import discover
from cloudwarden.scan.pipeline import (
    DiscoveryPlan,
    PolicySelection,
    Selected,
    build,
    evaluate,
    plan_discovery,
    scan,
    select,
)
from cloudwarden.scan.scope import DiscoveryScope, validate_scope

__all__ = [
    "DiscoveryPlan",
    "DiscoveryScope",
    "PolicySelection",
    "Selected",
    "build",
    "discover",
    "evaluate",
    "merge",
    "plan_discovery",
    "scan",
    "select",
    "validate_scope",
]
