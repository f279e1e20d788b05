"""MemoryDB: clusters with their TLS, access control list, KMS key, backups and upgrades.

DescribeClusters answers every field; tags come from ListTags by ARN.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.memorydb.cluster", "A MemoryDB cluster: TLS, access control, KMS key, backups.")
class MemoryDbCluster(Resource):
    """A MemoryDB cluster; its id is its name."""

    status: str | None = Field(default=None, description="available, creating, updating...")
    node_type: str | None = Field(default=None, description="e.g. db.r7g.large.")
    engine_version: str | None = Field(default=None, description="The engine version, e.g. 7.1.")
    tls_enabled: bool = Field(default=False, description="Clients connect over TLS.")
    kms_key_id: str | None = Field(
        default=None,
        description="The customer managed KMS key encrypting data at rest; null for the "
        "default AWS owned key.",
    )
    acl_name: str | None = Field(
        default=None,
        description="The access control list of users; 'open-access' lets any client in "
        "without a password.",
    )
    snapshot_retention_limit: int = Field(
        default=0, description="Days automatic snapshots are kept; 0 means they are off."
    )
    auto_minor_version_upgrade: bool = Field(
        default=False, description="Minor engine upgrades are applied automatically."
    )
    subnet_group_name: str | None = Field(default=None, description="The subnet group.")
    availability_mode: str | None = Field(
        default=None, description="MultiAZ or SingleAZ (a cluster with no replicas)."
    )


_CLUSTER = Map(
    {
        "status": "Status",
        "node_type": "NodeType",
        "engine_version": "EngineVersion",
        "tls_enabled": ("TLSEnabled", default(False)),
        "kms_key_id": "KmsKeyId",
        "acl_name": "ACLName",
        "snapshot_retention_limit": ("SnapshotRetentionLimit", default(0)),
        "auto_minor_version_upgrade": ("AutoMinorVersionUpgrade", default(False)),
        "subnet_group_name": "SubnetGroupName",
        "availability_mode": "AvailabilityMode",
    }
)


def _cluster(item: Any, ctx: RegionContext) -> Doc:
    name = item["Name"]
    return {"id": name, "name": name, "arn": item.get("ARN"), **_CLUSTER.read(item)}


collectors.register(
    listed(
        MemoryDbCluster,
        "memorydb",
        "DescribeClusters",
        "Clusters",
        _cluster,
        Detail(
            Call("ListTags", lambda doc: {"ResourceArn": doc["arn"]}),
            Tags("TagList"),
            when=lambda doc: bool(doc.get("arn")),
        ),
    )
)
