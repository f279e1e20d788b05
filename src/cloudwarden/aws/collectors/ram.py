"""AWS RAM: the resource shares this account owns, and the principals each is shared with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.mapping import Map, each, flag
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class SharePrincipal(Document):
    """A principal (account, OU, organization, role, user or service) a share is associated with."""

    principal: str = Field(description="The account id, or the ARN of the OU, organization...")
    status: str | None = Field(
        default=None, description="ASSOCIATING, ASSOCIATED, FAILED, DISASSOCIATING..."
    )
    external: bool = Field(
        default=False, description="The principal is outside the owner's AWS organization."
    )


@resource_type("aws.ram.resource_share", "A resource share owned by the account (AWS RAM).")
class ResourceShare(Resource):
    """A resource share; the id is its ARN."""

    status: str | None = Field(
        default=None, description="PENDING, ACTIVE, FAILED, DELETING or DELETED."
    )
    allow_external_principals: bool | None = Field(
        default=None,
        description="Principals outside the owner's organization may be associated.",
    )
    feature_set: str | None = Field(
        default=None, description="STANDARD, CREATED_FROM_POLICY or PROMOTING_TO_STANDARD."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")
    principals: list[SharePrincipal] = Field(
        default_factory=list, description="The principals it is shared with."
    )


PRINCIPAL = Map(
    {"principal": "associatedEntity", "status": "status", "external": ("external", flag)}
)


def _share(item: Any, _ctx: RegionContext) -> Doc:
    return {
        "id": item["resourceShareArn"],
        "arn": item["resourceShareArn"],
        "name": item.get("name"),
        "status": item.get("status"),
        "allow_external_principals": item.get("allowExternalPrincipals"),
        "feature_set": item.get("featureSet"),
        "created_at": item.get("creationTime"),
        "tags": tags_of(item.get("tags"), key="key", value="value"),
    }


collectors.register(
    ResourceSpec(
        model=ResourceShare,
        service="ram",
        list=Call("GetResourceShares", lambda _doc: {"resourceOwner": "SELF"}),
        items="resourceShares[?status != 'DELETED']",
        normalize=_share,
        details=(
            Detail(
                Call(
                    "GetResourceShareAssociations",
                    lambda doc: {"associationType": "PRINCIPAL", "resourceShareArns": [doc["arn"]]},
                ),
                Map({"principals": ("resourceShareAssociations", each(PRINCIPAL))}),
            ),
        ),
    )
)
