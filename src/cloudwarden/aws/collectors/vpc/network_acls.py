"""VPC network ACLs: the stateless subnet firewall rules."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.ec2.base import common
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}


class AclEntry(Document):
    """One rule of a network ACL."""

    rule_number: int = Field(description="Rules are evaluated in ascending order; 32767 is '*'.")
    egress: bool = Field(description="An outbound rule (false: inbound).")
    rule_action: str = Field(description="allow or deny.")
    protocol: str = Field(description="The IP protocol number as a string; -1 means all.")
    protocol_name: str = Field(
        description="all, tcp, udp, icmp, icmpv6, or the protocol number for others."
    )
    cidr_block: str | None = Field(default=None, description="IPv4 range the rule matches.")
    ipv6_cidr_block: str | None = Field(default=None, description="IPv6 range the rule matches.")
    port_from: int | None = Field(
        default=None, description="First port (tcp/udp); null means every port."
    )
    port_to: int | None = Field(default=None, description="Last port (tcp/udp); null: every port.")
    icmp_type: int | None = Field(default=None, description="ICMP type, -1 for all.")
    icmp_code: int | None = Field(default=None, description="ICMP code, -1 for all.")


@resource_type("aws.ec2.network_acl", "A VPC network ACL: stateless subnet firewall rules.")
class NetworkAcl(Resource):
    """A network ACL and the subnets it guards."""

    vpc_id: str = Field(description="The VPC of the ACL.")
    is_default: bool = Field(description="The VPC's default ACL (allows everything by default).")
    entries: list[AclEntry] = Field(default_factory=list, description="Inbound and outbound rules.")
    subnet_ids: list[str] = Field(
        default_factory=list, description="Associated subnets; empty means the ACL is unused."
    )
    owner_id: str | None = Field(default=None, description="The owning account.")


def _acl_entry(entry: Any) -> Doc:
    protocol = str(entry["Protocol"])
    ports = entry.get("PortRange") or {}
    icmp = entry.get("IcmpTypeCode") or {}
    return {
        "rule_number": entry["RuleNumber"],
        "egress": bool(entry.get("Egress", False)),
        "rule_action": entry["RuleAction"],
        "protocol": protocol,
        "protocol_name": PROTOCOLS.get(protocol, protocol),
        "cidr_block": entry.get("CidrBlock"),
        "ipv6_cidr_block": entry.get("Ipv6CidrBlock"),
        "port_from": ports.get("From"),
        "port_to": ports.get("To"),
        "icmp_type": icmp.get("Type"),
        "icmp_code": icmp.get("Code"),
    }


def _network_acl(item: Any, ctx: RegionContext) -> Doc:
    return common(item, ctx, "NetworkAclId", "network-acl") | {
        "vpc_id": item["VpcId"],
        "is_default": bool(item.get("IsDefault", False)),
        "entries": [_acl_entry(entry) for entry in item.get("Entries", [])],
        "subnet_ids": [
            assoc["SubnetId"] for assoc in item.get("Associations", []) if assoc.get("SubnetId")
        ],
        "owner_id": item.get("OwnerId"),
    }


collectors.register(listed(NetworkAcl, "ec2", "DescribeNetworkAcls", "NetworkAcls", _network_acl))
