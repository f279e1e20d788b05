"""CloudFront: a hardened static-site distribution and a legacy one in front of a web server.

The hardened one serves an S3 bucket through origin access control, redirects viewers to HTTPS
with its own certificate (TLS 1.2, SNI), logs to S3, is protected by a WAF web ACL, restricts
sanctioned countries and fails over to a second bucket. The legacy one allows plain HTTP, talks
HTTP with SSLv3/TLSv1 to its custom origin, still points at a bucket that was deleted, and has
no logging, WAF, root object or geo restriction.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.wafv2 import create_web_acl

SECURE_COMMENT = "cw-demo-static-site"
LEGACY_COMMENT = "cw-demo-legacy-web"
ORIGIN_BUCKET = "cw-demo-cdn-origin"
FAILOVER_BUCKET = "cw-demo-cdn-failover"
LOG_BUCKET = "cw-demo-cdn-logs"
DELETED_BUCKET = "cw-demo-cdn-deleted-assets"
"""A bucket the legacy distribution still names but that does not exist (takeover risk)."""
WEB_ACL = "cw-demo-cdn-acl"
CERT_DOMAIN = "cdn.cw-demo.example.com"
LEGACY_ORIGIN = "legacy-web.cw-demo.example.com"


def _s3_origin(origin_id: str, bucket: str, oac_id: str) -> dict[str, Any]:
    return {
        "Id": origin_id,
        "DomainName": f"{bucket}.s3.us-east-1.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
        "OriginAccessControlId": oac_id,
    }


def _behavior(origin_id: str, policy: str, path: str | None = None) -> dict[str, Any]:
    behavior: dict[str, Any] = {
        "TargetOriginId": origin_id,
        "ViewerProtocolPolicy": policy,
        "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
    }
    return behavior if path is None else {"PathPattern": path, **behavior}


def seed(ctx: SeedContext) -> None:
    # CloudFront, its certificates and its web ACLs all live in us-east-1.
    s3 = ctx.client("s3", "us-east-1")
    for bucket in (ORIGIN_BUCKET, FAILOVER_BUCKET, LOG_BUCKET):
        s3.create_bucket(Bucket=bucket)
    certificate_arn = ctx.client("acm", "us-east-1").request_certificate(
        DomainName=CERT_DOMAIN, ValidationMethod="DNS"
    )["CertificateArn"]
    web_acl_arn = create_web_acl(ctx, WEB_ACL, scope="CLOUDFRONT")
    cloudfront = ctx.client("cloudfront", "us-east-1")
    oac_id = cloudfront.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": ORIGIN_BUCKET,
            "SigningProtocol": "sigv4",
            "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3",
        }
    )["OriginAccessControl"]["Id"]

    cloudfront.create_distribution_with_tags(
        DistributionConfigWithTags={
            "DistributionConfig": {
                "CallerReference": SECURE_COMMENT,
                "Comment": SECURE_COMMENT,
                "Enabled": True,
                "Aliases": {"Quantity": 1, "Items": [CERT_DOMAIN]},
                "DefaultRootObject": "index.html",
                "Origins": {
                    "Quantity": 2,
                    "Items": [
                        _s3_origin("primary", ORIGIN_BUCKET, oac_id),
                        _s3_origin("failover", FAILOVER_BUCKET, oac_id),
                    ],
                },
                "OriginGroups": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "site",
                            "FailoverCriteria": {
                                "StatusCodes": {"Quantity": 3, "Items": [500, 502, 503]}
                            },
                            "Members": {
                                "Quantity": 2,
                                "Items": [{"OriginId": "primary"}, {"OriginId": "failover"}],
                            },
                        }
                    ],
                },
                "DefaultCacheBehavior": _behavior("primary", "redirect-to-https"),
                "ViewerCertificate": {
                    "ACMCertificateArn": certificate_arn,
                    "SSLSupportMethod": "sni-only",
                    "MinimumProtocolVersion": "TLSv1.2_2021",
                },
                "Logging": {
                    "Enabled": True,
                    "IncludeCookies": False,
                    "Bucket": f"{LOG_BUCKET}.s3.amazonaws.com",
                    "Prefix": "static-site/",
                },
                "Restrictions": {
                    "GeoRestriction": {
                        "RestrictionType": "blacklist",
                        "Quantity": 2,
                        "Items": ["KP", "IR"],
                    }
                },
                "WebACLId": web_acl_arn,
                "HttpVersion": "http2and3",
            },
            "Tags": {"Items": [{"Key": "owner", "Value": "web"}]},
        }
    )
    cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": LEGACY_COMMENT,
            "Comment": LEGACY_COMMENT,
            "Enabled": True,
            "Origins": {
                "Quantity": 2,
                "Items": [
                    {
                        "Id": "web",
                        "DomainName": LEGACY_ORIGIN,
                        "CustomOriginConfig": {
                            "HTTPPort": 80,
                            "HTTPSPort": 443,
                            "OriginProtocolPolicy": "http-only",
                            "OriginSslProtocols": {"Quantity": 2, "Items": ["SSLv3", "TLSv1"]},
                        },
                    },
                    {
                        "Id": "assets",
                        "DomainName": f"{DELETED_BUCKET}.s3.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    },
                ],
            },
            "DefaultCacheBehavior": _behavior("web", "allow-all"),
            "CacheBehaviors": {
                "Quantity": 1,
                "Items": [_behavior("assets", "https-only", "/assets/*")],
            },
            "ViewerCertificate": {
                "CloudFrontDefaultCertificate": True,
                "MinimumProtocolVersion": "TLSv1",
            },
        }
    )
