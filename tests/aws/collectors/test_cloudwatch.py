from __future__ import annotations

from cloudwarden.demo.seed import cloudwatch as planted
from cloudwarden.demo.seed import logs as planted_logs
from cloudwarden.demo.seed import sns as planted_sns
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

ALARM = "aws.cloudwatch.alarm"
ALERTS = f"arn:aws:sns:us-east-1:123456789012:{planted_sns.ALERTS_TOPIC}"


def test_cloudwatch_listing_has_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(ALARM) == []


def test_alarm_on_unauthorized_api_calls_notifies_topic(demo_inventory: Inventory) -> None:
    alarm = find(demo_inventory, ALARM, planted.UNAUTHORIZED_ALARM).document()
    assert alarm["arn"] == (
        f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{planted.UNAUTHORIZED_ALARM}"
    )
    assert alarm["metric_name"] == planted_logs.UNAUTHORIZED_API_CALLS
    assert alarm["namespace"] == planted_logs.METRIC_NAMESPACE
    assert alarm["statistic"] == "Sum"
    assert alarm["comparison_operator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["threshold"] == 1.0
    assert alarm["period"] == planted.PERIOD
    assert alarm["evaluation_periods"] == 1
    assert alarm["treat_missing_data"] == "notBreaching"
    assert alarm["actions_enabled"] is True
    assert alarm["alarm_actions"] == [ALERTS]
    assert alarm["ok_actions"] == []
    assert alarm["metrics"] == []
    assert alarm["state"] == "OK"
    assert alarm["tags"] == planted.TAGS
    assert alarm["collection_errors"] == []


def test_alarm_nobody_hears(demo_inventory: Inventory) -> None:
    alarm = find(demo_inventory, ALARM, planted.CONSOLE_NO_MFA_ALARM).document()
    assert alarm["metric_name"] == planted_logs.CONSOLE_WITHOUT_MFA
    assert alarm["actions_enabled"] is False
    assert alarm["alarm_actions"] == []


def test_iam_policy_changes_have_no_alarm(demo_inventory: Inventory) -> None:
    metrics = {alarm.metric_name for alarm in demo_inventory.of_type(ALARM)}  # type: ignore[attr-defined]
    assert planted_logs.IAM_POLICY_CHANGES not in metrics
    assert planted_logs.ROOT_USAGE in metrics
