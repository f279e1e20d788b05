"""Elastic Beanstalk: the environment comes from moto; its option settings do not (moto lacks
DescribeConfigurationSettings), so they must read as not collected, never as defaults."""

from __future__ import annotations

from cloudwarden.demo.seed import elasticbeanstalk as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.elasticbeanstalk.environment"
ARN = (
    "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/"
    f"{planted.APPLICATION}/{planted.ENVIRONMENT}"
)


def test_environment_listed_with_its_tags(demo_inventory: Inventory) -> None:
    environment = find(demo_inventory, TYPE, ARN)
    doc = environment.document()
    assert doc["name"] == planted.ENVIRONMENT
    assert doc["application_name"] == planted.APPLICATION
    assert doc["tier"] == "WebServer"
    assert doc["tags"] == {"owner": "shop"}
    assert demo_inventory.errors_for(TYPE) == []


def test_settings_moto_cannot_answer_are_not_collected(demo_inventory: Inventory) -> None:
    environment = find(demo_inventory, TYPE, ARN)
    [error] = environment.collection_errors
    assert error.operation == "DescribeConfigurationSettings"
    assert {
        "health_reporting",
        "managed_actions_enabled",
        "stream_logs",
    } <= environment.missing_fields()
