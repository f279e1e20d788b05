"""AWS Organizations, seen from the scanned account: membership, and (from the management
account or a delegated administrator) the root's policy types, the SCPs, tag policies and AI
services opt-out policies with their targets, and the delegated administrators.

One global document (``aws.organizations.organization``). DescribeOrganization answers
AWSOrganizationsNotInUseException for an account outside any organization: that is the value
``in_organization: false``. A member account may not read the rest; those calls fail as
AccessDenied and their fields are reported as not collected.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import into_item
from cloudwarden.aws.collectors.mapping import Map, each, flag, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

POLICY_FIELDS = {
    "scps": "SERVICE_CONTROL_POLICY",
    "tag_policies": "TAG_POLICY",
    "ai_opt_out_policies": "AISERVICES_OPT_OUT_POLICY",
}
"""Document field -> the policy type ListPolicies is filtered on."""


class PolicyTarget(Document):
    """A root, organizational unit or account a policy is attached to."""

    target_id: str = Field(description="r-..., ou-... or a 12-digit account id.")
    type: str | None = Field(default=None, description="ROOT, ORGANIZATIONAL_UNIT or ACCOUNT.")
    name: str | None = Field(default=None, description="The target's name.")


class OrganizationPolicy(Document):
    """A management policy of the organization (SCP, tag policy or AI opt-out policy)."""

    id: str = Field(description="The policy id (p-...).")
    name: str | None = Field(default=None, description="The policy name.")
    aws_managed: bool = Field(
        default=False, description="Managed by AWS (e.g. FullAWSAccess), not written by you."
    )
    content: dict[str, Any] | None = Field(
        default=None, description="The policy document (JSON), parsed."
    )
    targets: list[PolicyTarget] = Field(
        default_factory=list, description="Where it is attached; empty if nowhere."
    )


class DelegatedAdministrator(Document):
    """A member account registered as delegated administrator of some AWS services."""

    account_id: str = Field(description="The delegated administrator account.")
    name: str | None = Field(default=None, description="The account's name.")
    status: str | None = Field(default=None, description="ACTIVE, SUSPENDED or PENDING_CLOSURE.")
    delegated_at: datetime | None = Field(
        default=None, description="When it first became a delegated administrator."
    )
    services: list[str] = Field(
        default_factory=list,
        description="Service principals it administers, e.g. guardduty.amazonaws.com.",
    )


@resource_type(
    "aws.organizations.organization",
    "The AWS organization of the scanned account, its policies and delegated administrators.",
)
class Organization(Resource):
    """The account's organization; the id is the scanned account id."""

    in_organization: bool | None = Field(
        default=None, description="The account belongs to an AWS organization."
    )
    organization_id: str | None = Field(default=None, description="The o-... id, if any.")
    management_account_id: str | None = Field(
        default=None, description="The organization's management account."
    )
    feature_set: str | None = Field(
        default=None,
        description="ALL (policies and service integrations) or CONSOLIDATED_BILLING only.",
    )
    is_management_account: bool | None = Field(
        default=None, description="The scanned account is the management account."
    )
    root_id: str | None = Field(default=None, description="The organization's root (r-...).")
    enabled_policy_types: list[str] = Field(
        default_factory=list,
        description="Policy types enabled on the root (SERVICE_CONTROL_POLICY, TAG_POLICY, "
        "AISERVICES_OPT_OUT_POLICY, BACKUP_POLICY...).",
    )
    scps: list[OrganizationPolicy] = Field(
        default_factory=list, description="Service control policies, with targets and content."
    )
    tag_policies: list[OrganizationPolicy] = Field(
        default_factory=list, description="Tag policies, with targets and content."
    )
    ai_opt_out_policies: list[OrganizationPolicy] = Field(
        default_factory=list, description="AI services opt-out policies, targets and content."
    )
    delegated_administrators: list[DelegatedAdministrator] = Field(
        default_factory=list, description="Member accounts that administer AWS services."
    )


