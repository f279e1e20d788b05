from __future__ import annotations

from cloudwarden.demo.seed import elb as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named

TYPE = "aws.elb.load_balancer"


def test_tls_load_balancer(demo_inventory: Inventory) -> None:
    lb = named(demo_inventory, TYPE, planted.SECURE_ELB)
    assert lb["id"] == planted.SECURE_ELB
    assert lb["arn"] == (
        f"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/{planted.SECURE_ELB}"
    )
    assert lb["scheme"] == "internet-facing"
    assert lb["availability_zones"] == ["us-east-1a", "us-east-1b"]
    [listener] = lb["listeners"]
    assert (listener["protocol"], listener["port"], listener["instance_port"]) == (
        "HTTPS",
        443,
        8080,
    )
    assert listener["certificate_id"].startswith("arn:aws:acm:us-east-1:")
    assert listener["policy_names"] == [planted.TLS_POLICY]
    [policy] = lb["ssl_policies"]
    assert (policy["name"], policy["reference_policy"]) == (
        planted.TLS_POLICY,
        planted.SECURE_REFERENCE_POLICY,
    )
    assert lb["cross_zone_load_balancing"] is True
    assert (lb["access_logs_enabled"], lb["access_logs_bucket"]) == (True, planted.LOG_BUCKET)
    assert lb["connection_draining_enabled"] is True
    assert lb["desync_mitigation_mode"] == "strictest"
    assert lb["tags"] == {"owner": "payments"}
    assert lb["collection_errors"] == []


def test_legacy_http_load_balancer(demo_inventory: Inventory) -> None:
    lb = named(demo_inventory, TYPE, planted.LEGACY_ELB)
    assert [(item["protocol"], item["port"]) for item in lb["listeners"]] == [("HTTP", 80)]
    assert lb["availability_zones"] == ["us-east-1a"]
    assert lb["ssl_policies"] == []
    assert (lb["cross_zone_load_balancing"], lb["access_logs_enabled"]) == (False, False)
    assert lb["connection_draining_enabled"] is False
    assert lb["desync_mitigation_mode"] == "monitor"
    assert demo_inventory.errors_for(TYPE) == []
