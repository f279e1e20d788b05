from __future__ import annotations

from cloudwarden.demo.seed import cloudformation as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from tests.conftest import ACCOUNT_ID

TYPE = "aws.cloudformation.stack"


def _stack(inventory: Inventory, name: str) -> Resource:
    [stack] = [s for s in inventory.of_type(TYPE) if s.name == name]
    return stack


def test_protected_stack_settings(demo_inventory: Inventory) -> None:
    stack = _stack(demo_inventory, planted.PROTECTED_STACK)
    doc = stack.document()
    assert doc["id"].startswith(f"arn:aws:cloudformation:us-east-1:{ACCOUNT_ID}:stack/")
    assert doc["status"] == "CREATE_COMPLETE"
    assert doc["termination_protection"] is True
    assert doc["role_arn"] == f"arn:aws:iam::{ACCOUNT_ID}:role/{planted.DEPLOY_ROLE}"
    assert doc["notification_arns"] == [
        f"arn:aws:sns:us-east-1:{ACCOUNT_ID}:{planted.EVENTS_TOPIC}"
    ]
    assert doc["parent_id"] is None
    assert doc["stack_policy"]["Statement"][1]["Action"] == ["Update:Replace", "Update:Delete"]
    assert doc["output_keys"] == ["EnvironmentName"]
    assert doc["tags"] == {"owner": "network"}
    assert doc["cdk_bootstrap_version"] is None


def test_bare_stack_keeps_keys_never_values(demo_inventory: Inventory) -> None:
    doc = _stack(demo_inventory, planted.BARE_STACK).document()
    assert doc["termination_protection"] is False
    assert doc["role_arn"] is None
    # Planted with DisableRollback, which moto ignores (docs/moto-gaps.md).
    assert doc["rollback_disabled"] is False
    assert doc["notification_arns"] == []
    assert doc["stack_policy"] is None
    assert doc["output_keys"] == [planted.PASSWORD_OUTPUT]
    assert doc["parameter_keys"] == [planted.PASSWORD_PARAMETER]
    assert doc["plaintext_parameter_keys"] == [planted.PASSWORD_PARAMETER]
    assert "cw-demo-pw-0a9c" not in str(doc)


def test_cdk_bootstrap_version_is_read_from_its_output(demo_inventory: Inventory) -> None:
    doc = _stack(demo_inventory, planted.CDK_TOOLKIT_STACK).document()
    assert doc["cdk_bootstrap_version"] == int(planted.OLD_BOOTSTRAP_VERSION)


def test_missing_drift_information_is_an_error_not_a_value(demo_inventory: Inventory) -> None:
    # moto's DescribeStacks has no DriftInformation (AWS always sends it).
    stack = _stack(demo_inventory, planted.PROTECTED_STACK)
    [error] = stack.document()["collection_errors"]
    assert error["operation"] == "DescribeStacks"
    assert error["code"] == "MissingDriftInformation"
    assert stack.missing_fields() == {"drift_status", "drift_checked_at"}
