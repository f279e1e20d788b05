from __future__ import annotations

from cloudwarden.demo.seed import apigateway as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named


def test_rest_apis_with_methods_and_authorizers(demo_inventory: Inventory) -> None:
    secure = named(demo_inventory, "aws.apigateway.rest_api", planted.SECURE_API)
    assert secure["arn"] == f"arn:aws:apigateway:us-east-1::/restapis/{secure['id']}"
    assert secure["endpoint_types"] == ["REGIONAL"]
    assert secure["disable_execute_api_endpoint"] is False
    [authorizer] = secure["authorizers"]
    assert authorizer["type"] == "TOKEN"
    assert [(m["path"], m["http_method"], m["authorization_type"]) for m in secure["methods"]] == [
        ("/orders", "GET", "CUSTOM"),
        ("/orders", "POST", "AWS_IAM"),
    ]
    assert secure["methods"][0]["authorizer_id"] == authorizer["id"]
    assert secure["tags"] == {"app": planted.SECURE_API}
    assert secure["collection_errors"] == []

    legacy = named(demo_inventory, "aws.apigateway.rest_api", planted.LEGACY_API)
    assert legacy["authorizers"] == []
    assert {m["http_method"]: m["authorization_type"] for m in legacy["methods"]} == {
        "GET": "NONE",
        "OPTIONS": "NONE",
    }


def test_stages_carry_their_settings_but_no_variable_values(demo_inventory: Inventory) -> None:
    name = f"{planted.SECURE_API}/{planted.SECURE_STAGE}"
    prod = named(demo_inventory, "aws.apigateway.stage", name)
    assert prod["arn"].endswith(f"/stages/{planted.SECURE_STAGE}")
    assert prod["id"] == prod["arn"]
    assert prod["api_endpoint_types"] == ["REGIONAL"]
    assert prod["method_settings"] == [
        {
            "path": "*/*",
            "logging_level": "ERROR",
            "data_trace_enabled": False,
            "metrics_enabled": True,
            "caching_enabled": True,
            "cache_data_encrypted": True,
        }
    ]
    assert prod["tracing_enabled"] is True
    assert prod["access_log_destination"].endswith(f":log-group:{planted.ACCESS_LOG_GROUP}")
    assert f"/webacl/{planted.WEB_ACL}/" in prod["web_acl_arn"]
    assert prod["variable_names"] == ["ordersTable"]
    assert "orders-prod" not in str(prod)
    assert prod["tags"] == {"env": "prod"}

    name = f"{planted.LEGACY_API}/{planted.LEGACY_STAGE}"
    dev = named(demo_inventory, "aws.apigateway.stage", name)
    [setting] = dev["method_settings"]
    assert (setting["logging_level"], setting["data_trace_enabled"]) == ("OFF", True)
    assert (setting["caching_enabled"], setting["cache_data_encrypted"]) == (True, False)
    assert dev["tracing_enabled"] is False
    assert dev["web_acl_arn"] is None
    assert dev["access_log_destination"] is None
    assert demo_inventory.errors_for("aws.apigateway.stage") == []


def test_custom_domains_with_their_tls_policy(demo_inventory: Inventory) -> None:
    secure = named(demo_inventory, "aws.apigateway.domain_name", planted.SECURE_DOMAIN)
    legacy = named(demo_inventory, "aws.apigateway.domain_name", planted.LEGACY_DOMAIN)
    assert secure["security_policy"] == "TLS_1_2"
    assert legacy["security_policy"] == "TLS_1_0"
    assert secure["certificate_arn"].startswith("arn:aws:acm:us-east-1:")
    assert secure["endpoint_types"] == ["REGIONAL"]
