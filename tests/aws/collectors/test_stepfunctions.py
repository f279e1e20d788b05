from __future__ import annotations

from cloudwarden.demo.seed import stepfunctions as planted
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.stepfunctions.state_machine"
ARN = "arn:aws:states:us-east-1:123456789012:stateMachine"


def test_hardened_state_machine(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, f"{ARN}:{planted.HARDENED_MACHINE}").document()
    assert doc["name"] == planted.HARDENED_MACHINE
    assert (doc["machine_type"], doc["status"]) == ("STANDARD", "ACTIVE")
    assert doc["role_arn"].endswith(":role/cw-demo-states")
    assert doc["logging_level"] == "ERROR"
    assert doc["logging_include_execution_data"] is False
    assert doc["log_destinations"] == [
        f"arn:aws:logs:us-east-1:123456789012:log-group:{planted.LOG_GROUP}:*"
    ]
    assert doc["tracing_enabled"] is True
    assert doc["encryption_type"] == "CUSTOMER_MANAGED_KMS_KEY"
    assert doc["kms_key_id"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert doc["definition_secret_kinds"] == []
    assert doc["tags"] == {"owner": "orders"}
    assert doc["collection_errors"] == []


def test_legacy_state_machine_keeps_no_secret(demo_inventory: Inventory) -> None:
    machine = find(demo_inventory, TYPE, f"{ARN}:{planted.LEGACY_MACHINE}")
    doc = machine.document()
    assert doc["machine_type"] == "EXPRESS"
    assert doc["logging_level"] == "OFF"
    assert doc["log_destinations"] == []
    assert doc["tracing_enabled"] is False
    assert (doc["encryption_type"], doc["kms_key_id"]) == ("AWS_OWNED_KEY", None)
    assert doc["definition_secret_kinds"] == ["Secret Keyword"]
    assert fake_password() not in machine.model_dump_json()
    assert demo_inventory.errors_for(TYPE) == []
