"""EKS: clusters with their API endpoint exposure, secrets encryption and control plane logging."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import (
    Map,
    each,
    given,
    plain_dict,
    sorted_unique,
    strings,
)
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


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    name = str(item)
    return {"id": name, "name": name, "arn": ctx.arn("eks", f"cluster/{name}")}


_ENCRYPTION_CONFIG = Map({"resources": ("resources", strings), "kms_key_arn": "provider.keyArn"})
_CLUSTER = Map(
    {
        # AWS's own ARN of the cluster, when it gives one (the listing only names it).
        "arn": ("cluster.arn", given),
        "version": "cluster.version",
        "platform_version": "cluster.platformVersion",
        "status": "cluster.status",
        "created_at": "cluster.createdAt",
        "endpoint": "cluster.endpoint",
        "endpoint_public_access": "cluster.resourcesVpcConfig.endpointPublicAccess",
        "endpoint_private_access": "cluster.resourcesVpcConfig.endpointPrivateAccess",
        "public_access_cidrs": ("cluster.resourcesVpcConfig.publicAccessCidrs", strings),
        "vpc_id": "cluster.resourcesVpcConfig.vpcId",
        "subnet_ids": ("cluster.resourcesVpcConfig.subnetIds", strings),
        "security_group_ids": ("cluster.resourcesVpcConfig.securityGroupIds", strings),
        "cluster_security_group_id": "cluster.resourcesVpcConfig.clusterSecurityGroupId",
        "role_arn": "cluster.roleArn",
        "encryption_config": ("cluster.encryptionConfig", each(_ENCRYPTION_CONFIG)),
        "enabled_log_types": (
            "cluster.logging.clusterLogging[?enabled].types[]",
            sorted_unique,
        ),
        "authentication_mode": "cluster.accessConfig.authenticationMode",
        "oidc_issuer": "cluster.identity.oidc.issuer",
        "deletion_protection": "cluster.deletionProtection",
        "support_type": "cluster.upgradePolicy.supportType",
        "tags": ("cluster.tags", plain_dict),
    }
)
"""Everything DescribeCluster fills: the cluster's own fields, its ARN and its tags."""


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
                _CLUSTER,
            ),
        ),
    )
)
