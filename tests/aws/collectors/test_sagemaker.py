from __future__ import annotations

import boto3

from cloudwarden.aws.collectors.sagemaker import _NOTEBOOK
from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import sagemaker as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

TYPE = "aws.sagemaker.notebook_instance"


def test_no_listing_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []


def test_secure_notebook_has_every_control(demo_inventory: Inventory) -> None:
    notebook = find(demo_inventory, TYPE, planted.SECURE).document()
    assert notebook["region"] == "us-east-1"
    assert notebook["arn"] == (
        f"arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/{planted.SECURE}"
    )
    assert notebook["status"] == "InService"
    assert notebook["instance_type"] == planted.INSTANCE_TYPE
    assert notebook["kms_key_id"].startswith("arn:aws:kms:us-east-1:123456789012:key/")
    assert notebook["direct_internet_access"] == "Disabled"
    assert notebook["direct_internet_access_enabled"] is False
    assert notebook["root_access"] == "Disabled"
    assert notebook["subnet_id"].startswith("subnet-")
    assert notebook["security_group_ids"]
    assert all(group.startswith("sg-") for group in notebook["security_group_ids"])
    assert notebook["role_arn"] == f"arn:aws:iam::123456789012:role/{planted.ROLE}"
    assert notebook["created_at"] is not None
    assert notebook["tags"] == planted.TAGS
    # moto drops PlatformIdentifier and InstanceMetadataServiceConfiguration at creation, so
    # DescribeNotebookInstance omits them: null ("not reported"), never a made-up value.
    assert notebook["platform_identifier"] is None
    assert notebook["instance_metadata_service_version"] is None
    assert notebook["collection_errors"] == []


def test_open_notebook_shows_its_exposure(demo_inventory: Inventory) -> None:
    notebook = find(demo_inventory, TYPE, planted.INSECURE).document()
    assert notebook["kms_key_id"] is None
    assert notebook["subnet_id"] is None
    assert notebook["security_group_ids"] == []
    assert notebook["direct_internet_access"] == "Enabled"
    assert notebook["direct_internet_access_enabled"] is True
    assert notebook["root_access"] == "Enabled"
    assert notebook["tags"] == {}
    assert notebook["collection_errors"] == []


def test_reported_imds_version_is_read() -> None:
    """The IMDS setting as AWS reports it (moto does not store it, so stub its answer)."""
    doc: dict[str, object] = {"id": "nb", "arn": "arn"}
    _NOTEBOOK(
        doc,
        {
            "NotebookInstanceName": "nb",
            "DirectInternetAccess": "Disabled",
            "PlatformIdentifier": "notebook-al2-v3",
            "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"},
        },
    )
    assert doc["instance_metadata_service_version"] == "2"
    assert doc["platform_identifier"] == "notebook-al2-v3"
    assert doc["direct_internet_access_enabled"] is False
    assert doc["root_access"] is None
    assert doc["arn"] == "arn"  # no ARN in the answer: the listing's stands


def test_empty_account_lists_nothing_and_records_no_error(
    aws: boto3.Session, identity: Identity
) -> None:
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    )
    assert list(inventory.of_type(TYPE)) == []
    assert inventory.errors_for(TYPE) == []
