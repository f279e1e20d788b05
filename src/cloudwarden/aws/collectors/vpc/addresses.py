"""Elastic IP addresses and what they are associated with."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import common, or_none
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.ec2.address", "An Elastic IP address and what it is associated with.")
class ElasticIp(Resource):
    """An Elastic IP; ``associated`` is false for an allocated but unused address."""

    public_ip: str | None = Field(default=None, description="The public IPv4 address.")
    allocation_id: str | None = Field(default=None, description="eipalloc-... (VPC addresses).")
    association_id: str | None = Field(default=None, description="eipassoc-... if associated.")
    instance_id: str | None = Field(default=None, description="The associated instance, if any.")
    network_interface_id: str | None = Field(
        default=None, description="The associated network interface, if any."
    )
    network_interface_owner_id: str | None = Field(
        default=None, description="The account owning that network interface."
    )
    private_ip_address: str | None = Field(
        default=None, description="The private address it maps to, if associated."
    )
    domain: str | None = Field(default=None, description="vpc or standard (EC2-Classic).")
    public_ipv4_pool: str | None = Field(default=None, description="amazon or a BYOIP pool.")
    associated: bool = Field(description="Associated with an instance or network interface.")


def _address(item: Any, ctx: RegionContext) -> Doc:
    # EC2-Classic addresses have no allocation id: the public IP is their identity.
    key = "AllocationId" if item.get("AllocationId") else "PublicIp"
    doc = common(item, ctx, key, "elastic-ip")
    association = or_none(item.get("AssociationId"))
    instance = or_none(item.get("InstanceId"))
    interface = or_none(item.get("NetworkInterfaceId"))
    return doc | {
        "name": doc["name"] or item.get("PublicIp"),
        "public_ip": item.get("PublicIp"),
        "allocation_id": or_none(item.get("AllocationId")),
        "association_id": association,
        "instance_id": instance,
        "network_interface_id": interface,
        "network_interface_owner_id": or_none(item.get("NetworkInterfaceOwnerId")),
        "private_ip_address": or_none(item.get("PrivateIpAddress")),
        "domain": item.get("Domain"),
        "public_ipv4_pool": item.get("PublicIpv4Pool"),
        "associated": bool(association or instance or interface),
    }


collectors.register(listed(ElasticIp, "ec2", "DescribeAddresses", "Addresses", _address))
