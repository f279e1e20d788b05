"""Lightsail: instances with the ports their firewall opens, and managed databases with their
exposure and backups. Both are read from their listings (GetInstances,
GetRelationalDatabases), which carry every field used here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, flag, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class LightsailPort(Document):
    """A port range the instance's firewall opens."""

    from_port: int | None = Field(default=None, description="First port of the range.")
    to_port: int | None = Field(default=None, description="Last port of the range.")
    protocol: str | None = Field(default=None, description="tcp, udp, icmp or all.")
    access_type: str | None = Field(default=None, description="Public or Private.")
    cidrs: list[str] = Field(
        default_factory=list, description="IPv4 ranges allowed; 0.0.0.0/0 means anyone."
    )
    ipv6_cidrs: list[str] = Field(
        default_factory=list, description="IPv6 ranges allowed; ::/0 means anyone."
    )


@resource_type("aws.lightsail.instance", "A Lightsail virtual server.")
class LightsailInstance(Resource):
    """A Lightsail instance; its id is its name."""

    blueprint_id: str | None = Field(default=None, description="The image (wordpress, ubuntu...).")
    bundle_id: str | None = Field(default=None, description="The plan (size).")
    state: str | None = Field(default=None, description="running, stopped, pending...")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    public_ip_address: str | None = Field(default=None, description="Its public IPv4 address.")
    is_static_ip: bool = Field(default=False, description="The public address is a static IP.")
    ports: list[LightsailPort] = Field(
        default_factory=list, description="The port ranges its firewall opens."
    )


@resource_type("aws.lightsail.database", "A Lightsail managed database.")
class LightsailDatabase(Resource):
    """A Lightsail managed database; its id is its name."""

    engine: str | None = Field(default=None, description="mysql or postgres.")
    engine_version: str | None = Field(default=None, description="The engine version.")
    state: str | None = Field(default=None, description="available, creating, stopped...")
    publicly_accessible: bool | None = Field(
        default=None, description="The database accepts connections from the internet."
    )
    backup_retention_enabled: bool | None = Field(
        default=None, description="Automatic daily backups are kept."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")


PORT = Map(
    {
        "from_port": "fromPort",
        "to_port": "toPort",
        "protocol": "protocol",
        "access_type": "accessType",
        "cidrs": ("cidrs", strings),
        "ipv6_cidrs": ("ipv6Cidrs", strings),
    }
)

INSTANCE = Map(
    {
        "arn": "arn",
        "blueprint_id": "blueprintId",
        "bundle_id": "bundleId",
        "state": "state.name",
        "created_at": "createdAt",
        "public_ip_address": "publicIpAddress",
        "is_static_ip": ("isStaticIp", flag),
        "ports": ("networking.ports", each(PORT)),
        "tags": ("tags", pairs("key", "value")),
    }
)

DATABASE = Map(
    {
        "arn": "arn",
        "engine": "engine",
        "engine_version": "engineVersion",
        "state": "state",
        "publicly_accessible": "publiclyAccessible",
        "backup_retention_enabled": "backupRetentionEnabled",
        "created_at": "createdAt",
        "tags": ("tags", pairs("key", "value")),
    }
)


def _instance(item: Any, _ctx: RegionContext) -> Doc:
    return {"id": item["name"], "name": item["name"], **INSTANCE.read(item)}


def _database(item: Any, _ctx: RegionContext) -> Doc:
    return {"id": item["name"], "name": item["name"], **DATABASE.read(item)}


collectors.register(
    listed(LightsailInstance, "lightsail", "GetInstances", "instances", _instance),
    listed(
        LightsailDatabase,
        "lightsail",
        "GetRelationalDatabases",
        "relationalDatabases",
        _database,
    ),
)
