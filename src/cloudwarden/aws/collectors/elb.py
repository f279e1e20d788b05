"""Classic Load Balancers (ELB v1): listeners, TLS policies, attributes and zones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class ClassicListener(Document):
    """A listener of a Classic Load Balancer."""

    protocol: str = Field(description="HTTP, HTTPS, TCP or SSL (front end).")
    port: int | None = Field(default=None, description="The front-end port.")
    instance_protocol: str | None = Field(default=None, description="The back-end protocol.")
    instance_port: int | None = Field(default=None, description="The back-end port.")
    certificate_id: str | None = Field(
        default=None, description="For HTTPS/SSL, the server certificate (ACM or IAM ARN)."
    )
    policy_names: list[str] = Field(
        default_factory=list, description="The policies applied (e.g. its SSL negotiation policy)."
    )


class SslPolicy(Document):
    """An SSL negotiation policy defined on the load balancer."""

    name: str = Field(description="The policy name, as listeners refer to it.")
    reference_policy: str | None = Field(
        default=None,
        description="The predefined policy it copies (Reference-Security-Policy), e.g. "
        "ELBSecurityPolicy-TLS-1-2-2017-01; null for a custom cipher list.",
    )
    protocols: list[str] = Field(
        default_factory=list, description="The protocols it enables (Protocol-TLSv1.2, ...)."
    )


@resource_type("aws.elb.load_balancer", "A Classic Load Balancer (ELB v1).")
class ClassicLoadBalancer(Resource):
    """A Classic Load Balancer; its id and name are its name."""

    scheme: str | None = Field(default=None, description="internet-facing or internal.")
    dns_name: str | None = Field(default=None, description="Its DNS name.")
    vpc_id: str | None = Field(default=None, description="Its VPC (null for EC2-Classic).")
    availability_zones: list[str] = Field(
        default_factory=list, description="The Availability Zones it serves."
    )
    subnet_ids: list[str] = Field(default_factory=list, description="Its subnets.")
    security_groups: list[str] = Field(default_factory=list, description="Its security groups.")
    listeners: list[ClassicListener] = Field(default_factory=list, description="Its listeners.")
    instance_count: int = Field(default=0, description="How many instances are registered.")
    created_time: datetime | None = Field(default=None, description="When it was created.")
    cross_zone_load_balancing: bool | None = Field(
        default=None, description="Traffic is spread evenly over the instances of every zone."
    )
    access_logs_enabled: bool | None = Field(
        default=None, description="Access logs are written to S3."
    )
    access_logs_bucket: str | None = Field(default=None, description="The access log bucket.")
    connection_draining_enabled: bool | None = Field(
        default=None, description="In-flight requests finish before an instance is removed."
    )
    desync_mitigation_mode: str | None = Field(
        default=None,
        description="HTTP desync mitigation (elb.http.desyncmitigationmode): monitor, "
        "defensive (the default) or strictest.",
    )
    ssl_policies: list[SslPolicy] = Field(
        default_factory=list, description="Its SSL negotiation policies."
    )


_LISTENER = Map(
    {
        "protocol": ("Listener.Protocol", default("")),
        "port": "Listener.LoadBalancerPort",
        "instance_protocol": "Listener.InstanceProtocol",
        "instance_port": "Listener.InstancePort",
        "certificate_id": "Listener.SSLCertificateId",
        "policy_names": ("PolicyNames", strings),
    }
)
_LOAD_BALANCER = Map(
    {
        "scheme": "Scheme",
        "dns_name": "DNSName",
        "vpc_id": "VPCId",
        "availability_zones": ("AvailabilityZones", strings),
        "subnet_ids": ("Subnets", strings),
        "security_groups": ("SecurityGroups", strings),
        "listeners": ("ListenerDescriptions", each(_LISTENER)),
        "instance_count": ("length(Instances || `[]`)", default(0)),
        "created_time": "CreatedTime",
    }
)


def _load_balancer(item: Any, ctx: RegionContext) -> Doc:
    name = item["LoadBalancerName"]
    arn = f"arn:{ctx.partition}:elasticloadbalancing:{ctx.region}:{ctx.account_id}"
    return {
        "id": name,
        "arn": f"{arn}:loadbalancer/{name}",
        "name": name,
        **_LOAD_BALANCER.read(item),
    }


def _desync_mode(additional: Any) -> str | None:
    for attribute in additional or ():
        if attribute.get("Key") == "elb.http.desyncmitigationmode":
            return str(attribute.get("Value"))
    return None


def _ssl_policy(policy: Any) -> Doc:
    attributes = {
        item.get("AttributeName"): item.get("AttributeValue")
        for item in policy.get("PolicyAttributeDescriptions", [])
    }
    return {
        "name": policy["PolicyName"],
        "reference_policy": attributes.get("Reference-Security-Policy"),
        "protocols": sorted(
            name
            for name, value in attributes.items()
            if name.startswith("Protocol-") and value == "true"
        ),
    }


def _apply_policies(doc: Doc, response: Any) -> None:
    doc["ssl_policies"] = [
        _ssl_policy(policy)
        for policy in response.get("PolicyDescriptions", [])
        if policy.get("PolicyTypeName") == "SSLNegotiationPolicyType"
    ]


def _by_name(doc: Doc) -> dict[str, Any]:
    return {"LoadBalancerName": doc["id"]}


def _elb_call(operation: str, params: Any) -> Call:
    return Call(operation, params, permission=f"elasticloadbalancing:{operation}")


collectors.register(
    ResourceSpec(
        model=ClassicLoadBalancer,
        service="elb",
        list=_elb_call("DescribeLoadBalancers", None),
        items="LoadBalancerDescriptions",
        normalize=_load_balancer,
        details=(
            Detail(
                _elb_call("DescribeLoadBalancerAttributes", _by_name),
                Map(
                    {
                        "cross_zone_load_balancing": (
                            "LoadBalancerAttributes.CrossZoneLoadBalancing.Enabled",
                            flag,
                        ),
                        "access_logs_enabled": ("LoadBalancerAttributes.AccessLog.Enabled", flag),
                        "access_logs_bucket": "LoadBalancerAttributes.AccessLog.S3BucketName",
                        "connection_draining_enabled": (
                            "LoadBalancerAttributes.ConnectionDraining.Enabled",
                            flag,
                        ),
                        "desync_mitigation_mode": (
                            "LoadBalancerAttributes.AdditionalAttributes",
                            _desync_mode,
                        ),
                    }
                ),
            ),
            Detail(
                _elb_call("DescribeLoadBalancerPolicies", _by_name),
                _apply_policies,
                ("ssl_policies",),
            ),
            Detail(
                _elb_call("DescribeTags", lambda doc: {"LoadBalancerNames": [doc["id"]]}),
                Tags("TagDescriptions[0].Tags"),
            ),
        ),
    )
)
