"""EKS: clusters with their API endpoint exposure, secrets encryption and control plane logging."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class EncryptionConfig(Document):
    """An envelope encryption configuration of a cluster."""

    resources: list[str] = Field(
        default_factory=list, description="What is encrypted; 'secrets' for Kubernetes secrets."
    )
    kms_key_arn: str | None = Field(default=None, description="The KMS key used.")


@resource_type("aws.eks.cluster", "An EKS Kubernetes cluster (control plane).")
class EksCluster(Resource):
    """An EKS cluster; its id is its name."""

    version: str | None = Field(default=None, description="The Kubernetes version, e.g. 1.30.")
    platform_version: str | None = Field(default=None, description="The EKS platform version.")
    status: str | None = Field(
        default=None, description="CREATING, ACTIVE, DELETING, FAILED, UPDATING or PENDING."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")
    endpoint: str | None = Field(default=None, description="The Kubernetes API server URL.")
    endpoint_public_access: bool | None = Field(
        default=None, description="The API server endpoint is reachable from the internet."
    )
    endpoint_private_access: bool | None = Field(
        default=None, description="The API server endpoint is reachable from inside the VPC."
    )
    public_access_cidrs: list[str] = Field(
        default_factory=list,
        description="CIDRs allowed to reach the public endpoint; 0.0.0.0/0 means anyone.",
    )
    vpc_id: str | None = Field(default=None, description="The cluster's VPC.")
    subnet_ids: list[str] = Field(default_factory=list, description="The cluster's subnets.")
    security_group_ids: list[str] = Field(
        default_factory=list, description="Additional security groups of the control plane ENIs."
    )
    cluster_security_group_id: str | None = Field(
        default=None, description="The security group EKS created for the cluster."
    )
    role_arn: str | None = Field(default=None, description="The cluster service role.")
    encryption_config: list[EncryptionConfig] = Field(
        default_factory=list,
        description="Envelope encryption configurations; empty means Kubernetes secrets are "
        "not encrypted with a KMS key.",
    )
    enabled_log_types: list[str] = Field(
        default_factory=list,
        description="Control plane log types sent to CloudWatch (api, audit, authenticator, "
        "controllerManager, scheduler); empty if logging is off.",
    )
    authentication_mode: str | None = Field(
        default=None, description="API, API_AND_CONFIG_MAP or CONFIG_MAP; null if not reported."
    )
    oidc_issuer: str | None = Field(default=None, description="The OIDC identity provider URL.")
    deletion_protection: bool | None = Field(
        default=None, description="Deletion protection is enabled; null if not reported."
    )
    support_type: str | None = Field(
        default=None, description="Upgrade support policy: STANDARD or EXTENDED; null if unknown."
    )


_CLUSTER_FIELDS = (
    "arn",
    "tags",
    *(name for name in EksCluster.model_fields if name not in Resource.model_fields),
)
"""Everything DescribeCluster fills: the cluster's own fields, its ARN and its tags."""


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    name = str(item)
    return {"id": name, "name": name, "arn": ctx.arn("eks", f"cluster/{name}")}


def _apply_cluster(doc: Doc, response: Any) -> None:
    cluster = response["cluster"]
    vpc = cluster.get("resourcesVpcConfig") or {}
    doc.update(
        {
            "arn": cluster.get("arn") or doc["arn"],
            "version": cluster.get("version"),
            "platform_version": cluster.get("platformVersion"),
            "status": cluster.get("status"),
            "created_at": cluster.get("createdAt"),
            "endpoint": cluster.get("endpoint"),
            "endpoint_public_access": vpc.get("endpointPublicAccess"),
            "endpoint_private_access": vpc.get("endpointPrivateAccess"),
            "public_access_cidrs": vpc.get("publicAccessCidrs", []),
            "vpc_id": vpc.get("vpcId"),
            "subnet_ids": vpc.get("subnetIds", []),
            "security_group_ids": vpc.get("securityGroupIds", []),
            "cluster_security_group_id": vpc.get("clusterSecurityGroupId"),
            "role_arn": cluster.get("roleArn"),
            "encryption_config": [
                {
                    "resources": config.get("resources", []),
                    "kms_key_arn": (config.get("provider") or {}).get("keyArn"),
                }
                for config in cluster.get("encryptionConfig", [])
            ],
            "enabled_log_types": sorted(
                {
                    log_type
                    for setting in (cluster.get("logging") or {}).get("clusterLogging", [])
                    if setting.get("enabled")
                    for log_type in setting.get("types", [])
                }
            ),
            "authentication_mode": (cluster.get("accessConfig") or {}).get("authenticationMode"),
            "oidc_issuer": ((cluster.get("identity") or {}).get("oidc") or {}).get("issuer"),
            "deletion_protection": cluster.get("deletionProtection"),
            "support_type": (cluster.get("upgradePolicy") or {}).get("supportType"),
            "tags": dict(cluster.get("tags") or {}),
        }
    )


collectors.register(
    ResourceSpec(
        model=EksCluster,
        service="eks",
        list=Call("ListClusters"),
        items="clusters",
        normalize=_cluster,
        details=(
            Detail(
                Call("DescribeCluster", lambda doc: {"name": doc["id"]}),
                _apply_cluster,
                _CLUSTER_FIELDS,
            ),
        ),
    )
)
