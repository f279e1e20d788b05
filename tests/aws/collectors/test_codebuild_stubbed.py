"""CodeBuild source credentials: moto lacks ListSourceCredentials, so the collector is tested on
botocore's Stubber with responses shaped as in the CodeBuild API reference."""

from __future__ import annotations

from cloudwarden.aws.collectors.codebuild import without_credentials
from tests.support.stubbed_aws import Failure, discover_stubbed

TYPE = "aws.codebuild.source_credential"
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
        TYPE, {("codebuild", "us-east-1"): [("list_source_credentials", CREDENTIALS, {})]}
    )
    clients.assert_all_answered()
    assert inventory.errors_for(TYPE) == []
    docs = {r.id: r.document() for r in inventory.of_type(TYPE)}
    github = docs[f"{ARN}/github"]
    assert (github["server_type"], github["auth_type"]) == ("GITHUB", "PERSONAL_ACCESS_TOKEN")
    assert github["resource"] is None
    assert github["name"] == "GITHUB"
    bitbucket = docs[f"{ARN}/bitbucket"]
    assert bitbucket["auth_type"] == "CODECONNECTIONS"
    assert bitbucket["resource"].endswith(":connection/abc")


def test_a_denied_listing_is_recorded_not_empty() -> None:
    inventory, clients = discover_stubbed(
        TYPE,
        {
            ("codebuild", "us-east-1"): [
                ("list_source_credentials", Failure("AccessDeniedException"), {})
            ]
        },
    )
    clients.assert_all_answered()
    assert inventory.of_type(TYPE) == []
    [error] = inventory.errors_for(TYPE)
    assert (error.operation, error.kind.value) == ("ListSourceCredentials", "access_denied")


def test_source_urls_lose_their_user_info() -> None:
    assert (
        without_credentials("https://bot:tok3n@github.com/o/r.git") == "https://github.com/o/r.git"
    )
    assert without_credentials("https://github.com/o/r.git") == "https://github.com/o/r.git"
    assert without_credentials("my-bucket/source.zip") == "my-bucket/source.zip"
    assert without_credentials(None) is None
