"""OpenSearch: domains with their network exposure, encryption, TLS, access policy, fine-grained
access control, log publishing and resilience settings.

Domains are listed by name (ListDomainNames) and each is described on its own (DescribeDomain);
tags come from ListTags on the domain ARN, which is known from the name, so both details run
side by side. The IAM action prefix of this client is ``es``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import KEEP, Map, Tags, flag, given, one, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class VpcOptions(Document):
    """Where a VPC domain's network interfaces live."""

    vpc_id: str | None = Field(default=None, description="The VPC of the domain, if reported.")
    subnet_ids: list[str] = Field(default_factory=list, description="The domain's subnets.")
    security_group_ids: list[str] = Field(
        default_factory=list, description="Security groups on the domain's network interfaces."
    )
    availability_zones: list[str] = Field(
        default_factory=list, description="Availability Zones of the subnets, if reported."
    )


class LogPublishing(Document):
    """One log type a domain can publish to CloudWatch Logs."""

    log_type: str = Field(
        description="INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS, ES_APPLICATION_LOGS (error logs) or "
        "AUDIT_LOGS."
    )
    enabled: bool = Field(description="Publishing of this log type is turned on.")
    log_group_arn: str | None = Field(
        default=None, description="The CloudWatch Logs group that receives the logs."
    )


@resource_type("aws.opensearch.domain", "An Amazon OpenSearch Service (or Elasticsearch) domain.")
class OpenSearchDomain(Resource):
    """An OpenSearch domain; its id is its name."""

    domain_id: str | None = Field(default=None, description="AWS's id: <account>/<domain name>.")
    engine_type: str | None = Field(
        default=None, description="OpenSearch or Elasticsearch (the prefix of the engine version)."
    )
    engine_version: str | None = Field(
        default=None, description="Engine and version, e.g. OpenSearch_2.11 or Elasticsearch_7.10."
    )
    endpoint: str | None = Field(
        default=None, description="The public endpoint host; null for a VPC domain."
    )
    vpc_endpoint: str | None = Field(
        default=None, description="The VPC endpoint host; null for a public domain."
    )
    vpc_options: VpcOptions | None = Field(
        default=None,
        description="The domain's VPC placement; null means the domain has a public endpoint.",
    )
    encryption_at_rest_enabled: bool | None = Field(
        default=None, description="Data, indices, logs and snapshots are encrypted at rest."
    )
    encryption_at_rest_kms_key_id: str | None = Field(
        default=None,
        description="The KMS key used for encryption at rest (ARN or id); null if the AWS "
        "owned key or no encryption.",
    )
    node_to_node_encryption_enabled: bool | None = Field(
        default=None, description="Traffic between the domain's nodes is TLS-encrypted."
    )
    enforce_https: bool | None = Field(
        default=None, description="The domain endpoint rejects plain-HTTP requests."
    )
    tls_security_policy: str | None = Field(
        default=None,
        description="Minimum TLS policy of the endpoint: Policy-Min-TLS-1-0-2019-07, "
        "Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10.",
    )
    custom_endpoint_enabled: bool | None = Field(
        default=None, description="A custom endpoint (own host name and certificate) is in use."
    )
    custom_endpoint: str | None = Field(
        default=None, description="The custom endpoint host name, if any."
    )
    custom_endpoint_certificate_arn: str | None = Field(
        default=None, description="The ACM certificate of the custom endpoint, if any."
    )
    access_policies: dict[str, Any] | None = Field(
        default=None, description="The domain's resource-based access policy, parsed; null if none."
    )
    fine_grained_access_control_enabled: bool | None = Field(
        default=None,
        description="Fine-grained access control (advanced security options) is enabled.",
    )
    internal_user_database_enabled: bool | None = Field(
        default=None, description="Fine-grained access control uses the internal user database."
    )
    anonymous_auth_enabled: bool | None = Field(
        default=None, description="Anonymous (unauthenticated) access is allowed under FGAC."
    )
    saml_enabled: bool | None = Field(
        default=None, description="SAML authentication for OpenSearch Dashboards is enabled."
    )
    cognito_enabled: bool | None = Field(
        default=None, description="Amazon Cognito authentication for Dashboards is enabled."
    )
    log_publishing: list[LogPublishing] = Field(
        default_factory=list, description="Log publishing options, one per configured log type."
    )
    enabled_log_types: list[str] = Field(
        default_factory=list,
        description="Log types being published (AUDIT_LOGS, ES_APPLICATION_LOGS, "
        "INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS); empty if none.",
    )
    instance_type: str | None = Field(default=None, description="The data node instance type.")
    instance_count: int | None = Field(default=None, description="Number of data nodes.")
    zone_awareness_enabled: bool | None = Field(
        default=None, description="Data nodes are spread over several Availability Zones."
    )
    availability_zone_count: int | None = Field(
        default=None, description="Availability Zones used with zone awareness (2 or 3)."
    )
    dedicated_master_enabled: bool | None = Field(
        default=None, description="Dedicated master nodes manage the cluster."
    )
    dedicated_master_count: int | None = Field(
        default=None, description="Number of dedicated master nodes, if enabled."
    )
    warm_enabled: bool | None = Field(default=None, description="UltraWarm storage is enabled.")
    ebs_enabled: bool | None = Field(default=None, description="Data nodes use EBS volumes.")
    auto_tune_state: str | None = Field(
        default=None, description="Auto-Tune state, e.g. ENABLED, DISABLED, ENABLE_IN_PROGRESS."
    )
    auto_software_update_enabled: bool | None = Field(
        default=None, description="Service software updates are applied automatically."
    )
    update_available: bool | None = Field(
        default=None, description="A service software update is available for the domain."
    )
    advanced_options: dict[str, str] = Field(
        default_factory=dict,
        description="Advanced cluster options, e.g. rest.action.multi.allow_explicit_index.",
    )
    ip_address_type: str | None = Field(
        default=None, description="ipv4 or dualstack; null if not reported."
    )
    processing: bool | None = Field(
        default=None, description="A configuration change is being applied."
    )


