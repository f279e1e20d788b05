from __future__ import annotations

from cloudwarden.demo.seed import apigatewayv2 as planted
from cloudwarden.inventory.inventory import Inventory
from tests.aws.collectors.named import named


def test_http_apis_with_routes_and_cors(demo_inventory: Inventory) -> None:
    checkout = named(demo_inventory, "aws.apigatewayv2.api", planted.SECURE_HTTP)
    assert checkout["arn"] == f"arn:aws:apigateway:us-east-1::/apis/{checkout['id']}"
    assert checkout["protocol_type"] == "HTTP"
    assert checkout["disable_execute_api_endpoint"] is True
    assert checkout["cors"] == {
        "allow_origins": [planted.TRUSTED_ORIGIN],
        "allow_credentials": True,
        "allow_methods": ["GET", "POST"],
        "allow_headers": [],
    }
    assert {(r["route_key"], r["authorization_type"]) for r in checkout["routes"]} == {
        ("GET /cart", "JWT"),
        ("POST /cart", "JWT"),
    }
    assert checkout["tags"] == {"app": planted.SECURE_HTTP}
    assert checkout["collection_errors"] == []

    public = named(demo_inventory, "aws.apigatewayv2.api", planted.PUBLIC_HTTP)
    assert public["disable_execute_api_endpoint"] is False
    assert public["cors"]["allow_origins"] == ["*"]
    assert public["api_endpoint"] == f"https://{public['id']}.execute-api.us-east-1.amazonaws.com"


def test_websocket_apis_have_no_cors(demo_inventory: Inventory) -> None:
    chat = named(demo_inventory, "aws.apigatewayv2.api", planted.SECURE_WS)
    assert chat["protocol_type"] == "WEBSOCKET"
    assert chat["cors"] is None
    assert {r["route_key"]: r["authorization_type"] for r in chat["routes"]} == {
        "$connect": "AWS_IAM",
        "$default": "NONE",
    }


def test_stages_carry_their_api_protocol_and_settings(demo_inventory: Inventory) -> None:
    http = named(demo_inventory, "aws.apigatewayv2.stage", f"{planted.SECURE_HTTP}/$default")
    assert http["api_protocol_type"] == "HTTP"
    assert http["auto_deploy"] is True
    assert http["access_log_destination"].endswith(f":log-group:{planted.ACCESS_LOG_GROUP}")
    assert http["default_route_settings"]["throttling_rate_limit"] == 100.0
    assert http["default_route_settings"]["throttling_burst_limit"] == 200

    legacy = named(demo_inventory, "aws.apigatewayv2.stage", f"{planted.LEGACY_WS}/prod")
    assert legacy["api_protocol_type"] == "WEBSOCKET"
    assert legacy["access_log_destination"] is None
    assert legacy["default_route_settings"]["logging_level"] == "OFF"
    assert legacy["default_route_settings"]["data_trace_enabled"] is True
    assert demo_inventory.errors_for("aws.apigatewayv2.stage") == []


def test_domains_list_their_mapped_apis(demo_inventory: Inventory) -> None:
    checkout = named(demo_inventory, "aws.apigatewayv2.api", planted.SECURE_HTTP)
    domain = named(demo_inventory, "aws.apigatewayv2.domain_name", planted.SECURE_DOMAIN)
    assert domain["mapped_api_ids"] == [checkout["id"]]
    [configuration] = domain["configurations"]
    assert configuration["security_policy"] == "TLS_1_2"
    assert configuration["endpoint_type"] == "REGIONAL"
    legacy = named(demo_inventory, "aws.apigatewayv2.domain_name", planted.LEGACY_DOMAIN)
    assert legacy["configurations"][0]["security_policy"] == "TLS_1_0"
