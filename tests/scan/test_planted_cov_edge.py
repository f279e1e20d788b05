"""End to end: the edge services' planted resources get their verdicts from the shipped baseline.

Only the seeders of these services run, so the scan stays quick. Resources whose ids AWS
generates (distributions, APIs...) are looked up by their planted names in the emulator.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.demo.seed import cloudfront
from cloudwarden.policy.results import Status
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import scan

SEEDERS = frozenset({"cloudfront"})

CF_SECURE = ("cloudfront", cloudfront.SECURE_COMMENT)
CF_LEGACY = ("cloudfront", cloudfront.LEGACY_COMMENT)

EXPECTED: list[tuple[str, tuple[str, str] | str, Status]] = [
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
]


def _cloudfront_ids(account: DemoAccount) -> dict[str, str]:
    listing = account.client("cloudfront").list_distributions()["DistributionList"]
    return {item["Comment"]: item["Id"] for item in listing.get("Items", [])}


GENERATED_IDS = {"cloudfront": _cloudfront_ids}
"""Per service whose ids AWS generates: planted name -> id, read from the emulator."""


@pytest.fixture(scope="module")
def planted() -> Any:
    with emulated_account(only=SEEDERS) as account:
        ids = {service: find(account) for service, find in GENERATED_IDS.items()}
        report = scan(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
        )
        return report, ids


@pytest.mark.parametrize(("check_id", "resource", "status"), EXPECTED)
def test_planted_resource_gets_its_verdict(planted, check_id, resource, status):
    report, ids = planted
    resource_id = ids[resource[0]][resource[1]] if isinstance(resource, tuple) else resource
    verdicts = [
        r.status for r in report.results if r.check_id == check_id and r.resource_id == resource_id
    ]
    assert verdicts == [status], [
        (r.resource_id, r.status, r.reason) for r in report.results if r.check_id == check_id
    ]
