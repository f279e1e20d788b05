from __future__ import annotations

from cloudwarden.aws.collectors.route53 import bare_id
from cloudwarden.demo.seed import route53 as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named


def test_public_and_private_zones(demo_inventory: Inventory) -> None:
    logged = named(demo_inventory, "aws.route53.hosted_zone", planted.LOGGED_ZONE)
    assert logged["region"] == "global"
    assert logged["arn"] == f"arn:aws:route53:::hostedzone/{logged['id']}"
    assert "/" not in logged["id"]
    assert logged["private_zone"] is False
    assert logged["comment"] == "storefront"
    # moto cannot enable DNSSEC signing: every public zone reads NOT_SIGNING.
    assert logged["dnssec_signing"] == "NOT_SIGNING"
    assert logged["vpcs"] == []
    assert logged["tags"] == {"owner": "web"}
    assert logged["collection_errors"] == []

    private = named(demo_inventory, "aws.route53.hosted_zone", planted.PRIVATE_ZONE)
    assert private["private_zone"] is True
    assert private["dnssec_signing"] is None
    [vpc] = private["vpcs"]
    assert vpc["vpc_id"].startswith("vpc-")
    assert vpc["vpc_region"] == "us-east-1"


def test_query_logging_is_listed_once_for_the_account(demo_inventory: Inventory) -> None:
    logged = named(demo_inventory, "aws.route53.hosted_zone", planted.LOGGED_ZONE)
    [config] = demo_inventory.of_type("aws.route53.query_logging_config")
    doc = config.document()
    assert doc["hosted_zone_id"] == logged["id"]
    assert doc["log_group_arn"].startswith(
        f"arn:aws:logs:us-east-1:123456789012:log-group:{planted.QUERY_LOG_GROUP}"
    )


def test_health_checks(demo_inventory: Inventory) -> None:
    https = named(demo_inventory, "aws.route53.health_check", planted.HTTPS_CHECK)
    assert (https["check_type"], https["port"], https["disabled"]) == ("HTTPS", 443, False)
    assert https["enable_sni"] is True
    assert https["resource_path"] == "/health"
    http = named(demo_inventory, "aws.route53.health_check", planted.HTTP_CHECK)
    assert (http["check_type"], http["disabled"]) == ("HTTP", True)


def test_registered_domains_without_their_contacts(demo_inventory: Inventory) -> None:
    secure = named(demo_inventory, "aws.route53.domain", planted.SECURE_DOMAIN)
    assert secure["arn"] == f"arn:aws:route53domains:::domain/{planted.SECURE_DOMAIN}"
    assert (secure["auto_renew"], secure["transfer_lock"]) == (True, True)
    assert (secure["admin_privacy"], secure["registrant_privacy"], secure["tech_privacy"]) == (
        True,
        True,
        True,
    )
    assert secure["expiration_date"] is not None
    assert "hostmaster@" not in str(secure)
    legacy = named(demo_inventory, "aws.route53.domain", planted.LEGACY_DOMAIN)
    assert (legacy["auto_renew"], legacy["admin_privacy"]) == (False, False)
    # moto has no ListTagsForDomain: the tags are recorded as not collected.
    assert [e["operation"] for e in legacy["collection_errors"]] == ["ListTagsForDomain"]


def test_bare_id() -> None:
    assert bare_id("/hostedzone/Z123") == "Z123"
    assert bare_id("Z123") == "Z123"
