"""Elastic Load Balancing v2: application, network and gateway load balancers.

Each load balancer is described with its attributes (deletion protection, access logs, header
handling), its listeners (ports, protocols, TLS policies, certificates, redirects) and its tags.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

TLS_PROTOCOLS = frozenset({"HTTPS", "TLS"})
"""Listener protocols that terminate TLS (and so have a security policy)."""


class ListenerAction(Document):
    """A default action of a listener."""

    type: str = Field(
        description="forward, redirect, fixed-response, authenticate-oidc or authenticate-cognito."
    )
    redirect_protocol: str | None = Field(
        default=None,
        description="For redirects, the protocol redirected to (HTTPS, HTTP or #{protocol}).",
    )
    redirect_port: str | None = Field(default=None, description="For redirects, the target port.")
    target_group_arn: str | None = Field(
        default=None, description="For forward actions, the (first) target group."
    )


class Listener(Document):
    """A listener of a load balancer."""

    arn: str = Field(description="The listener ARN.")
    port: int | None = Field(default=None, description="The port it listens on.")
    protocol: str | None = Field(
        default=None, description="HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP or GENEVE."
    )
    ssl_policy: str | None = Field(
        default=None,
        description="The TLS security policy of HTTPS/TLS listeners, e.g. "
        "ELBSecurityPolicy-TLS13-1-2-2021-06; null on plain HTTP/TCP/UDP listeners.",
    )
    certificate_arns: list[str] = Field(
        default_factory=list, description="The default server certificate(s) (ACM or IAM ARNs)."
    )
    default_actions: list[ListenerAction] = Field(
        default_factory=list, description="What the listener does with requests by default."
    )


@resource_type("aws.elbv2.load_balancer", "An application, network or gateway load balancer.")
class LoadBalancer(Resource):
    """An ELBv2 load balancer; its id is its ARN."""

    load_balancer_type: str = Field(description="application, network or gateway.")
    scheme: str | None = Field(default=None, description="internet-facing (public) or internal.")
    dns_name: str | None = Field(default=None, description="The public DNS name.")
    vpc_id: str | None = Field(default=None, description="The VPC it runs in.")
    security_groups: list[str] = Field(
        default_factory=list, description="Its security group ids (none for most NLBs)."
    )
    subnet_ids: list[str] = Field(default_factory=list, description="The subnets it is placed in.")
    availability_zones: list[str] = Field(
        default_factory=list, description="The Availability Zones it spans."
    )
    ip_address_type: str | None = Field(default=None, description="ipv4 or dualstack.")
    state: str | None = Field(
        default=None, description="active, provisioning, active_impaired or failed."
    )
    created_time: datetime | None = Field(default=None, description="When it was created.")
    attributes: dict[str, str] = Field(
        default_factory=dict,
        description="Every load balancer attribute as reported, e.g. "
        "'deletion_protection.enabled': 'true', 'routing.http.desync_mitigation_mode': "
        "'defensive'.",
    )
    deletion_protection: bool | None = Field(
        default=None, description="Deletion protection is enabled (deletion_protection.enabled)."
    )
    access_logs_enabled: bool | None = Field(
        default=None, description="Access logs are written to S3 (access_logs.s3.enabled)."
    )
    access_logs_bucket: str | None = Field(
        default=None, description="The S3 bucket receiving access logs; null if none."
    )
    drop_invalid_header_fields: bool | None = Field(
        default=None,
        description="Invalid HTTP headers are dropped "
        "(routing.http.drop_invalid_header_fields.enabled); null for non-application types.",
    )
    desync_mitigation_mode: str | None = Field(
        default=None,
        description="HTTP desync mitigation: monitor, defensive or strictest; null if not "
        "reported.",
    )
    listeners: list[Listener] = Field(default_factory=list, description="Its listeners.")


def _load_balancer(item: Any, ctx: RegionContext) -> Doc:
    zones = item.get("AvailabilityZones", [])
    return {
        "id": item["LoadBalancerArn"],
        "arn": item["LoadBalancerArn"],
        "name": item.get("LoadBalancerName"),
        "load_balancer_type": item.get("Type", "application"),
        "scheme": item.get("Scheme"),
        "dns_name": item.get("DNSName"),
        "vpc_id": item.get("VpcId"),
        "security_groups": item.get("SecurityGroups", []),
        "subnet_ids": [zone["SubnetId"] for zone in zones if zone.get("SubnetId")],
        "availability_zones": [zone["ZoneName"] for zone in zones if zone.get("ZoneName")],
        "ip_address_type": item.get("IpAddressType"),
        "state": (item.get("State") or {}).get("Code"),
        "created_time": item.get("CreatedTime"),
    }


def _arn_params(doc: Doc) -> dict[str, Any]:
    return {"LoadBalancerArn": doc["arn"]}


def _flag(attributes: dict[str, str], key: str) -> bool:
    """An attribute as a boolean; AWS's default for every one of these is false."""
    return attributes.get(key, "false").lower() == "true"


