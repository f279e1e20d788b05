"""RDS DB and DB cluster parameter groups, read in full into a name -> value map.

Every parameter (DescribeDBParameters, page by page) is kept, so TLS and logging settings can be
checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, pairs
from cloudwarden.aws.collectors.rds.base import TAGS
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


class ParameterGroup(Resource):
    """Fields shared by DB and DB cluster parameter groups."""

    family: str = Field(description="The parameter group family, e.g. postgres16, aurora-mysql8.0.")
    description: str | None = Field(default=None, description="The group's description.")
    is_default: bool = Field(
        default=False, description="An AWS default group (named 'default.*'), not editable."
    )
    parameters: dict[str, str] = Field(
        default_factory=dict,
        description="Every parameter that has a value, name -> value as a string (e.g. "
        "rds.force_ssl, require_secure_transport, log_connections); a parameter with no "
        "value is absent.",
    )


@resource_type("aws.rds.db_parameter_group", "An RDS DB parameter group and its parameter values.")
class DbParameterGroup(ParameterGroup):
    """A DB parameter group, applied to DB instances."""


@resource_type(
    "aws.rds.db_cluster_parameter_group", "A DB cluster parameter group and its parameter values."
)
class DbClusterParameterGroup(ParameterGroup):
    """A DB cluster parameter group, applied to DB clusters."""


def _parameter_group(name_key: str, arn_key: str) -> Callable[[Any, RegionContext], Doc]:
    def normalize(item: Any, ctx: RegionContext) -> Doc:
        name = item[name_key]
        return {
            "id": name,
            "name": name,
            "arn": item.get(arn_key),
            "family": item.get("DBParameterGroupFamily", ""),
            "description": item.get("Description"),
            "is_default": name.startswith("default."),
        }

    return normalize


_PARAMETERS = Map(
    {
        "parameters": (
            "Parameters[?ParameterValue != `null`]",
            pairs("ParameterName", "ParameterValue"),
        )
    }
)
"""Every parameter that has a value; one without is left out."""


def _parameters_detail(operation: str, name_key: str) -> Detail:
    """Every parameter of a group, read page by page."""
    return Detail(Call(operation, lambda doc: {name_key: doc["id"]}), _PARAMETERS)


collectors.register(
    listed(
        DbParameterGroup,
        "rds",
        "DescribeDBParameterGroups",
        "DBParameterGroups",
        _parameter_group("DBParameterGroupName", "DBParameterGroupArn"),
        _parameters_detail("DescribeDBParameters", "DBParameterGroupName"),
        TAGS,
    ),
    listed(
        DbClusterParameterGroup,
        "rds",
        "DescribeDBClusterParameterGroups",
        "DBClusterParameterGroups",
        _parameter_group("DBClusterParameterGroupName", "DBClusterParameterGroupArn"),
        _parameters_detail("DescribeDBClusterParameters", "DBClusterParameterGroupName"),
        TAGS,
    ),
)
