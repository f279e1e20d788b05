from __future__ import annotations

from cloudwarden.demo.seed import ecs as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

ARN = "arn:aws:ecs:us-east-1:123456789012"
CLUSTER = "aws.ecs.cluster"
TASK = "aws.ecs.task_definition"
SERVICE = "aws.ecs.service"


def test_cluster_settings_and_storage_key(demo_inventory: Inventory) -> None:
    monitored = find(demo_inventory, CLUSTER, f"{ARN}:cluster/{planted.MONITORED_CLUSTER}")
    doc = monitored.document()
    assert doc["name"] == planted.MONITORED_CLUSTER
    assert doc["status"] == "ACTIVE"
    assert doc["container_insights"] == "enabled"
    assert doc["execute_command_logging"] == "DEFAULT"
    assert doc["fargate_ephemeral_storage_kms_key_id"].startswith("arn:aws:kms:us-east-1:")
    assert doc["tags"] == {"owner": "platform"}
    assert doc["collection_errors"] == []
    bare = find(demo_inventory, CLUSTER, f"{ARN}:cluster/{planted.BARE_CLUSTER}").document()
    assert bare["container_insights"] == "disabled"
    assert bare["execute_command_logging"] is None
    assert bare["fargate_ephemeral_storage_kms_key_id"] is None
    assert demo_inventory.errors_for(CLUSTER) == []


def test_hardened_task_definition(demo_inventory: Inventory) -> None:
    task = find(demo_inventory, TASK, f"{ARN}:task-definition/{planted.HARDENED_TASK}:1")
    doc = task.document()
    assert doc["name"] == f"{planted.HARDENED_TASK}:1"
    assert (doc["family"], doc["revision"], doc["status"]) == (planted.HARDENED_TASK, 1, "ACTIVE")
    assert doc["network_mode"] == "awsvpc"
    assert doc["pid_mode"] is None
    assert doc["requires_compatibilities"] == ["FARGATE"]
    [container] = doc["containers"]
    assert container["user"] == planted.APP_USER
    assert container["readonly_root_filesystem"] is True
    assert container["privileged"] is False
    assert container["log_driver"] == "awslogs"
    assert container["log_options"]["awslogs-group"] == planted.LOG_GROUP
    assert container["environment_variable_names"] == [planted.PLAIN_VARIABLE]
    assert container["environment_secret_names"] == []
    assert container["secret_names"] == [planted.SENSITIVE_VARIABLE]
    assert container["init_process_enabled"] is True
    assert doc["efs_volumes"] == [
        {
            "name": "shared",
            "file_system_id": planted.EFS_ID,
            "transit_encryption": "ENABLED",
            "iam_authorization": None,
        }
    ]
    assert doc["tags"] == {"owner": "platform"}
    assert doc["collection_errors"] == []


def test_legacy_task_definition_keeps_names_not_secret_values(
    demo_inventory: Inventory,
) -> None:
    task = find(demo_inventory, TASK, f"{ARN}:task-definition/{planted.LEGACY_TASK}:1")
    doc = task.document()
    assert (doc["network_mode"], doc["pid_mode"]) == ("host", "host")
    [container] = doc["containers"]
    assert container["privileged"] is True
    assert container["user"] is None
    assert container["readonly_root_filesystem"] is False
    assert container["log_driver"] is None
    assert container["image"] == "nginx:latest"
    assert container["capabilities_added"] == ["SYS_ADMIN", "NET_ADMIN"]
    assert container["environment_variable_names"] == sorted(
        [planted.PLAIN_VARIABLE, planted.SENSITIVE_VARIABLE]
    )
    assert container["environment_secret_names"] == [planted.SENSITIVE_VARIABLE]
    assert doc["efs_volumes"][0]["transit_encryption"] == "DISABLED"
    assert planted.fake_password() not in task.model_dump_json()


def test_services_listed_across_clusters(demo_inventory: Inventory) -> None:
    prefix = f"{ARN}:service/{planted.MONITORED_CLUSTER}"
    private = find(demo_inventory, SERVICE, f"{prefix}/{planted.PRIVATE_SERVICE}").document()
    assert private["cluster_arn"] == f"{ARN}:cluster/{planted.MONITORED_CLUSTER}"
    assert private["launch_type"] == "FARGATE"
    assert private["platform_version"] == "LATEST"
    assert private["assign_public_ip"] == "DISABLED"
    assert len(private["subnet_ids"]) == 2
    assert private["security_group_ids"]
    assert private["task_definition"].endswith(f"{planted.HARDENED_TASK}:1")
    assert private["desired_count"] == 1
    assert private["collection_errors"] == []
    public = find(demo_inventory, SERVICE, f"{prefix}/{planted.PUBLIC_SERVICE}").document()
    assert public["assign_public_ip"] == "ENABLED"
    assert public["platform_version"] == planted.OLD_PLATFORM
    assert demo_inventory.errors_for(SERVICE) == []
