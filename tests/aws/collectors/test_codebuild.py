"""CodeBuild projects from the emulated account; source credentials on botocore's Stubber (moto
lacks ListSourceCredentials), responses shaped as in the CodeBuild API reference."""

from __future__ import annotations

from cloudwarden.aws.collectors.codebuild import without_credentials
from cloudwarden.demo.seed import codebuild as planted
from cloudwarden.demo.seed.ecs import fake_password
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find
from tests.support.stubbed_aws import Failure, discover_stubbed

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


CREDENTIAL = "aws.codebuild.source_credential"
ARN = "arn:aws:codebuild:us-east-1:123456789012:token"
CREDENTIALS = {
    "sourceCredentialsInfos": [
        {"arn": f"{ARN}/github", "serverType": "GITHUB", "authType": "PERSONAL_ACCESS_TOKEN"},
        {
            "arn": f"{ARN}/bitbucket",
            "serverType": "BITBUCKET",
            "authType": "CODECONNECTIONS",
            "resource": "arn:aws:codeconnections:us-east-1:123456789012:connection/abc",
        },
    ]
}


def test_source_credentials_are_read_from_the_listing() -> None:
    inventory, clients = discover_stubbed(
        CREDENTIAL, {("codebuild", "us-east-1"): [("list_source_credentials", CREDENTIALS, {})]}
    )
    clients.assert_all_answered()
    assert inventory.errors_for(CREDENTIAL) == []
    docs = {r.id: r.document() for r in inventory.of_type(CREDENTIAL)}
    github = docs[f"{ARN}/github"]
    assert (github["server_type"], github["auth_type"]) == ("GITHUB", "PERSONAL_ACCESS_TOKEN")
    assert github["resource"] is None
    assert github["name"] == "GITHUB"
    bitbucket = docs[f"{ARN}/bitbucket"]
    assert bitbucket["auth_type"] == "CODECONNECTIONS"
    assert bitbucket["resource"].endswith(":connection/abc")


def test_a_denied_listing_is_recorded_not_empty() -> None:
    inventory, clients = discover_stubbed(
        CREDENTIAL,
        {
            ("codebuild", "us-east-1"): [
                ("list_source_credentials", Failure("AccessDeniedException"), {})
            ]
        },
    )
    clients.assert_all_answered()
    assert inventory.of_type(CREDENTIAL) == []
    [error] = inventory.errors_for(CREDENTIAL)
    assert (error.operation, error.kind.value) == ("ListSourceCredentials", "access_denied")


def test_source_urls_lose_their_user_info() -> None:
    assert (
        without_credentials("https://bot:tok3n@github.com/o/r.git") == "https://github.com/o/r.git"
    )
    assert without_credentials("https://github.com/o/r.git") == "https://github.com/o/r.git"
    assert without_credentials("my-bucket/source.zip") == "my-bucket/source.zip"
    assert without_credentials(None) is None
