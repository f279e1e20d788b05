from __future__ import annotations

from cloudwarden.demo.seed import awslambda as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.lambda.function"


def test_public_function_shows_how_it_is_exposed(demo_inventory: Inventory) -> None:
    function = find(demo_inventory, TYPE, planted.PUBLIC_FUNCTION).document()
    assert function["arn"] == (
        f"arn:aws:lambda:us-east-1:123456789012:function:{planted.PUBLIC_FUNCTION}"
    )
    assert function["runtime"] == planted.DEPRECATED_RUNTIME
    assert function["role"].endswith(f":role/{planted.ROLE}")
    statement = function["policy"]["Statement"][0]
    assert statement["Principal"] == "*"
    assert statement["Action"] == "lambda:InvokeFunction"
    assert function["url_config"]["auth_type"] == "NONE"
    assert function["url_config"]["url"].startswith("https://")
    assert function["url_config"]["cors"]["allow_origins"] == ["*"]
    assert function["reserved_concurrent_executions"] is None
    assert function["vpc_id"] is None
    assert function["subnet_ids"] == []
    assert function["tracing_mode"] == "PassThrough"
    assert function["kms_key_arn"] is None
    assert function["collection_errors"] == []


def test_environment_variable_names_are_kept_and_values_never(demo_inventory: Inventory) -> None:
    function = find(demo_inventory, TYPE, planted.PUBLIC_FUNCTION).document()
    assert function["environment_variable_names"] == [planted.ENV_SECRET_NAME, "STAGE"]
    assert planted.ENV_SECRET_VALUE not in demo_inventory.to_json()


def test_private_function_has_every_control(demo_inventory: Inventory) -> None:
    function = find(demo_inventory, TYPE, planted.PRIVATE_FUNCTION).document()
    assert function["runtime"] == planted.CURRENT_RUNTIME
    assert function["reserved_concurrent_executions"] == planted.RESERVED_CONCURRENCY
    assert function["tracing_mode"] == "Active"
    assert len(function["subnet_ids"]) == 2
    assert all(subnet.startswith("subnet-") for subnet in function["subnet_ids"])
    assert function["security_group_ids"][0].startswith("sg-")
    # moto reports a fixed vpc-123abc whatever the subnets: only assert that there is one.
    assert function["vpc_id"]
    assert function["kms_key_arn"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert function["architectures"] == ["arm64"]
    assert (function["timeout"], function["memory"]) == (30, 256)
    assert function["layers"] == [f"arn:aws:lambda:us-east-1:123456789012:layer:{planted.LAYER}:1"]
    assert function["environment_variable_names"] == ["LOG_LEVEL"]
    assert function["policy"] is None
    assert function["url_config"] is None
    assert function["code_signing_config_arn"] is None
    assert function["tags"] == {"owner": "platform"}
    assert function["collection_errors"] == []


def test_functions_are_listed_in_every_region(demo_inventory: Inventory) -> None:
    function = find(demo_inventory, TYPE, planted.EU_FUNCTION)
    assert function.region == "eu-west-1"
    assert demo_inventory.errors_for(TYPE) == []