def _domain(item: Any, ctx: RegionContext) -> Doc:
    name = str(item["DomainName"])
    return {
        "id": name,
        "name": name,
        "arn": ctx.arn("es", f"domain/{name}"),
        "engine_type": item.get("EngineType"),
    }


_VPC_OPTIONS = Map(
    {
        "vpc_id": "VPCId",
        "subnet_ids": ("SubnetIds", strings),
        "security_group_ids": ("SecurityGroupIds", strings),
        "availability_zones": ("AvailabilityZones", strings),
    }
)


def _log_publishing(options: Any) -> list[Doc]:
    return [
        {
            "log_type": log_type,
            "enabled": bool(option.get("Enabled", False)),
            "log_group_arn": option.get("CloudWatchLogsLogGroupArn"),
        }
        for log_type, option in sorted((options or {}).items())
    ]


def _enabled_log_types(options: Any) -> list[str]:
    return [log["log_type"] for log in _log_publishing(options) if log["enabled"]]


def _engine(version: Any) -> Any:
    """The engine is the version's prefix (Elasticsearch_7.10); the listing's EngineType is only
    the fallback (some endpoints, moto among them, answer OpenSearch for every domain)."""
    return version.split("_", 1)[0] if version and "_" in version else KEEP


def _string_map(value: Any) -> dict[str, str]:
    return {str(key): str(item) for key, item in (value or {}).items()}