POLICY = Map({"id": "Id", "name": "Name", "aws_managed": ("AwsManaged", flag)})
TARGET = Map({"target_id": "TargetId", "type": "Type", "name": "Name"})
ADMIN = Map(
    {
        "account_id": "Id",
        "name": "Name",
        "status": "Status",
        "delegated_at": "DelegationEnabledDate",
    }
)


def _organization(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.account_id, "name": f"Organization of {ctx.account_id}"}


def _apply_organization(doc: Doc, response: Any) -> None:
    # AWSOrganizationsNotInUseException stands for an empty response.
    organization = response.get("Organization")
    doc["in_organization"] = organization is not None
    organization = organization or {}
    doc["organization_id"] = organization.get("Id")
    doc["management_account_id"] = organization.get("MasterAccountId")
    doc["feature_set"] = organization.get("FeatureSet")
    doc["is_management_account"] = (
        organization.get("MasterAccountId") == doc["id"] if organization else False
    )


def _apply_roots(doc: Doc, response: Any) -> None:
    roots = response.get("Roots") or [{}]
    doc["root_id"] = roots[0].get("Id")
    doc["enabled_policy_types"] = [
        kind["Type"] for kind in roots[0].get("PolicyTypes", []) if kind.get("Status") == "ENABLED"
    ]


def _in_organization(doc: Doc) -> bool:
    return doc.get("in_organization") is True


def _listing(field: str, policy_type: str) -> Detail:
    return Detail(
        Call("ListPolicies", lambda _doc: {"Filter": policy_type}),
        Map({field: ("Policies", each(POLICY))}),
        when=_in_organization,
        stage=1,
    )


CONTENT = Map({"content": ("Policy.Content", policy)})
TARGETS = Map({"targets": ("Targets", each(TARGET))})
SERVICES = Map({"services": ("DelegatedServices[].ServicePrincipal", strings)})


def _each_policy(doc: Doc) -> list[Doc]:
    return [item for field in POLICY_FIELDS for item in doc.get(field, [])]


def _policy_params(item: Doc) -> dict[str, Any]:
    return {"PolicyId": item["id"]}


def _each_admin(doc: Doc) -> list[Doc]:
    admins: list[Doc] = doc.get("delegated_administrators", [])
    return admins


collectors.register(
    ResourceSpec(
        model=Organization,
        service="organizations",
        normalize=_organization,
        scope=Scope.GLOBAL,
        details=(
            Detail(
                Call("DescribeOrganization"),
                _apply_organization,
                (
                    "in_organization",
                    "organization_id",
                    "management_account_id",
                    "feature_set",
                    "is_management_account",
                ),
                absent={"AWSOrganizationsNotInUseException": {}},
            ),
            Detail(
                Call("ListRoots"),
                _apply_roots,
                ("root_id", "enabled_policy_types"),
                when=_in_organization,
                stage=1,
            ),
            *(_listing(field, kind) for field, kind in POLICY_FIELDS.items()),
            Detail(
                Call("ListDelegatedAdministrators"),
                Map({"delegated_administrators": ("DelegatedAdministrators", each(ADMIN))}),
                when=_in_organization,
                stage=1,
            ),
            Detail(
                Call("DescribePolicy", _policy_params),
                into_item(CONTENT.read),
                tuple(POLICY_FIELDS),
                stage=2,
                for_each=_each_policy,
            ),
            Detail(
                Call("ListTargetsForPolicy", _policy_params),
                into_item(TARGETS.read),
                tuple(POLICY_FIELDS),
                stage=2,
                for_each=_each_policy,
            ),
            Detail(
                Call(
                    "ListDelegatedServicesForAccount",
                    lambda admin: {"AccountId": admin["account_id"]},
                ),
                into_item(SERVICES.read),
                ("delegated_administrators",),
                stage=2,
                for_each=_each_admin,
            ),
        ),
    )
)
