"""Backup vault access policies, which moto cannot answer (404 "Not yet implemented"): the
declared detail is run against botocore's Stubber on the real service model, with responses
shaped as in the AWS Backup API reference.

The detail is called directly rather than through a whole discovery: the engine runs a vault's
details side by side, and the Stubber answers strictly in the order responses were queued.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Detail, RegionContext
from cloudwarden.policy.functions import policy_is_public
from tests.conftest import ACCOUNT_ID

REGION = "us-east-1"
NAME = "cw-test-vault"
ARN = f"arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-vault:{NAME}"
PUBLIC_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "backup:CopyIntoBackupVault",
            "Resource": "*",
        }
    ],
}
LISTED_VAULT = {
    "BackupVaultName": NAME,
    "BackupVaultArn": ARN,
    "VaultType": "BACKUP_VAULT",
    "EncryptionKeyArn": f"arn:aws:kms:{REGION}:{ACCOUNT_ID}:key/1234abcd",
    "NumberOfRecoveryPoints": 12,
    "Locked": False,
}


@pytest.fixture
def stubbed() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    ).client("backup")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _policy_detail() -> Detail:
    spec = load_all().get("aws.backup.vault")
    [detail] = [d for d in spec.details if d.call.operation == "GetBackupVaultAccessPolicy"]
    return detail


def _vault() -> dict[str, Any]:
    spec = load_all().get("aws.backup.vault")
    return spec.normalize(LISTED_VAULT, RegionContext(ACCOUNT_ID, "aws", REGION))


def test_listed_vault_reads_key_and_recovery_points() -> None:
    vault = _vault()
    assert (vault["id"], vault["arn"]) == (NAME, ARN)
    assert vault["encryption_key_arn"] == LISTED_VAULT["EncryptionKeyArn"]
    assert vault["number_of_recovery_points"] == 12
    assert vault["locked"] is False


def test_access_policy_is_read_as_a_document(stubbed: tuple[Any, Stubber]) -> None:
    client, stubber = stubbed
    detail, vault = _policy_detail(), _vault()
    params = dict(detail.call.params(vault)) if detail.call.params else {}
    stubber.add_response(
        "get_backup_vault_access_policy",
        {"BackupVaultName": NAME, "BackupVaultArn": ARN, "Policy": json.dumps(PUBLIC_POLICY)},
        {"BackupVaultName": NAME},
    )
    detail.apply(vault, client.get_backup_vault_access_policy(**params))
    assert vault["access_policy"] == PUBLIC_POLICY
    assert policy_is_public(vault["access_policy"])
    assert detail.fields == ("access_policy",)


def test_vault_without_a_policy_answers_an_error_declared_absent(
    stubbed: tuple[Any, Stubber],
) -> None:
    client, stubber = stubbed
    detail, vault = _policy_detail(), _vault()
    stubber.add_client_error(
        "get_backup_vault_access_policy",
        service_error_code="ResourceNotFoundException",
        service_message=f"Backup vault {NAME} has no access policy",
        http_status_code=404,
        expected_params={"BackupVaultName": NAME},
    )
    with pytest.raises(ClientError) as raised:
        client.get_backup_vault_access_policy(BackupVaultName=NAME)
    code = raised.value.response["Error"]["Code"]
    # The engine answers a declared "absent" error with the response it stands for.
    detail.apply(vault, detail.absent[code])
    assert vault["access_policy"] is None
    assert "AccessDeniedException" not in detail.absent
