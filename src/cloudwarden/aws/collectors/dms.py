"""DMS: replication instances (exposure, availability, upgrades, storage key) and endpoints (TLS).

Both describe calls answer every field; tags come from ListTagsForResource by ARN. Endpoint
credentials are never collected (DescribeEndpoints does not answer passwords, and the user name
is left out too).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type(
    "aws.dms.replication_instance", "A DMS replication instance: public access, Multi-AZ, upgrades."
)
class ReplicationInstance(Resource):
    """A replication instance; its id is its identifier."""

    instance_class: str | None = Field(default=None, description="e.g. dms.t3.medium.")
    status: str | None = Field(default=None, description="available, creating, modifying...")
    engine_version: str | None = Field(default=None, description="The DMS engine version.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    publicly_accessible: bool = Field(
        default=False, description="The instance has a public IP address reachable from outside."
    )
    public_ip_addresses: list[str] = Field(
        default_factory=list, description="Its public IP addresses; empty if none."
    )
    multi_az: bool = Field(default=False, description="A standby runs in another zone.")
    auto_minor_version_upgrade: bool = Field(
        default=False, description="Minor engine upgrades are applied in the maintenance window."
    )
    kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting its storage (aws/dms by default)."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="Its VPC security groups."
    )
    subnet_group: str | None = Field(default=None, description="Its replication subnet group.")


@resource_type("aws.dms.endpoint", "A DMS source or target endpoint and its TLS mode.")
class DmsEndpoint(Resource):
    """An endpoint; its id is its identifier."""

    endpoint_type: str | None = Field(default=None, description="SOURCE or TARGET.")
    engine_name: str | None = Field(
        default=None, description="mysql, postgres, oracle, sqlserver, s3, dynamodb, kafka..."
    )
    server_name: str | None = Field(default=None, description="The database host name.")
    port: int | None = Field(default=None, description="The database port.")
    status: str | None = Field(default=None, description="active, creating, deleting...")
    ssl_mode: str = Field(
        default="none",
        description="TLS to the database: none, require, verify-ca or verify-full.",
    )
    kms_key_id: str | None = Field(
        default=None, description="The KMS key encrypting the endpoint's connection settings."
    )


_INSTANCE = Map(
    {
        "instance_class": "ReplicationInstanceClass",
        "status": "ReplicationInstanceStatus",
        "engine_version": "EngineVersion",
        "created_at": "InstanceCreateTime",
        "publicly_accessible": ("PubliclyAccessible", default(False)),
        "public_ip_addresses": ("ReplicationInstancePublicIpAddresses", strings),
        "multi_az": ("MultiAZ", default(False)),
        "auto_minor_version_upgrade": ("AutoMinorVersionUpgrade", default(False)),
        "kms_key_id": "KmsKeyId",
        "security_group_ids": ("VpcSecurityGroups[].VpcSecurityGroupId", strings),
        "subnet_group": "ReplicationSubnetGroup.ReplicationSubnetGroupIdentifier",
    }
)

_ENDPOINT = Map(
    {
        "endpoint_type": "EndpointType",
        "engine_name": "EngineName",
        "server_name": "ServerName",
        "port": "Port",
        "status": "Status",
        "ssl_mode": ("SslMode", default("none")),
        "kms_key_id": "KmsKeyId",
    }
)


def _instance(item: Any, ctx: RegionContext) -> Doc:
    name = item["ReplicationInstanceIdentifier"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("ReplicationInstanceArn"),
        **_INSTANCE.read(item),
    }


def _endpoint(item: Any, ctx: RegionContext) -> Doc:
    name = item["EndpointIdentifier"]
    return {"id": name, "name": name, "arn": item.get("EndpointArn"), **_ENDPOINT.read(item)}


TAGS = Detail(
    Call("ListTagsForResource", lambda doc: {"ResourceArn": doc["arn"]}),
    Tags("TagList"),
    when=lambda doc: bool(doc.get("arn")),
)

collectors.register(
    listed(
        ReplicationInstance,
        "dms",
        "DescribeReplicationInstances",
        "ReplicationInstances",
        _instance,
        TAGS,
    ),
    listed(DmsEndpoint, "dms", "DescribeEndpoints", "Endpoints", _endpoint, TAGS),
)
