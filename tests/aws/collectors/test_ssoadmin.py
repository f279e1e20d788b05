from __future__ import annotations

from cloudwarden.demo.seed import ssoadmin as planted
from cloudwarden.inventory.inventory import Inventory

TYPE = "aws.ssoadmin.instance"


def test_permission_sets_with_sessions_and_policies(demo_inventory: Inventory) -> None:
    [instance] = [i for i in demo_inventory.of_type(TYPE) if i.region == "us-east-1"]
    doc = instance.document()
    assert doc["status"] == "ACTIVE"
    assert doc["identity_store_id"] is not None
    sets = {p["name"]: p for p in doc["permission_sets"]}
    read_only = sets[planted.READ_ONLY_SET]
    assert read_only["session_duration"] == "PT1H"
    assert read_only["session_duration_minutes"] == 60
    assert read_only["inline_policy"] is None
    assert read_only["managed_policy_arns"] == [planted.READ_ONLY_POLICY]
    operator = sets[planted.OPERATOR_SET]
    assert operator["session_duration_minutes"] == 720
    assert operator["inline_policy"]["Statement"][0]["Action"] == "*"
    assert operator["managed_policy_arns"] == []
    assert operator["instance_arn"] == doc["arn"]
    assert doc["collection_errors"] == []
