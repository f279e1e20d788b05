"""Route 53: hosted zones (DNSSEC, VPCs), query logging, health checks and registered domains.

Everything here is global. Query logging configurations are listed once for the account (one
call, not one per zone) and joined to their zones by the checks. Registered domains come from
Route 53 Domains; their contacts are personal data and are never collected, only whether
privacy protection hides them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, each, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


def bare_id(value: Any) -> str:
    """``/hostedzone/Z123`` -> ``Z123`` (Route 53 answers ids with and without the prefix)."""
    return str(value).rsplit("/", 1)[-1]


class ZoneVpc(Document):
    """A VPC a private hosted zone answers in."""

    vpc_id: str = Field(description="The VPC id.")
    vpc_region: str | None = Field(default=None, description="The VPC's region.")


@resource_type("aws.route53.hosted_zone", "A Route 53 hosted zone (public or private).")
class HostedZone(Resource):
    """A hosted zone; its id is the zone id (Z...), its name the DNS name with a final dot."""

    private_zone: bool = Field(description="A private zone, answering only inside its VPCs.")
    record_count: int | None = Field(default=None, description="How many record sets it holds.")
    comment: str | None = Field(default=None, description="Its comment.")
    vpcs: list[ZoneVpc] = Field(
        default_factory=list, description="For private zones, the VPCs associated with it."
    )
    dnssec_signing: str | None = Field(
        default=None,
        description="For public zones, whether Route 53 signs it with DNSSEC (ServeSignature): "
        "SIGNING, NOT_SIGNING, DELETING, ACTION_NEEDED or INTERNAL_FAILURE; null for private "
        "zones.",
    )


@resource_type("aws.route53.query_logging_config", "A Route 53 public DNS query logging config.")
class QueryLoggingConfig(Resource):
    """Query logging of one public hosted zone; its id is the configuration id."""

    hosted_zone_id: str = Field(description="The hosted zone whose queries are logged.")
    log_group_arn: str | None = Field(
        default=None, description="The CloudWatch Logs group (in us-east-1) receiving them."
    )


@resource_type("aws.route53.health_check", "A Route 53 health check.")
class HealthCheck(Resource):
    """A health check; its id is the health check id."""

    check_type: str = Field(
        description="HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, "
        "CLOUDWATCH_METRIC or RECOVERY_CONTROL."
    )
    fqdn: str | None = Field(default=None, description="The endpoint's domain name.")
    ip_address: str | None = Field(default=None, description="The endpoint's IP address.")
    port: int | None = Field(default=None, description="The endpoint port.")
    resource_path: str | None = Field(default=None, description="The path requested.")
    disabled: bool = Field(
        default=False, description="Checking is stopped; Route 53 then treats it as healthy."
    )
    inverted: bool = Field(default=False, description="Healthy and unhealthy are swapped.")
    enable_sni: bool = Field(default=False, description="HTTPS checks send the host name (SNI).")
    failure_threshold: int | None = Field(
        default=None, description="Consecutive failures before unhealthy."
    )


@resource_type("aws.route53.domain", "A domain registered with Route 53 Domains.")
class Domain(Resource):
    """A registered domain; its id and name are the domain name."""

    auto_renew: bool | None = Field(default=None, description="It renews automatically.")
    transfer_lock: bool | None = Field(
        default=None, description="Transfers to another registrar are refused (registrar lock)."
    )
    expiration_date: datetime | None = Field(default=None, description="When it expires.")
    admin_privacy: bool | None = Field(
        default=None, description="WHOIS hides the administrative contact."
    )
    registrant_privacy: bool | None = Field(
        default=None, description="WHOIS hides the registrant contact."
    )
    tech_privacy: bool | None = Field(default=None, description="WHOIS hides the tech contact.")
    status_list: list[str] = Field(
        default_factory=list,
        description="EPP status codes, e.g. clientTransferProhibited, clientDeleteProhibited.",
    )


def _zone(item: Any, ctx: RegionContext) -> Doc:
    zone_id = bare_id(item["Id"])
    return {
        "id": zone_id,
        "arn": f"arn:{ctx.partition}:route53:::hostedzone/{zone_id}",
        "name": item.get("Name"),
        "private_zone": bool((item.get("Config") or {}).get("PrivateZone")),
        "record_count": item.get("ResourceRecordSetCount"),
        "comment": (item.get("Config") or {}).get("Comment") or None,
    }


def _query_logging(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["Id"],
        "arn": f"arn:{ctx.partition}:route53:::queryloggingconfig/{item['Id']}",
        "name": item["Id"],
        "hosted_zone_id": bare_id(item["HostedZoneId"]),
        "log_group_arn": item.get("CloudWatchLogsLogGroupArn"),
    }


_HEALTH_CHECK = Map(
    {
        "check_type": "HealthCheckConfig.Type",
        "fqdn": "HealthCheckConfig.FullyQualifiedDomainName",
        "ip_address": "HealthCheckConfig.IPAddress",
        "port": "HealthCheckConfig.Port",
        "resource_path": "HealthCheckConfig.ResourcePath",
        "disabled": ("HealthCheckConfig.Disabled", flag),
        "inverted": ("HealthCheckConfig.Inverted", flag),
        "enable_sni": ("HealthCheckConfig.EnableSNI", flag),
        "failure_threshold": "HealthCheckConfig.FailureThreshold",
    }
)


def _health_check(item: Any, ctx: RegionContext) -> Doc:
    config = item.get("HealthCheckConfig") or {}
    target = config.get("FullyQualifiedDomainName") or config.get("IPAddress")
    return {
        "id": item["Id"],
        "arn": f"arn:{ctx.partition}:route53:::healthcheck/{item['Id']}",
        "name": target or item["Id"],
        **_HEALTH_CHECK.read(item),
    }


def _domain(item: Any, ctx: RegionContext) -> Doc:
    name = item["DomainName"]
    return {
        "id": name,
        "arn": f"arn:{ctx.partition}:route53domains:::domain/{name}",
        "name": name,
        "auto_renew": item.get("AutoRenew"),
        "transfer_lock": item.get("TransferLock"),
        "expiration_date": item.get("Expiry"),
    }


def _tags_of(resource_type_name: str) -> Detail:
    return Detail(
        Call(
            "ListTagsForResource",
            lambda doc: {"ResourceType": resource_type_name, "ResourceId": doc["id"]},
        ),
        Tags("ResourceTagSet.Tags"),
    )


collectors.register(
    ResourceSpec(
        model=HostedZone,
        service="route53",
        scope=Scope.GLOBAL,
        list=Call("ListHostedZones"),
        items="HostedZones",
        normalize=_zone,
        details=(
            Detail(
                Call("GetHostedZone", lambda doc: {"Id": doc["id"]}),
                Map({"vpcs": ("VPCs", each(Map({"vpc_id": "VPCId", "vpc_region": "VPCRegion"})))}),
                when=lambda doc: bool(doc["private_zone"]),
            ),
            Detail(
                Call("GetDNSSEC", lambda doc: {"HostedZoneId": doc["id"]}),
                Map({"dnssec_signing": "Status.ServeSignature"}),
                when=lambda doc: not doc["private_zone"],
            ),
            _tags_of("hostedzone"),
        ),
    ),
    ResourceSpec(
        model=QueryLoggingConfig,
        service="route53",
        scope=Scope.GLOBAL,
        list=Call("ListQueryLoggingConfigs"),
        items="QueryLoggingConfigs",
        normalize=_query_logging,
    ),
    ResourceSpec(
        model=HealthCheck,
        service="route53",
        scope=Scope.GLOBAL,
        list=Call("ListHealthChecks"),
        items="HealthChecks",
        normalize=_health_check,
        details=(_tags_of("healthcheck"),),
    ),
    ResourceSpec(
        model=Domain,
        service="route53domains",
        scope=Scope.GLOBAL,
        list=Call("ListDomains"),
        items="Domains",
        normalize=_domain,
        details=(
            Detail(
                Call("GetDomainDetail", lambda doc: {"DomainName": doc["id"]}),
                Map(
                    {
                        "admin_privacy": "AdminPrivacy",
                        "registrant_privacy": "RegistrantPrivacy",
                        "tech_privacy": "TechPrivacy",
                        "status_list": ("StatusList", strings),
                    }
                ),
            ),
            Detail(
                Call("ListTagsForDomain", lambda doc: {"DomainName": doc["id"]}),
                Tags("TagList"),
            ),
        ),
    ),
)
