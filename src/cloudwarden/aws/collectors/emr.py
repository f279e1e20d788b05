"""EMR: clusters (where the master node sits, logging, the encryption their security
configuration turns on) and each region's block public access configuration.

Active clusters are listed, each described (DescribeCluster), then its security configuration
read by name (DescribeSecurityConfiguration) when it has one. A cluster without one encrypts
nothing beyond the defaults, which the encryption fields report as false.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, flag, pairs
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

ACTIVE_STATES = ("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING")
"""Clusters in these states are listed; terminated ones have no attack surface left."""


@resource_type("aws.emr.cluster", "An active Amazon EMR cluster.")
class EmrCluster(Resource):
    """An EMR cluster; its id is its cluster id (j-...)."""

    state: str | None = Field(
        default=None, description="STARTING, BOOTSTRAPPING, RUNNING or WAITING."
    )
    release_label: str | None = Field(default=None, description="The EMR release, e.g. emr-7.1.0.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    subnet_id: str | None = Field(default=None, description="The subnet of its instances.")
    master_public_dns_name: str | None = Field(
        default=None,
        description="The master node's DNS name: a public name (…compute.amazonaws.com) when the "
        "master has a public address, an internal one (…ec2.internal) otherwise.",
    )
    master_security_group_ids: list[str] = Field(
        default_factory=list,
        description="The master node's security groups (EMR managed and additional).",
    )
    ec2_key_name: str | None = Field(default=None, description="The SSH key pair of its nodes.")
    instance_profile: str | None = Field(default=None, description="The nodes' instance profile.")
    log_uri: str | None = Field(
        default=None, description="The S3 location cluster logs are archived to; null if none."
    )
    log_encryption_kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting archived logs; null if none."
    )
    termination_protected: bool = Field(
        default=False, description="The cluster cannot be terminated by accident."
    )
    security_configuration: str | None = Field(
        default=None, description="The name of its security configuration; null if none."
    )
    at_rest_encryption: bool = Field(
        default=False,
        description="Its security configuration enables at-rest encryption (EMRFS data in S3 "
        "and local disks); false without one.",
    )
    s3_encryption_mode: str | None = Field(
        default=None, description="SSE-S3, SSE-KMS, CSE-KMS or CSE-Custom for EMRFS data in S3."
    )
    local_disk_encryption: bool = Field(
        default=False,
        description="Local disks (instance store and EBS) are encrypted by the security "
        "configuration; false without one.",
    )
    in_transit_encryption: bool = Field(
        default=False,
        description="Its security configuration enables in-transit (TLS) encryption; false "
        "without one.",
    )
    kerberos_enabled: bool = Field(
        default=False, description="Its security configuration sets up Kerberos authentication."
    )


@resource_type(
    "aws.emr.region_settings",
    "EMR's account settings of one region (block public access).",
    account_asset=True,
)
class EmrRegionSettings(Resource):
    """EMR block public access in one region; ``id`` is the region."""

    block_public_security_group_rules: bool | None = Field(
        default=None,
        description="Clusters cannot start with security group rules open to 0.0.0.0/0 or ::/0 "
        "(except the permitted port ranges).",
    )
    permitted_public_port_ranges: list[str] = Field(
        default_factory=list,
        description="Port ranges (from-to) still allowed from anywhere, usually 22-22.",
    )


def _ports(found: Any) -> list[str]:
    return [f"{item['MinRange']}-{item.get('MaxRange', item['MinRange'])}" for item in found or ()]


def _master_groups(attributes: Any) -> list[str]:
    """The EMR managed master group and the additional ones."""
    attributes = attributes or {}
    managed = attributes.get("EmrManagedMasterSecurityGroup")
    extra = attributes.get("AdditionalMasterSecurityGroups") or []
    return [str(group) for group in ([managed] if managed else []) + list(extra)]


CLUSTER = Map(
    {
        "arn": "Cluster.ClusterArn",
        "state": "Cluster.Status.State",
        "release_label": "Cluster.ReleaseLabel",
        "created_at": "Cluster.Status.Timeline.CreationDateTime",
        "subnet_id": "Cluster.Ec2InstanceAttributes.Ec2SubnetId",
        "master_public_dns_name": "Cluster.MasterPublicDnsName",
        "master_security_group_ids": ("Cluster.Ec2InstanceAttributes", _master_groups),
        "ec2_key_name": "Cluster.Ec2InstanceAttributes.Ec2KeyName",
        "instance_profile": "Cluster.Ec2InstanceAttributes.IamInstanceProfile",
        "log_uri": "Cluster.LogUri",
        "log_encryption_kms_key_id": "Cluster.LogEncryptionKmsKeyId",
        "termination_protected": ("Cluster.TerminationProtected", flag),
        "security_configuration": "Cluster.SecurityConfiguration",
        "tags": ("Cluster.Tags", pairs()),
    }
)


def _configuration(found: Any) -> dict[str, Any]:
    return json.loads(found) if isinstance(found, str) and found else dict(found or {})


def _at_rest(found: Any) -> bool:
    return bool(
        _configuration(found).get("EncryptionConfiguration", {}).get("EnableAtRestEncryption")
    )


def _in_transit(found: Any) -> bool:
    encryption = _configuration(found).get("EncryptionConfiguration", {})
    return bool(encryption.get("EnableInTransitEncryption"))


def _rest_part(found: Any, part: str) -> dict[str, Any]:
    encryption = _configuration(found).get("EncryptionConfiguration", {})
    if not encryption.get("EnableAtRestEncryption"):
        return {}
    return dict((encryption.get("AtRestEncryptionConfiguration") or {}).get(part) or {})


SECURITY_CONFIGURATION = Map(
    {
        "at_rest_encryption": ("SecurityConfiguration", _at_rest),
        "s3_encryption_mode": (
            "SecurityConfiguration",
            lambda found: _rest_part(found, "S3EncryptionConfiguration").get("EncryptionMode"),
        ),
        "local_disk_encryption": (
            "SecurityConfiguration",
            lambda found: bool(_rest_part(found, "LocalDiskEncryptionConfiguration")),
        ),
        "in_transit_encryption": ("SecurityConfiguration", _in_transit),
        "kerberos_enabled": (
            "SecurityConfiguration",
            lambda found: (
                "KerberosConfiguration"
                in (_configuration(found).get("AuthenticationConfiguration") or {})
            ),
        ),
    }
)

BLOCK_PUBLIC_ACCESS = Map(
    {
        "block_public_security_group_rules": (
            "BlockPublicAccessConfiguration.BlockPublicSecurityGroupRules"
        ),
        "permitted_public_port_ranges": (
            "BlockPublicAccessConfiguration.PermittedPublicSecurityGroupRuleRanges",
            _ports,
        ),
    }
)


def _cluster(item: Any, _ctx: RegionContext) -> Doc:
    return {"id": item["Id"], "name": item.get("Name"), "arn": item.get("ClusterArn")}


def _emr(operation: str, params: Any = None) -> Call:
    return Call(operation, params, permission=f"elasticmapreduce:{operation}")


collectors.register(
    ResourceSpec(
        model=EmrCluster,
        service="emr",
        list=_emr("ListClusters", lambda _doc: {"ClusterStates": list(ACTIVE_STATES)}),
        items="Clusters",
        normalize=_cluster,
        details=(
            Detail(_emr("DescribeCluster", lambda doc: {"ClusterId": doc["id"]}), CLUSTER),
            Detail(
                _emr(
                    "DescribeSecurityConfiguration",
                    lambda doc: {"Name": doc["security_configuration"]},
                ),
                SECURITY_CONFIGURATION,
                when=lambda doc: doc.get("security_configuration") is not None,
                stage=1,
            ),
        ),
    ),
    ResourceSpec(
        model=EmrRegionSettings,
        service="emr",
        normalize=lambda _item, ctx: {"id": ctx.region},
        details=(Detail(_emr("GetBlockPublicAccessConfiguration"), BLOCK_PUBLIC_ACCESS),),
    ),
)
