from __future__ import annotations

import pytest

from cloudwarden.aws.collectors.cloudfront import s3_bucket_of
from cloudwarden.demo.seed import cloudfront as planted
from cloudwarden.inventory.inventory import Inventory

TYPE = "aws.cloudfront.distribution"


def _distribution(inventory: Inventory, comment: str) -> dict:
    matches = [d.document() for d in inventory.of_type(TYPE) if d.document()["comment"] == comment]
    assert len(matches) == 1, [d.document()["comment"] for d in inventory.of_type(TYPE)]
    return matches[0]


def test_hardened_distribution(demo_inventory: Inventory) -> None:
    doc = _distribution(demo_inventory, planted.SECURE_COMMENT)
    assert doc["region"] == "global"
    assert doc["arn"] == f"arn:aws:cloudfront::123456789012:distribution/{doc['id']}"
    assert doc["domain_name"].endswith(".cloudfront.net")
    assert doc["enabled"] is True
    assert doc["aliases"] == [planted.CERT_DOMAIN]
    assert doc["default_root_object"] == "index.html"
    assert f"/webacl/{planted.WEB_ACL}/" in doc["web_acl_id"]
    certificate = doc["viewer_certificate"]
    assert certificate["custom_certificate"] is True
    assert certificate["acm_certificate_arn"].startswith("arn:aws:acm:us-east-1:")
    assert certificate["ssl_support_method"] == "sni-only"
    assert certificate["minimum_protocol_version"] == "TLSv1.2_2021"
    assert doc["logging_enabled"] is True
    assert doc["logging_bucket"] == f"{planted.LOG_BUCKET}.s3.amazonaws.com"
    assert doc["geo_restriction_type"] == "blacklist"
    assert doc["geo_restriction_locations"] == ["KP", "IR"]
    [default] = doc["cache_behaviors"]
    assert default["is_default"] is True
    assert default["path_pattern"] == "*"
    assert default["viewer_protocol_policy"] == "redirect-to-https"
    assert [o["s3_bucket"] for o in doc["origins"]] == [
        planted.ORIGIN_BUCKET,
        planted.FAILOVER_BUCKET,
    ]
    # moto 5.2.5 drops OriginAccessControlId from stored origins (docs/moto-gaps.md).
    assert all(o["protocol_policy"] is None for o in doc["origins"])
    assert doc["origin_group_count"] == 1
    assert doc["tags"] == {"owner": "web"}
    assert doc["collection_errors"] == []


def test_legacy_distribution(demo_inventory: Inventory) -> None:
    doc = _distribution(demo_inventory, planted.LEGACY_COMMENT)
    assert doc["default_root_object"] is None
    assert doc["web_acl_id"] is None
    assert doc["viewer_certificate"]["custom_certificate"] is False
    assert doc["viewer_certificate"]["minimum_protocol_version"] == "TLSv1"
    assert doc["logging_enabled"] is False
    assert doc["logging_bucket"] is None
    assert doc["geo_restriction_type"] == "none"
    assert [
        (b["path_pattern"], b["is_default"], b["viewer_protocol_policy"])
        for b in doc["cache_behaviors"]
    ] == [
        ("*", True, "allow-all"),
        ("/assets/*", False, "https-only"),
    ]
    web, assets = doc["origins"]
    assert web == {
        "id": "web",
        "domain_name": planted.LEGACY_ORIGIN,
        "s3_bucket": None,
        "origin_access_control_id": None,
        "origin_access_identity": None,
        "protocol_policy": "http-only",
        "ssl_protocols": ["SSLv3", "TLSv1"],
    }
    assert assets["s3_bucket"] == planted.DELETED_BUCKET
    assert doc["origin_group_count"] == 0
    assert doc["tags"] == {}
    assert demo_inventory.errors_for(TYPE) == []


@pytest.mark.parametrize(
    ("domain", "bucket"),
    [
        ("site.s3.amazonaws.com", "site"),
        ("my.dotted.bucket.s3.eu-west-1.amazonaws.com", "my.dotted.bucket"),
        ("site.s3-eu-west-1.amazonaws.com", "site"),
        ("site.s3.dualstack.us-east-1.amazonaws.com", "site"),
        ("site.s3-website-us-east-1.amazonaws.com", None),
        ("site.s3-website.eu-west-1.amazonaws.com", None),
        ("api.example.com", None),
        ("s3.amazonaws.com.evil.example", None),
    ],
)
def test_s3_bucket_of_origin_domain(domain: str, bucket: str | None) -> None:
    assert s3_bucket_of(domain) == bucket
