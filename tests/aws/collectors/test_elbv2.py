from __future__ import annotations

from cloudwarden.demo.seed import elbv2 as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TYPE = "aws.elbv2.load_balancer"


def _named(inventory: Inventory, name: str) -> Resource:
    matches = [lb for lb in inventory.of_type(TYPE) if lb.name == name]
    assert len(matches) == 1, sorted(str(lb.name) for lb in inventory.of_type(TYPE))
    return matches[0]


def test_public_alb_serves_plain_http_unprotected(demo_inventory: Inventory) -> None:
    lb = _named(demo_inventory, planted.PUBLIC_ALB).document()
    assert lb["id"] == lb["arn"]
    assert lb["arn"].startswith("arn:aws:elasticloadbalancing:us-east-1:123456789012:")
    assert lb["load_balancer_type"] == "application"
    assert lb["scheme"] == "internet-facing"
    assert lb["state"] == "active"
    assert lb["dns_name"]
    assert lb["vpc_id"].startswith("vpc-")
    assert len(lb["security_groups"]) == 1
    assert len(lb["availability_zones"]) == 2
    assert lb["deletion_protection"] is False
    assert lb["access_logs_enabled"] is False
    assert lb["access_logs_bucket"] is None
    # moto omits the attribute when it was never set; the ALB default (false) is reported.
    assert lb["drop_invalid_header_fields"] is False
    assert lb["attributes"]["deletion_protection.enabled"] == "false"
    [listener] = lb["listeners"]
    assert (listener["port"], listener["protocol"]) == (80, "HTTP")
    assert listener["ssl_policy"] is None
    assert listener["certificate_arns"] == []
    [action] = listener["default_actions"]
    assert action["type"] == "forward"
    assert action["redirect_protocol"] is None
    assert f"targetgroup/{planted.TARGET_GROUP}/" in action["target_group_arn"]
    assert lb["tags"] == {"owner": "web"}
    assert lb["collection_errors"] == []


def test_internal_alb_has_every_control(demo_inventory: Inventory) -> None:
    lb = _named(demo_inventory, planted.INTERNAL_ALB).document()
    assert lb["scheme"] == "internal"
    assert lb["deletion_protection"] is True
    assert lb["access_logs_enabled"] is True
    assert lb["access_logs_bucket"] == planted.LOGS_BUCKET
    assert lb["attributes"]["access_logs.s3.prefix"] == planted.LOGS_PREFIX
    assert lb["drop_invalid_header_fields"] is True
    assert lb["desync_mitigation_mode"] == "strictest"
    http, https = lb["listeners"]  # sorted by port
    assert (https["port"], https["protocol"]) == (443, "HTTPS")
    assert https["ssl_policy"] == planted.TLS_POLICY
    assert https["certificate_arns"][0].startswith("arn:aws:acm:us-east-1:123456789012:")
    assert (http["port"], http["protocol"]) == (80, "HTTP")
    assert http["default_actions"] == [
        {
            "type": "redirect",
            "redirect_protocol": "HTTPS",
            "redirect_port": "443",
            "target_group_arn": None,
        }
    ]
    assert lb["tags"] == {"owner": "security"}
    assert lb["collection_errors"] == []


def test_network_load_balancer_in_second_region(demo_inventory: Inventory) -> None:
    lb = _named(demo_inventory, planted.EU_NLB)
    doc = lb.document()
    assert lb.region == "eu-west-1"
    assert doc["load_balancer_type"] == "network"
    assert doc["security_groups"] == []
    # Header handling is an ALB setting: not reported for other types.
    assert doc["drop_invalid_header_fields"] is None
    [listener] = doc["listeners"]
    assert (listener["protocol"], listener["ssl_policy"]) == ("TCP", None)
    assert demo_inventory.errors_for(TYPE) == []
