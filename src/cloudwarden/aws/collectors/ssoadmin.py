"""IAM Identity Center (SSO admin): each instance and its permission sets, with their session
duration, inline policy and attached managed policies.

Permission sets belong to an instance (every call names the instance ARN), so they are listed
inside the instance's document, one nested entry each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import into_item
from cloudwarden.aws.collectors.mapping import Map, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?$")
"""The ISO 8601 durations Identity Center uses for sessions (PT1H, PT8H, PT1H30M)."""
SET_FIELDS = ("permission_sets",)


class PermissionSet(Document):
    """A permission set of the instance."""

    arn: str = Field(description="The permission set ARN.")
    instance_arn: str = Field(description="The Identity Center instance it belongs to.")
    name: str | None = Field(default=None, description="The permission set name.")
    session_duration: str | None = Field(
        default=None, description="Session length as ISO 8601 (PT1H default, up to PT12H)."
    )
    session_duration_minutes: int | None = Field(
        default=None, description="The session length in minutes."
    )
    inline_policy: dict[str, Any] | None = Field(
        default=None, description="The inline IAM policy, parsed; null if none."
    )
    managed_policy_arns: list[str] = Field(
        default_factory=list, description="AWS managed policies attached to it."
    )


@resource_type("aws.ssoadmin.instance", "An IAM Identity Center instance and its permission sets.")
class IdentityCenterInstance(Resource):
    """An Identity Center instance; the id is its instance ARN."""

    status: str | None = Field(default=None, description="CREATE_IN_PROGRESS, ACTIVE...")
    identity_store_id: str | None = Field(default=None, description="Its identity store.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    permission_sets: list[PermissionSet] = Field(
        default_factory=list, description="Its permission sets."
    )


def _minutes(duration: Any) -> int | None:
    match = DURATION.match(str(duration or ""))
    if duration is None or match is None:
        return None
    hours, minutes = match.groups()
    return int(hours or 0) * 60 + int(minutes or 0)


def _instance(item: Any, _ctx: RegionContext) -> Doc:
    return {
        "id": item["InstanceArn"],
        "arn": item["InstanceArn"],
        "name": item.get("Name") or item["InstanceArn"].rsplit("/", 1)[-1],
        "status": item.get("Status"),
        "identity_store_id": item.get("IdentityStoreId"),
        "created_at": item.get("CreatedDate"),
    }


def _apply_sets(doc: Doc, response: Any) -> None:
    doc["permission_sets"] = [
        {"arn": arn, "instance_arn": doc["arn"]} for arn in response.get("PermissionSets", [])
    ]


def _each_set(doc: Doc) -> list[Doc]:
    sets: list[Doc] = doc.get("permission_sets", [])
    return sets


def _set_params(item: Doc) -> dict[str, Any]:
    return {"InstanceArn": item["instance_arn"], "PermissionSetArn": item["arn"]}


def _apply_description(item: Doc, response: Any) -> None:
    described = response.get("PermissionSet") or {}
    item["name"] = described.get("Name")
    item["session_duration"] = described.get("SessionDuration")
    item["session_duration_minutes"] = _minutes(described.get("SessionDuration"))


INLINE = Map({"inline_policy": ("InlinePolicy", policy)})
MANAGED = Map({"managed_policy_arns": ("AttachedManagedPolicies[].Arn", strings)})


PER_SET: tuple[tuple[str, Callable[[Doc, Any], None]], ...] = (
    ("DescribePermissionSet", _apply_description),
    ("GetInlinePolicyForPermissionSet", into_item(INLINE.read)),
    ("ListManagedPoliciesInPermissionSet", into_item(MANAGED.read)),
)
"""The calls made once per permission set, and what each fills in it."""

collectors.register(
    ResourceSpec(
        model=IdentityCenterInstance,
        service="sso-admin",
        list=Call("ListInstances"),
        items="Instances",
        normalize=_instance,
        details=(
            Detail(
                Call("ListPermissionSets", lambda doc: {"InstanceArn": doc["arn"]}),
                _apply_sets,
                SET_FIELDS,
            ),
            *(
                Detail(Call(operation, _set_params), apply, SET_FIELDS, stage=1, for_each=_each_set)
                for operation, apply in PER_SET
            ),
        ),
    )
)
