"""IAM managed policies, server certificates and identity providers (SAML, OIDC).

Policies are the account's customer managed ones plus the AWS managed policies that are attached
to something: the ~1,300 unattached AWS managed policies say nothing about the account.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, pairs, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

AWS_MANAGED_ARN = ":iam::aws:policy/"
"""What an AWS managed policy ARN contains instead of an account id."""
POLICY_LISTINGS = (("Local", False), ("AWS", True))
"""(Scope, OnlyAttached) of the ListPolicies walks: every customer policy, attached AWS ones."""


@resource_type(
    "aws.iam.policy",
    "A customer managed IAM policy, or an AWS managed policy attached in the account.",
)
class IamPolicy(Resource):
    """A managed policy; ``id`` is its ARN (names of customer and AWS policies may clash)."""

    policy_id: str = Field(description="The stable unique id of the policy (ANPA...).")
    path: str = Field(default="/", description="The IAM path of the policy.")
    aws_managed: bool = Field(
        description="An AWS managed policy (arn:aws:iam::aws:policy/...), listed only if attached."
    )
    default_version_id: str | None = Field(
        default=None, description="The version in effect, e.g. v3."
    )
    policy_document: dict[str, Any] | None = Field(
        default=None, description="The document of the default version, parsed from JSON."
    )
    attachment_count: int = Field(
        default=0, description="How many users, groups and roles the policy is attached to."
    )
    permissions_boundary_usage_count: int = Field(
        default=0, description="How many users and roles use the policy as permissions boundary."
    )
    is_attachable: bool = Field(default=True, description="The policy can be attached.")
    create_date: datetime | None = Field(default=None, description="When it was created.")
    update_date: datetime | None = Field(
        default=None, description="When its default version last changed."
    )
    attached_users: list[str] = Field(
        default_factory=list, description="Names of the users the policy is attached to."
    )
    attached_groups: list[str] = Field(
        default_factory=list, description="Names of the groups the policy is attached to."
    )
    attached_roles: list[str] = Field(
        default_factory=list, description="Names of the roles the policy is attached to."
    )


@resource_type(
    "aws.iam.server_certificate",
    "A TLS server certificate stored in IAM (for CloudFront and load balancers).",
)
class IamServerCertificate(Resource):
    """A server certificate; ``id`` and ``name`` are its name."""

    server_certificate_id: str = Field(description="The stable unique id of the certificate.")
    path: str = Field(default="/", description="The IAM path of the certificate.")
    upload_date: datetime | None = Field(default=None, description="When it was uploaded.")
    expiration: datetime | None = Field(
        default=None, description="When the certificate expires (its notAfter date)."
    )


@resource_type(
    "aws.iam.saml_provider",
    "A SAML 2.0 identity provider trusted by the account for federated sign-in.",
)
class IamSamlProvider(Resource):
    """A SAML provider; ``id`` is its ARN, ``name`` its name."""

    create_date: datetime | None = Field(default=None, description="When it was created.")
    valid_until: datetime | None = Field(
        default=None, description="When the provider's metadata document expires."
    )


@resource_type(
    "aws.iam.oidc_provider",
    "An OpenID Connect identity provider trusted by the account (e.g. GitHub Actions, EKS).",
)
class IamOidcProvider(Resource):
    """An OIDC provider; ``id`` is its ARN, ``name`` its URL without scheme."""

    url: str | None = Field(
        default=None, description="The issuer URL, without https:// (as IAM stores it)."
    )
    client_ids: list[str] = Field(
        default_factory=list, description="The audiences (client ids) the provider accepts."
    )
    thumbprints: list[str] = Field(
        default_factory=list, description="Thumbprints of the issuer's server certificates."
    )
    create_date: datetime | None = Field(default=None, description="When it was created.")


# -- policies --------------------------------------------------------------------------------


def list_policies(client: Any, _params: Any) -> dict[str, Any]:
    """Every customer managed policy, then the AWS managed policies attached to something."""
    policies: list[Any] = []
    paginator = client.get_paginator("list_policies")
    for scope, only_attached in POLICY_LISTINGS:
        for page in paginator.paginate(Scope=scope, OnlyAttached=only_attached):
            policies.extend(page.get("Policies", []))
    return {"Policies": policies}


def _policy(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["Arn"]
    return {
        "id": arn,
        "arn": arn,
        "name": item["PolicyName"],
        "policy_id": item["PolicyId"],
        "path": item.get("Path", "/"),
        "aws_managed": AWS_MANAGED_ARN in arn,
        "default_version_id": item.get("DefaultVersionId"),
        "attachment_count": item.get("AttachmentCount", 0),
        "permissions_boundary_usage_count": item.get("PermissionsBoundaryUsageCount", 0),
        "is_attachable": item.get("IsAttachable", True),
        "create_date": item.get("CreateDate"),
        "update_date": item.get("UpdateDate"),
    }


def _policy_arn(doc: Doc) -> dict[str, Any]:
    return {"PolicyArn": doc["arn"]}


def _default_version(doc: Doc) -> dict[str, Any]:
    return {"PolicyArn": doc["arn"], "VersionId": doc["default_version_id"]}


_ENTITIES = Map(
    {
        "attached_users": ("PolicyUsers[].UserName", strings),
        "attached_groups": ("PolicyGroups[].GroupName", strings),
        "attached_roles": ("PolicyRoles[].RoleName", strings),
    }
)


# -- certificates and identity providers -----------------------------------------------------


def _server_certificate(item: Any, _ctx: RegionContext) -> Doc:
    name = item["ServerCertificateName"]
    return {
        "id": name,
        "name": name,
        "arn": item["Arn"],
        "server_certificate_id": item["ServerCertificateId"],
        "path": item.get("Path", "/"),
        "upload_date": item.get("UploadDate"),
        "expiration": item.get("Expiration"),
    }


def _saml_provider(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["Arn"]
    return {
        "id": arn,
        "arn": arn,
        "name": arn.split(":saml-provider/", 1)[-1],
        "create_date": item.get("CreateDate"),
        "valid_until": item.get("ValidUntil"),
    }


def _oidc_provider(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["Arn"]
    return {"id": arn, "arn": arn, "name": arn.split(":oidc-provider/", 1)[-1]}


_OIDC_PROVIDER = Map(
    {
        "url": "Url",
        "client_ids": ("ClientIDList", strings),
        "thumbprints": ("ThumbprintList", strings),
        "create_date": "CreateDate",
        "tags": ("Tags", pairs()),
    }
)


collectors.register(
    ResourceSpec(
        model=IamPolicy,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListPolicies", fetch=list_policies),
        items="Policies",
        normalize=_policy,
        details=(
            Detail(
                Call("GetPolicyVersion", _default_version),
                Map({"policy_document": ("PolicyVersion.Document", policy)}),
                when=lambda doc: doc.get("default_version_id") is not None,
            ),
            Detail(
                Call("ListEntitiesForPolicy", _policy_arn),
                _ENTITIES,
            ),
            Detail(
                Call("ListPolicyTags", _policy_arn),
                Tags(),
                when=lambda doc: not doc["aws_managed"],
            ),
        ),
    ),
    ResourceSpec(
        model=IamServerCertificate,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListServerCertificates"),
        items="ServerCertificateMetadataList",
        normalize=_server_certificate,
    ),
    ResourceSpec(
        model=IamSamlProvider,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListSAMLProviders"),
        items="SAMLProviderList",
        normalize=_saml_provider,
    ),
    ResourceSpec(
        model=IamOidcProvider,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListOpenIDConnectProviders"),
        items="OpenIDConnectProviderList",
        normalize=_oidc_provider,
        details=(
            Detail(
                Call(
                    "GetOpenIDConnectProvider",
                    lambda doc: {"OpenIDConnectProviderArn": doc["arn"]},
                ),
                _OIDC_PROVIDER,
            ),
        ),
    ),
)
