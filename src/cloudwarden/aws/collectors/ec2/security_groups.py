"""VPC security groups: rules normalised to one entry per peer, and who uses them."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import tags_of
from cloudwarden.aws.collectors.ec2.base import INTERNET, snake
from cloudwarden.aws.collectors.mapping import Map, each
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class RuleEntry(Document):
    """One security group rule, normalised to a single source (ingress) or destination."""

    protocol: str = Field(description="tcp, udp, icmp, icmpv6, a protocol number, or -1 (all).")
    all_traffic: bool = Field(description="Every protocol and port is allowed (protocol -1).")
    from_port: int | None = Field(default=None, description="First port (ICMP type); null if all.")
    to_port: int | None = Field(default=None, description="Last port (ICMP code); null if all.")
    source_kind: str = Field(description="cidr_ipv4, cidr_ipv6, security_group or prefix_list.")
    source: str = Field(description="The CIDR, security group id or prefix list id.")
    source_account_id: str | None = Field(
        default=None, description="The account owning a referenced security group."
    )
    open_to_internet: bool = Field(description="The source is 0.0.0.0/0 or ::/0.")
    description: str | None = Field(default=None, description="The rule's description.")


class SecurityGroupInterface(Document):
    """A network interface that uses a security group."""

    network_interface_id: str = Field(description="The ENI id.")
    interface_type: str | None = Field(
        default=None, description="interface, nat_gateway, lambda, network_load_balancer..."
    )
    instance_id: str | None = Field(default=None, description="The instance it is attached to.")
    public_ip: str | None = Field(default=None, description="Its public IPv4 address, if any.")


@resource_type("aws.ec2.security_group", "A VPC security group and its normalised rules.")
class SecurityGroup(Resource):
    """A security group; ``name`` is its group name. Each rule is one (protocol, ports, peer)."""

    description: str | None = Field(default=None, description="The group description.")
    vpc_id: str | None = Field(default=None, description="The VPC the group belongs to.")
    owner_id: str | None = Field(default=None, description="The owning account.")
    is_default: bool = Field(description="It is the VPC's default group (named 'default').")
    ingress_rules: list[RuleEntry] = Field(
        default_factory=list, description="Inbound rules, one entry per source."
    )
    egress_rules: list[RuleEntry] = Field(
        default_factory=list, description="Outbound rules, one entry per destination."
    )
    network_interfaces: list[SecurityGroupInterface] = Field(
        default_factory=list, description="Network interfaces using the group; empty if unused."
    )


def _rules(permissions: list[dict[str, Any]]) -> list[Doc]:
    """AWS IpPermissions (several peers per permission) as one entry per peer."""
    rules: list[Doc] = []
    for permission in permissions:
        protocol = str(permission["IpProtocol"])
        peers = [("cidr_ipv4", r["CidrIp"], r) for r in permission.get("IpRanges", [])]
        peers += [("cidr_ipv6", r["CidrIpv6"], r) for r in permission.get("Ipv6Ranges", [])]
        peers += [
            ("security_group", r["GroupId"], r) for r in permission.get("UserIdGroupPairs", [])
        ]
        peers += [
            ("prefix_list", r["PrefixListId"], r) for r in permission.get("PrefixListIds", [])
        ]
        rules += [
            {
                "protocol": protocol,
                "all_traffic": protocol == "-1",
                "from_port": permission.get("FromPort"),
                "to_port": permission.get("ToPort"),
                "source_kind": kind,
                "source": source,
                "source_account_id": peer.get("UserId"),
                "open_to_internet": source in INTERNET,
                "description": peer.get("Description"),
            }
            for kind, source, peer in peers
        ]
    return rules


def _security_group(item: Any, ctx: RegionContext) -> Doc:
    group_id = item["GroupId"]
    return {
        **snake(item, "Description", "VpcId", "OwnerId"),
        "id": group_id,
        "arn": item.get("SecurityGroupArn") or ctx.arn("ec2", f"security-group/{group_id}"),
        "name": item["GroupName"],
        "tags": tags_of(item.get("Tags")),
        "is_default": item["GroupName"] == "default",
        "ingress_rules": _rules(item.get("IpPermissions", [])),
        "egress_rules": _rules(item.get("IpPermissionsEgress", [])),
    }


def _interfaces_of_group(doc: Doc) -> dict[str, Any]:
    return {"Filters": [{"Name": "group-id", "Values": [doc["id"]]}]}


_INTERFACE = Map(
    {
        "network_interface_id": "NetworkInterfaceId",
        "interface_type": "InterfaceType",
        "instance_id": "Attachment.InstanceId",
        "public_ip": "Association.PublicIp",
    }
)


collectors.register(
    listed(
        SecurityGroup,
        "ec2",
        "DescribeSecurityGroups",
        "SecurityGroups",
        _security_group,
        # One call per group: the engine cannot join resources, and checks that do not read
        # network_interfaces skip it.
        Detail(
            Call("DescribeNetworkInterfaces", _interfaces_of_group),
            Map({"network_interfaces": ("NetworkInterfaces", each(_INTERFACE))}),
        ),
    )
)
