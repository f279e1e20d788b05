"""End to end: the edge services' planted resources get their verdicts from the shipped baseline.

Only the seeders of these services run, so the scan stays quick. Resources whose ids AWS
generates (distributions, APIs...) are looked up by their planted names in the emulator.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.demo.seed import (
    apigateway,
    apigatewayv2,
    cloudfront,
    elb,
    networkfirewall,
    route53,
    wafv2,
)
from cloudwarden.policy.results import Status
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan
from tests.support.engine import EMULATOR_ENGINE

SEEDERS = frozenset(
    {
        "cloudfront",
        "apigateway",
        "apigatewayv2",
        "wafv2",
        "route53",
        "elb",
        "networkfirewall",
        "shield",
    }
)
NF_ARN = "arn:aws:network-firewall:us-east-1:123456789012:firewall/"

CF_SECURE = cloudfront.SECURE_COMMENT
CF_LEGACY = cloudfront.LEGACY_COMMENT
API_SECURE = apigateway.SECURE_API
API_LEGACY = apigateway.LEGACY_API
STAGE_SECURE = f"{apigateway.SECURE_API}/{apigateway.SECURE_STAGE}"
STAGE_LEGACY = f"{apigateway.LEGACY_API}/{apigateway.LEGACY_STAGE}"
V2_STAGE_HTTP = f"{apigatewayv2.SECURE_HTTP}/$default"
V2_STAGE_PUBLIC = f"{apigatewayv2.PUBLIC_HTTP}/$default"
V2_STAGE_CHAT = f"{apigatewayv2.SECURE_WS}/prod"
V2_STAGE_LEGACY_WS = f"{apigatewayv2.LEGACY_WS}/prod"

EXPECTED: list[tuple[str, str, Status]] = [
    ("aws-cloudfront-distribution-viewer-https-required", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-viewer-https-required", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-viewer-tls-modern", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-viewer-tls-modern", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-custom-certificate", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-custom-certificate", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-sni-only", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-sni-only", CF_LEGACY, Status.SKIP),
    ("aws-cloudfront-distribution-waf-enabled", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-waf-enabled", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-access-logging", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-access-logging", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-origin-traffic-encrypted", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-origin-traffic-encrypted", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-origin-tls-not-deprecated", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-origin-tls-not-deprecated", CF_LEGACY, Status.FAIL),
    # moto drops OriginAccessControlId from the origins it stores, so the hardened
    # distribution reads as having none too (docs/moto-gaps.md, CloudFront).
    ("aws-cloudfront-distribution-s3-origin-access-control", CF_SECURE, Status.FAIL),
    ("aws-cloudfront-distribution-s3-origin-access-control", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-s3-origin-bucket-exists", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-s3-origin-bucket-exists", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-default-root-object", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-default-root-object", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-geo-restriction", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-geo-restriction", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-field-level-encryption", CF_LEGACY, Status.FAIL),
    ("aws-cloudfront-distribution-origin-failover", CF_SECURE, Status.PASS),
    ("aws-cloudfront-distribution-origin-failover", CF_LEGACY, Status.FAIL),
    ("aws-apigateway-rest-api-methods-authorized", API_SECURE, Status.PASS),
    ("aws-apigateway-rest-api-methods-authorized", API_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-execution-logging", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-execution-logging", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-access-logging", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-access-logging", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-tracing", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-tracing", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-waf-enabled", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-waf-enabled", STAGE_LEGACY, Status.FAIL),
    # moto implements no client certificates (GenerateClientCertificate answers "Not yet
    # implemented"), so no stage can have one (docs/moto-gaps.md, API Gateway).
    ("aws-apigateway-stage-client-certificate", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-cache-encrypted", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-cache-encrypted", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-stage-data-trace-disabled", STAGE_SECURE, Status.PASS),
    ("aws-apigateway-stage-data-trace-disabled", STAGE_LEGACY, Status.FAIL),
    ("aws-apigateway-domain-name-tls-modern", apigateway.SECURE_DOMAIN, Status.PASS),
    ("aws-apigateway-domain-name-tls-modern", apigateway.LEGACY_DOMAIN, Status.FAIL),
    ("aws-apigatewayv2-http-api-routes-authorized", apigatewayv2.SECURE_HTTP, Status.PASS),
    ("aws-apigatewayv2-http-api-routes-authorized", apigatewayv2.PUBLIC_HTTP, Status.FAIL),
    ("aws-apigatewayv2-http-api-routes-authorized", apigatewayv2.SECURE_WS, Status.SKIP),
    ("aws-apigatewayv2-websocket-api-connect-authorized", apigatewayv2.SECURE_WS, Status.PASS),
    ("aws-apigatewayv2-websocket-api-connect-authorized", apigatewayv2.LEGACY_WS, Status.FAIL),
    (
        "aws-apigatewayv2-api-cors-no-wildcard-with-credentials",
        apigatewayv2.SECURE_HTTP,
        Status.PASS,
    ),
    (
        "aws-apigatewayv2-api-cors-no-wildcard-with-credentials",
        apigatewayv2.PUBLIC_HTTP,
        Status.FAIL,
    ),
    ("aws-apigatewayv2-api-default-endpoint-disabled", apigatewayv2.SECURE_HTTP, Status.PASS),
    ("aws-apigatewayv2-api-default-endpoint-disabled", apigatewayv2.PUBLIC_HTTP, Status.FAIL),
    ("aws-apigatewayv2-api-default-endpoint-disabled", apigatewayv2.SECURE_WS, Status.SKIP),
    ("aws-apigatewayv2-stage-access-logging", V2_STAGE_HTTP, Status.PASS),
    ("aws-apigatewayv2-stage-access-logging", V2_STAGE_PUBLIC, Status.FAIL),
    ("aws-apigatewayv2-stage-throttled", V2_STAGE_HTTP, Status.PASS),
    ("aws-apigatewayv2-stage-throttled", V2_STAGE_PUBLIC, Status.FAIL),
    ("aws-apigatewayv2-websocket-stage-execution-logging", V2_STAGE_CHAT, Status.PASS),
    ("aws-apigatewayv2-websocket-stage-execution-logging", V2_STAGE_LEGACY_WS, Status.FAIL),
    ("aws-apigatewayv2-websocket-stage-execution-logging", V2_STAGE_HTTP, Status.SKIP),
    ("aws-apigatewayv2-websocket-stage-data-trace-disabled", V2_STAGE_CHAT, Status.PASS),
    ("aws-apigatewayv2-websocket-stage-data-trace-disabled", V2_STAGE_LEGACY_WS, Status.FAIL),
    ("aws-wafv2-web-acl-logging-enabled", wafv2.PROTECTED_ACL, Status.PASS),
    ("aws-wafv2-web-acl-logging-enabled", wafv2.EMPTY_ACL, Status.FAIL),
    ("aws-wafv2-web-acl-has-rules", wafv2.PROTECTED_ACL, Status.PASS),
    ("aws-wafv2-web-acl-has-rules", wafv2.EMPTY_ACL, Status.FAIL),
    ("aws-wafv2-web-acl-baseline-managed-protections", wafv2.PROTECTED_ACL, Status.PASS),
    ("aws-wafv2-web-acl-baseline-managed-protections", wafv2.EMPTY_ACL, Status.FAIL),
    ("aws-wafv2-web-acl-rate-limited", wafv2.PROTECTED_ACL, Status.PASS),
    ("aws-wafv2-web-acl-rate-limited", wafv2.EMPTY_ACL, Status.FAIL),
    ("aws-wafv2-web-acl-metrics-enabled", wafv2.PROTECTED_ACL, Status.PASS),
    ("aws-wafv2-web-acl-metrics-enabled", wafv2.EMPTY_ACL, Status.FAIL),
    ("aws-wafv2-web-acl-in-use", cloudfront.WEB_ACL, Status.PASS),
    # moto lacks ListResourcesForWebACL: a regional web ACL's associations are unknown.
    ("aws-wafv2-web-acl-in-use", wafv2.EMPTY_ACL, Status.ERROR),
    ("aws-wafv2-rule-group-has-rules", wafv2.RULE_GROUP, Status.PASS),
    ("aws-wafv2-rule-group-has-rules", wafv2.EMPTY_RULE_GROUP, Status.FAIL),
    ("aws-wafv2-rule-group-metrics-enabled", wafv2.RULE_GROUP, Status.PASS),
    ("aws-wafv2-rule-group-metrics-enabled", wafv2.EMPTY_RULE_GROUP, Status.FAIL),
    ("aws-route53-public-zone-query-logging", route53.LOGGED_ZONE, Status.PASS),
    ("aws-route53-public-zone-query-logging", route53.UNLOGGED_ZONE, Status.FAIL),
    ("aws-route53-public-zone-query-logging", route53.PRIVATE_ZONE, Status.SKIP),
    # moto cannot sign a zone (no EnableHostedZoneDNSSEC): every public zone fails.
    ("aws-route53-public-zone-dnssec-signing", route53.LOGGED_ZONE, Status.FAIL),
    ("aws-route53-private-zone-vpc-associated", route53.PRIVATE_ZONE, Status.PASS),
    ("aws-route53-private-zone-vpc-associated", route53.LOGGED_ZONE, Status.SKIP),
    ("aws-route53-health-check-enabled", route53.HTTPS_CHECK, Status.PASS),
    ("aws-route53-health-check-enabled", route53.HTTP_CHECK, Status.FAIL),
    ("aws-route53-health-check-https", route53.HTTPS_CHECK, Status.PASS),
    ("aws-route53-health-check-https", route53.HTTP_CHECK, Status.FAIL),
    # moto registers every domain with its transfer lock on and cannot turn it off.
    ("aws-route53-domain-transfer-lock", route53.LEGACY_DOMAIN, Status.PASS),
    ("aws-route53-domain-auto-renew", route53.SECURE_DOMAIN, Status.PASS),
    ("aws-route53-domain-auto-renew", route53.LEGACY_DOMAIN, Status.FAIL),
    ("aws-route53-domain-not-expiring", route53.SECURE_DOMAIN, Status.PASS),
    ("aws-route53-domain-privacy-protection", route53.SECURE_DOMAIN, Status.PASS),
    ("aws-route53-domain-privacy-protection", route53.LEGACY_DOMAIN, Status.FAIL),
    ("aws-elb-load-balancer-tls-listeners", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-tls-listeners", elb.LEGACY_ELB, Status.FAIL),
    ("aws-elb-load-balancer-acm-certificate", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-acm-certificate", elb.LEGACY_ELB, Status.SKIP),
    ("aws-elb-load-balancer-tls-policy-modern", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-tls-policy-modern", elb.LEGACY_ELB, Status.SKIP),
    ("aws-elb-load-balancer-access-logs", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-access-logs", elb.LEGACY_ELB, Status.FAIL),
    ("aws-elb-load-balancer-connection-draining", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-connection-draining", elb.LEGACY_ELB, Status.FAIL),
    ("aws-elb-load-balancer-cross-zone", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-cross-zone", elb.LEGACY_ELB, Status.FAIL),
    ("aws-elb-load-balancer-multi-az", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-multi-az", elb.LEGACY_ELB, Status.FAIL),
    ("aws-elb-load-balancer-desync-mitigation", elb.SECURE_ELB, Status.PASS),
    ("aws-elb-load-balancer-desync-mitigation", elb.LEGACY_ELB, Status.FAIL),
    (
        "aws-networkfirewall-firewall-logging-enabled",
        NF_ARN + networkfirewall.PROTECTED_FIREWALL,
        Status.PASS,
    ),
    (
        "aws-networkfirewall-firewall-logging-enabled",
        NF_ARN + networkfirewall.BARE_FIREWALL,
        Status.FAIL,
    ),
    (
        "aws-networkfirewall-firewall-deletion-protection",
        NF_ARN + networkfirewall.PROTECTED_FIREWALL,
        Status.PASS,
    ),
    (
        "aws-networkfirewall-firewall-deletion-protection",
        NF_ARN + networkfirewall.BARE_FIREWALL,
        Status.FAIL,
    ),
    (
        "aws-networkfirewall-firewall-change-protection",
        NF_ARN + networkfirewall.PROTECTED_FIREWALL,
        Status.PASS,
    ),
    (
        "aws-networkfirewall-firewall-change-protection",
        NF_ARN + networkfirewall.BARE_FIREWALL,
        Status.FAIL,
    ),
    (
        "aws-networkfirewall-firewall-encrypted-cmk",
        NF_ARN + networkfirewall.PROTECTED_FIREWALL,
        Status.PASS,
    ),
    (
        "aws-networkfirewall-firewall-encrypted-cmk",
        NF_ARN + networkfirewall.BARE_FIREWALL,
        Status.FAIL,
    ),
    (
        "aws-networkfirewall-firewall-multi-az",
        NF_ARN + networkfirewall.PROTECTED_FIREWALL,
        Status.PASS,
    ),
    ("aws-networkfirewall-firewall-multi-az", NF_ARN + networkfirewall.BARE_FIREWALL, Status.FAIL),
    # moto has no firewall policy API: the listing fails and its checks say so, never pass.
    (
        "aws-networkfirewall-policy-has-rule-groups",
        "aws.networkfirewall.firewall_policy@us-east-1",
        Status.ERROR,
    ),
    ("aws-shield-cloudfront-distribution-protected", CF_SECURE, Status.PASS),
    ("aws-shield-cloudfront-distribution-protected", CF_LEGACY, Status.FAIL),
    ("aws-shield-route53-public-zone-protected", route53.LOGGED_ZONE, Status.FAIL),
    ("aws-shield-route53-public-zone-protected", route53.PRIVATE_ZONE, Status.SKIP),
    ("aws-shield-elb-load-balancer-protected", elb.LEGACY_ELB, Status.FAIL),
]


def _cloudfront_ids(account: DemoAccount) -> dict[str, str]:
    listing = account.client("cloudfront").list_distributions()["DistributionList"]
    return {item["Comment"]: item["Id"] for item in listing.get("Items", [])}


def _apigateway_ids(account: DemoAccount) -> dict[str, str]:
    client = account.client("apigateway")
    ids: dict[str, str] = {}
    for api in client.get_rest_apis()["items"]:
        ids[api["name"]] = api["id"]
        for stage in client.get_stages(restApiId=api["id"])["item"]:
            arn = f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}/stages/{stage['stageName']}"
            ids[f"{api['name']}/{stage['stageName']}"] = arn
    return ids


def _apigatewayv2_ids(account: DemoAccount) -> dict[str, str]:
    client = account.client("apigatewayv2")
    ids: dict[str, str] = {}
    for api in client.get_apis()["Items"]:
        ids[api["Name"]] = api["ApiId"]
        for stage in client.get_stages(ApiId=api["ApiId"])["Items"]:
            arn = f"arn:aws:apigateway:us-east-1::/apis/{api['ApiId']}/stages/{stage['StageName']}"
            ids[f"{api['Name']}/{stage['StageName']}"] = arn
    return ids


def _wafv2_ids(account: DemoAccount) -> dict[str, str]:
    client = account.client("wafv2")
    listings = [
        *client.list_web_acls(Scope="REGIONAL")["WebACLs"],
        *client.list_web_acls(Scope="CLOUDFRONT")["WebACLs"],
        *client.list_rule_groups(Scope="REGIONAL")["RuleGroups"],
    ]
    return {item["Name"]: item["ARN"] for item in listings}


def _route53_ids(account: DemoAccount) -> dict[str, str]:
    client = account.client("route53")
    # Only the planted zones (named with the final dot): moto also creates a zone, named
    # without it, for every registered domain, and domains are found by their own name.
    zones = {
        z["Name"]: z["Id"].rsplit("/", 1)[-1]
        for z in client.list_hosted_zones()["HostedZones"]
        if z["Name"].endswith(".")
    }
    checks = {c["CallerReference"]: c["Id"] for c in client.list_health_checks()["HealthChecks"]}
    return {**zones, **checks}


GENERATED_IDS = (_cloudfront_ids, _apigateway_ids, _apigatewayv2_ids, _wafv2_ids, _route53_ids)
"""For services whose ids AWS generates: planted name -> resource id, read from the emulator."""


@pytest.fixture(scope="module")
def planted() -> Any:
    with emulated_account(only=SEEDERS) as account:
        ids = {name: id_ for find in GENERATED_IDS for name, id_ in find(account).items()}
        report = scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
            settings=EMULATOR_ENGINE,
        )
        return report, ids


@pytest.mark.parametrize(("check_id", "resource", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(planted, check_id, resource, status):
    report, ids = planted
    resource_id = ids.get(resource, resource)
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status], [
        (r.resource_id, r.status, r.reason) for r in report.results if r.check_id == check_id
    ]