_DOMAIN = Map(
    {
        "arn": ("DomainStatus.ARN", given),
        "domain_id": "DomainStatus.DomainId",
        "engine_type": ("DomainStatus.EngineVersion", _engine),
        "engine_version": "DomainStatus.EngineVersion",
        "endpoint": "DomainStatus.Endpoint",
        "vpc_endpoint": "DomainStatus.Endpoints.vpc",
        "vpc_options": ("DomainStatus.VPCOptions", one(_VPC_OPTIONS)),
        "encryption_at_rest_enabled": ("DomainStatus.EncryptionAtRestOptions.Enabled", flag),
        "encryption_at_rest_kms_key_id": "DomainStatus.EncryptionAtRestOptions.KmsKeyId",
        "node_to_node_encryption_enabled": (
            "DomainStatus.NodeToNodeEncryptionOptions.Enabled",
            flag,
        ),
        "enforce_https": ("DomainStatus.DomainEndpointOptions.EnforceHTTPS", flag),
        "tls_security_policy": "DomainStatus.DomainEndpointOptions.TLSSecurityPolicy",
        "custom_endpoint_enabled": (
            "DomainStatus.DomainEndpointOptions.CustomEndpointEnabled",
            flag,
        ),
        "custom_endpoint": "DomainStatus.DomainEndpointOptions.CustomEndpoint",
        "custom_endpoint_certificate_arn": (
            "DomainStatus.DomainEndpointOptions.CustomEndpointCertificateArn"
        ),
        "access_policies": ("DomainStatus.AccessPolicies", policy),
        "fine_grained_access_control_enabled": (
            "DomainStatus.AdvancedSecurityOptions.Enabled",
            flag,
        ),
        "internal_user_database_enabled": (
            "DomainStatus.AdvancedSecurityOptions.InternalUserDatabaseEnabled",
            flag,
        ),
        "anonymous_auth_enabled": (
            "DomainStatus.AdvancedSecurityOptions.AnonymousAuthEnabled",
            flag,
        ),
        "saml_enabled": ("DomainStatus.AdvancedSecurityOptions.SAMLOptions.Enabled", flag),
        "cognito_enabled": ("DomainStatus.CognitoOptions.Enabled", flag),
        "log_publishing": ("DomainStatus.LogPublishingOptions", _log_publishing),
        "enabled_log_types": ("DomainStatus.LogPublishingOptions", _enabled_log_types),
        "instance_type": "DomainStatus.ClusterConfig.InstanceType",
        "instance_count": "DomainStatus.ClusterConfig.InstanceCount",
        "zone_awareness_enabled": ("DomainStatus.ClusterConfig.ZoneAwarenessEnabled", flag),
        "availability_zone_count": (
            "DomainStatus.ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount"
        ),
        "dedicated_master_enabled": ("DomainStatus.ClusterConfig.DedicatedMasterEnabled", flag),
        "dedicated_master_count": "DomainStatus.ClusterConfig.DedicatedMasterCount",
        "warm_enabled": ("DomainStatus.ClusterConfig.WarmEnabled", flag),
        "ebs_enabled": "DomainStatus.EBSOptions.EBSEnabled",
        "auto_tune_state": "DomainStatus.AutoTuneOptions.State",
        "auto_software_update_enabled": (
            "DomainStatus.SoftwareUpdateOptions.AutoSoftwareUpdateEnabled"
        ),
        "update_available": "DomainStatus.ServiceSoftwareOptions.UpdateAvailable",
        "advanced_options": ("DomainStatus.AdvancedOptions", _string_map),
        "ip_address_type": "DomainStatus.IPAddressType",
        "processing": "DomainStatus.Processing",
    }
)
"""Everything DescribeDomain fills: the domain's own fields and its ARN."""


collectors.register(
    ResourceSpec(
        model=OpenSearchDomain,
        service="opensearch",
        list=Call("ListDomainNames"),
        items="DomainNames",
        normalize=_domain,
        details=(
            Detail(
                Call("DescribeDomain", lambda doc: {"DomainName": doc["id"]}),
                _DOMAIN,
            ),
            Detail(Call("ListTags", lambda doc: {"ARN": doc["arn"]}), Tags("TagList")),
        ),
    )
)
