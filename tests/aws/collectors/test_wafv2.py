from __future__ import annotations

from cloudwarden.demo.seed import cloudfront as planted_cdn
from cloudwarden.demo.seed import wafv2 as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named


def test_protected_web_acl_with_managed_rules_and_logging(demo_inventory: Inventory) -> None:
    acl = named(demo_inventory, "aws.wafv2.web_acl", planted.PROTECTED_ACL)
    assert acl["id"] == acl["arn"]
    assert acl["arn"].startswith(
        f"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/{planted.PROTECTED_ACL}/"
    )
    assert acl["scope"] == "REGIONAL"
    assert acl["arn"].endswith(acl["acl_id"])
    assert acl["default_action"] == "Allow"
    assert [r["managed_rule_group"] for r in acl["rules"][:3]] == [
        f"AWS/{group}" for group in planted.BASELINE_MANAGED_GROUPS
    ]
    rate = acl["rules"][3]
    assert (rate["statement_type"], rate["action"], rate["priority"]) == (
        "RateBasedStatement",
        "Block",
        3,
    )
    assert all(rule["action"] == "None" for rule in acl["rules"][:3])
    assert all(rule["metrics_enabled"] for rule in acl["rules"])
    assert acl["metrics_enabled"] is True
    assert acl["logging_destinations"] == [
        f"arn:aws:logs:us-east-1:123456789012:log-group:{planted.LOG_GROUP}"
    ]
    assert acl["tags"] == {"owner": "security"}
    # moto has no ListResourcesForWebACL: the field is recorded as not collected.
    [error] = acl["collection_errors"]
    assert (error["operation"], error["fields"]) == (
        "ListResourcesForWebACL",
        ["associated_resources"],
    )


def test_empty_web_acl(demo_inventory: Inventory) -> None:
    acl = named(demo_inventory, "aws.wafv2.web_acl", planted.EMPTY_ACL)
    assert acl["rules"] == []
    assert acl["metrics_enabled"] is False
    assert acl["logging_destinations"] == []


def test_cloudfront_web_acls_are_listed_in_us_east_1(demo_inventory: Inventory) -> None:
    acl = named(demo_inventory, "aws.wafv2.web_acl", planted_cdn.WEB_ACL)
    assert acl["scope"] == "CLOUDFRONT"
    assert acl["region"] == "us-east-1"
    assert ":global/webacl/" in acl["arn"]
    # ListResourcesForWebACL does not apply to CLOUDFRONT web ACLs: it is not called.
    assert acl["collection_errors"] == []
    assert acl["associated_resources"] == []


def test_rule_groups(demo_inventory: Inventory) -> None:
    group = named(demo_inventory, "aws.wafv2.rule_group", planted.RULE_GROUP)
    assert group["scope"] == "REGIONAL"
    assert group["capacity"] == 10
    [rule] = group["rules"]
    assert (rule["statement_type"], rule["action"]) == ("IPSetReferenceStatement", "Block")
    assert group["metrics_enabled"] is True
    empty = named(demo_inventory, "aws.wafv2.rule_group", planted.EMPTY_RULE_GROUP)
    assert empty["rules"] == []
    assert empty["metrics_enabled"] is False
    assert demo_inventory.errors_for("aws.wafv2.rule_group") == []
