from __future__ import annotations

from cloudwarden.demo.seed import batch as planted
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

JOB = "aws.batch.job_definition"
COMPUTE = "aws.batch.compute_environment"
ARN = "arn:aws:batch:us-east-1:123456789012"


def test_hardened_job_definition(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, JOB, f"{ARN}:job-definition/{planted.HARDENED_JOB}:1").document()
    assert doc["name"] == f"{planted.HARDENED_JOB}:1"
    assert (doc["job_definition_name"], doc["revision"], doc["status"]) == (
        planted.HARDENED_JOB,
        1,
        "ACTIVE",
    )
    assert (doc["job_type"], doc["platform_capabilities"]) == ("container", ["FARGATE"])
    [container] = doc["containers"]
    assert container["user"] == planted.APP_USER
    assert container["readonly_root_filesystem"] is True
    assert container["privileged"] is False
    assert container["execution_role_arn"].endswith(":role/cw-demo-batch-execution")
    assert container["environment_variable_names"] == ["REPORT_BUCKET"]
    assert container["environment_secret_names"] == []
    assert container["secret_names"] == [planted.SENSITIVE_VARIABLE]
    assert container["assign_public_ip"] == "DISABLED"
    assert container["log_driver"] == "awslogs"
    assert doc["tags"] == {"owner": "data"}
    assert doc["collection_errors"] == []


def test_legacy_job_definition_keeps_no_secret(demo_inventory: Inventory) -> None:
    job = find(demo_inventory, JOB, f"{ARN}:job-definition/{planted.LEGACY_JOB}:1")
    [container] = job.document()["containers"]
    assert container["privileged"] is True
    assert container["user"] is None
    assert container["readonly_root_filesystem"] is False
    assert container["environment_secret_names"] == [planted.SENSITIVE_VARIABLE]
    assert fake_password() not in job.model_dump_json()
    assert demo_inventory.errors_for(JOB) == []


def test_compute_environments_and_their_subnets(demo_inventory: Inventory) -> None:
    public = find(demo_inventory, COMPUTE, f"{ARN}:compute-environment/{planted.PUBLIC_COMPUTE}")
    doc = public.document()
    assert doc["name"] == planted.PUBLIC_COMPUTE
    assert (doc["environment_type"], doc["state"], doc["compute_type"]) == (
        "MANAGED",
        "ENABLED",
        "FARGATE",
    )
    assert len(doc["subnet_ids"]) == 2
    assert doc["security_group_ids"]
    assert doc["service_role"].endswith(":role/cw-demo-batch-service")
    private = find(
        demo_inventory, COMPUTE, f"{ARN}:compute-environment/{planted.PRIVATE_COMPUTE}"
    ).document()
    [subnet_id] = private["subnet_ids"]
    subnet = find(demo_inventory, "aws.ec2.subnet", subnet_id).document()
    assert subnet["map_public_ip_on_launch"] is False
    assert demo_inventory.errors_for(COMPUTE) == []
