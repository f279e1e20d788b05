"""CloudFront: distributions with their viewer TLS, cache behaviours, origins, logging and WAF.

CloudFront is global: distributions are listed once (in the partition's home region) and every
field below comes from the distribution's own configuration (GetDistributionConfig), which
carries what the listing summary leaves out (logging, default root object, origin access).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

S3_REST_ENDPOINT = re.compile(
    r"^(?P<bucket>.+?)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$"
)
"""An S3 REST endpoint (``bucket.s3.amazonaws.com``, ``bucket.s3.eu-west-1.amazonaws.com``).

Website endpoints (``bucket.s3-website-...``) are custom origins: they speak HTTP only and
cannot use origin access control, so they do not match."""


def blank_as_null(value: Any) -> Any:
    """AWS writes "" for "none" in many CloudFront fields; the document says null."""
    return value if value not in ("", None) else None


def s3_bucket_of(domain: Any) -> str | None:
    """The bucket an S3 REST origin domain names, or ``None`` for any other origin."""
    match = S3_REST_ENDPOINT.match(str(domain or ""))
    if match is None or "s3-website" in str(domain):
        return None
    return match.group("bucket")


class ViewerCertificate(Document):
    """How the distribution presents TLS to viewers."""

    custom_certificate: bool = Field(
        description="A certificate of its own (ACM or IAM) is used, not *.cloudfront.net's."
    )
    acm_certificate_arn: str | None = Field(
        default=None, description="The ACM certificate (us-east-1); null if none."
    )
    iam_certificate_id: str | None = Field(
        default=None, description="The IAM server certificate id; null if none."
    )
    ssl_support_method: str | None = Field(
        default=None,
        description="sni-only, vip (dedicated IPs, legacy clients) or static-ip; null with the "
        "default certificate.",
    )
    minimum_protocol_version: str | None = Field(
        default=None,
        description="The viewer security policy, e.g. TLSv1.2_2021, TLSv1 or SSLv3; it applies "
        "only with a custom certificate (the default one allows TLSv1).",
    )


class CacheBehavior(Document):
    """A cache behaviour: the default one (path *) or one for a path pattern."""

    path_pattern: str = Field(description="The path pattern it serves; '*' for the default one.")
    is_default: bool = Field(description="This is the distribution's default cache behaviour.")
    target_origin_id: str | None = Field(default=None, description="The origin it forwards to.")
    viewer_protocol_policy: str | None = Field(
        default=None, description="allow-all (HTTP allowed), redirect-to-https or https-only."
    )
    field_level_encryption_id: str | None = Field(
        default=None, description="The field-level encryption configuration; null if none."
    )
    realtime_log_config_arn: str | None = Field(
        default=None, description="The real-time log configuration; null if none."
    )


class Origin(Document):
    """An origin the distribution fetches from."""

    id: str = Field(description="The origin id cache behaviours refer to.")
    domain_name: str = Field(description="The origin's host name.")
    s3_bucket: str | None = Field(
        default=None,
        description="For an S3 REST origin, the bucket it names; null for custom origins "
        "(including S3 website endpoints).",
    )
    origin_access_control_id: str | None = Field(
        default=None, description="The origin access control (OAC) signing requests; null if none."
    )
    origin_access_identity: str | None = Field(
        default=None, description="The legacy origin access identity (OAI); null if none."
    )
    protocol_policy: str | None = Field(
        default=None,
        description="For custom origins: http-only, match-viewer or https-only; null for S3 "
        "REST origins (always HTTPS-capable).",
    )
    ssl_protocols: list[str] = Field(
        default_factory=list,
        description="For custom origins, the TLS/SSL versions CloudFront may use towards it "
        "(SSLv3, TLSv1, TLSv1.1, TLSv1.2).",
    )


@resource_type("aws.cloudfront.distribution", "A CloudFront distribution (global).")
class Distribution(Resource):
    """A CloudFront web distribution; its id is the distribution id, its name its domain."""

    domain_name: str = Field(description="The distribution's *.cloudfront.net domain.")
    status: str | None = Field(default=None, description="Deployed or InProgress.")
    enabled: bool | None = Field(default=None, description="The distribution serves requests.")
    comment: str | None = Field(default=None, description="Its free-text comment (often a name).")
    aliases: list[str] = Field(default_factory=list, description="Alternate domain names (CNAMEs).")
    default_root_object: str | None = Field(
        default=None, description="The object returned for the root URL; null if none."
    )
    web_acl_id: str | None = Field(
        default=None,
        description="The associated WAF web ACL (ARN or WAF Classic id); null if none.",
    )
    http_version: str | None = Field(default=None, description="http1.1, http2, http2and3, http3.")
    viewer_certificate: ViewerCertificate | None = Field(
        default=None, description="The viewer TLS configuration."
    )
    logging_enabled: bool | None = Field(
        default=None, description="Standard (legacy) access logs are written to S3."
    )
    logging_bucket: str | None = Field(
        default=None, description="The S3 bucket receiving standard logs; null if none."
    )
    geo_restriction_type: str | None = Field(
        default=None, description="none, whitelist (allow list) or blacklist (block list)."
    )
    geo_restriction_locations: list[str] = Field(
        default_factory=list, description="The ISO country codes allowed or blocked."
    )
    cache_behaviors: list[CacheBehavior] = Field(
        default_factory=list, description="Every cache behaviour, the default one included."
    )
    origins: list[Origin] = Field(default_factory=list, description="Its origins.")
    origin_group_count: int | None = Field(
        default=None, description="How many origin groups (failover pairs) it has."
    )


def _distribution(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["Id"],
        "arn": item["ARN"],
        "name": item.get("DomainName"),
        "domain_name": item.get("DomainName", ""),
        "status": item.get("Status"),
    }


def _custom_certificate(certificate: Any) -> bool:
    # CloudFrontDefaultCertificate alone is not evidence: some endpoints report it true
    # beside an ACM certificate. A certificate of its own is what decides.
    found = certificate or {}
    return bool(found.get("ACMCertificateArn") or found.get("IAMCertificateId"))


_VIEWER_CERTIFICATE = Map(
    {
        "custom_certificate": ("@", _custom_certificate),
        "acm_certificate_arn": ("ACMCertificateArn", blank_as_null),
        "iam_certificate_id": ("IAMCertificateId", blank_as_null),
        "ssl_support_method": "SSLSupportMethod",
        "minimum_protocol_version": "MinimumProtocolVersion",
    }
)
_CACHE_BEHAVIOR = Map(
    {
        "path_pattern": ("PathPattern", default("*")),
        "is_default": ("PathPattern", lambda pattern: pattern is None),
        "target_origin_id": "TargetOriginId",
        "viewer_protocol_policy": "ViewerProtocolPolicy",
        "field_level_encryption_id": ("FieldLevelEncryptionId", blank_as_null),
        "realtime_log_config_arn": ("RealtimeLogConfigArn", blank_as_null),
    }
)
_ORIGIN = Map(
    {
        "id": "Id",
        "domain_name": ("DomainName", default("")),
        "s3_bucket": ("DomainName", s3_bucket_of),
        "origin_access_control_id": ("OriginAccessControlId", blank_as_null),
        "origin_access_identity": ("S3OriginConfig.OriginAccessIdentity", blank_as_null),
        "protocol_policy": "CustomOriginConfig.OriginProtocolPolicy",
        "ssl_protocols": ("CustomOriginConfig.OriginSslProtocols.Items", strings),
    }
)


def _viewer_certificate(value: Any) -> Doc | None:
    return _VIEWER_CERTIFICATE.read(value) if value else None


_CONFIG = Map(
    {
        "enabled": "DistributionConfig.Enabled",
        "comment": ("DistributionConfig.Comment", blank_as_null),
        "aliases": ("DistributionConfig.Aliases.Items", strings),
        "default_root_object": ("DistributionConfig.DefaultRootObject", blank_as_null),
        "web_acl_id": ("DistributionConfig.WebACLId", blank_as_null),
        "http_version": "DistributionConfig.HttpVersion",
        "viewer_certificate": ("DistributionConfig.ViewerCertificate", _viewer_certificate),
        "logging_enabled": ("DistributionConfig.Logging.Enabled", flag),
        "logging_bucket": ("DistributionConfig.Logging.Bucket", blank_as_null),
        "geo_restriction_type": "DistributionConfig.Restrictions.GeoRestriction.RestrictionType",
        "geo_restriction_locations": (
            "DistributionConfig.Restrictions.GeoRestriction.Items",
            strings,
        ),
        "cache_behaviors": (
            # The default behaviour first, then the path ones: one list for the checks.
            "[[DistributionConfig.DefaultCacheBehavior],"
            " DistributionConfig.CacheBehaviors.Items][]",
            each(_CACHE_BEHAVIOR),
        ),
        "origins": ("DistributionConfig.Origins.Items", each(_ORIGIN)),
        "origin_group_count": ("DistributionConfig.OriginGroups.Quantity", default(0)),
    }
)

collectors.register(
    ResourceSpec(
        model=Distribution,
        service="cloudfront",
        scope=Scope.GLOBAL,
        list=Call("ListDistributions"),
        items="DistributionList.Items",
        normalize=_distribution,
        details=(
            Detail(Call("GetDistributionConfig", lambda doc: {"Id": doc["id"]}), _CONFIG),
            Detail(
                Call("ListTagsForResource", lambda doc: {"Resource": doc["arn"]}),
                Tags("Tags.Items"),
            ),
        ),
    )
)