def _apply_attributes(doc: Doc, response: Any) -> None:
    attributes = {
        item["Key"]: str(item.get("Value", "")) for item in response.get("Attributes", [])
    }
    doc["attributes"] = attributes
    doc["deletion_protection"] = _flag(attributes, "deletion_protection.enabled")
    doc["access_logs_enabled"] = _flag(attributes, "access_logs.s3.enabled")
    doc["access_logs_bucket"] = attributes.get("access_logs.s3.bucket") or None
    is_application = doc["load_balancer_type"] == "application"
    doc["drop_invalid_header_fields"] = (
        _flag(attributes, "routing.http.drop_invalid_header_fields.enabled")
        if is_application
        else None
    )
    doc["desync_mitigation_mode"] = attributes.get("routing.http.desync_mitigation_mode")


def _action(action: Any) -> Doc:
    redirect = action.get("RedirectConfig") or {}
    return {
        "type": action["Type"],
        "redirect_protocol": redirect.get("Protocol"),
        "redirect_port": redirect.get("Port"),
        "target_group_arn": action.get("TargetGroupArn"),
    }


def _apply_listeners(doc: Doc, response: Any) -> None:
    doc["listeners"] = [
        {
            "arn": listener["ListenerArn"],
            "port": listener.get("Port"),
            "protocol": listener.get("Protocol"),
            # Some endpoints report a policy on plain listeners too, where it means nothing.
            "ssl_policy": (
                listener.get("SslPolicy") if listener.get("Protocol") in TLS_PROTOCOLS else None
            ),
            "certificate_arns": [
                cert["CertificateArn"] for cert in listener.get("Certificates", [])
            ],
            "default_actions": [
                _action(action) for action in sorted(listener.get("DefaultActions", []), key=_order)
            ],
        }
        for listener in sorted(response.get("Listeners", []), key=lambda item: item.get("Port", 0))
    ]


def _order(action: Any) -> int:
    return int(action.get("Order", 0))


collectors.register(
    ResourceSpec(
        model=LoadBalancer,
        service="elbv2",
        list=Call(
            "DescribeLoadBalancers",
            permission="elasticloadbalancing:DescribeLoadBalancers",
        ),
        items="LoadBalancers",
        normalize=_load_balancer,
        details=(
            Detail(
                Call(
                    "DescribeLoadBalancerAttributes",
                    _arn_params,
                    permission="elasticloadbalancing:DescribeLoadBalancerAttributes",
                ),
                _apply_attributes,
                (
                    "attributes",
                    "deletion_protection",
                    "access_logs_enabled",
                    "access_logs_bucket",
                    "drop_invalid_header_fields",
                    "desync_mitigation_mode",
                ),
            ),
            Detail(
                Call(
                    "DescribeListeners",
                    _arn_params,
                    permission="elasticloadbalancing:DescribeListeners",
                ),
                _apply_listeners,
                ("listeners",),
            ),
            Detail(
                Call(
                    "DescribeTags",
                    lambda doc: {"ResourceArns": [doc["arn"]]},
                    permission="elasticloadbalancing:DescribeTags",
                ),
                Tags(entries=("TagDescriptions", "ResourceArn")),
            ),
        ),
    )
)
