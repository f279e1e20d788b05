from __future__ import annotations

from cloudwarden.demo.seed import codebuild as planted
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.codebuild.project"


def test_hardened_project(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, planted.HARDENED_PROJECT).document()
    assert (
        doc["arn"] == f"arn:aws:codebuild:us-east-1:123456789012:project/{planted.HARDENED_PROJECT}"
    )
    assert doc["source"] == {
        "type": "GITHUB",
        "location": planted.REPOSITORY,
        "location_has_credentials": False,
        "insecure_ssl": False,
        "buildspec_inline": False,
    }
    assert doc["artifacts"] == {
        "type": "S3",
        "location": planted.ARTIFACT_BUCKET,
        "encryption_disabled": False,
    }
    assert doc["privileged_mode"] is False
    assert doc["environment_image"] == planted.IMAGE
    assert sorted(doc["environment_variable_names"]) == ["DEPLOY_PASSWORD", "STAGE"]
    # A PARAMETER_STORE variable is a reference, never scanned as a secret.
    assert doc["plaintext_secret_names"] == []
    assert doc["cloudwatch_logs_enabled"] is True
    assert doc["s3_logs_enabled"] is True
    assert doc["s3_logs_encryption_disabled"] is False
    assert doc["vpc_id"].startswith("vpc-")
    assert doc["service_role"].endswith(":role/cw-demo-codebuild")
    # moto ignores the project's encryptionKey and always reports the AWS managed key.
    assert doc["encryption_key"].endswith(":alias/aws/s3")
    assert doc["tags"] == {"owner": "ci"}
    assert doc["collection_errors"] == []


def test_legacy_project_keeps_no_credentials(demo_inventory: Inventory) -> None:
    project = find(demo_inventory, TYPE, planted.LEGACY_PROJECT)
    doc = project.document()
    assert doc["source"]["location"] == planted.REPOSITORY
    assert doc["source"]["location_has_credentials"] is True
    assert doc["source"]["insecure_ssl"] is True
    assert doc["artifacts"]["encryption_disabled"] is True
    assert doc["privileged_mode"] is True
    assert doc["plaintext_secret_names"] == [planted.SENSITIVE_VARIABLE]
    assert (doc["cloudwatch_logs_enabled"], doc["s3_logs_enabled"]) == (False, False)
    assert doc["vpc_id"] is None
    assert fake_password() not in project.model_dump_json()
    assert planted.URL_USER not in project.model_dump_json()
    assert demo_inventory.errors_for(TYPE) == []
