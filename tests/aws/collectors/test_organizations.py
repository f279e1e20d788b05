from __future__ import annotations

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import organizations as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import ACCOUNT_ID, find

TYPE = "aws.organizations.organization"


def test_the_demo_account_manages_an_organization(demo_inventory: Inventory) -> None:
    organization = find(demo_inventory, TYPE, ACCOUNT_ID)
    doc = organization.document()
    assert doc["region"] == "global"
    assert doc["in_organization"] is True
    assert doc["organization_id"].startswith("o-")
    assert doc["management_account_id"] == ACCOUNT_ID
    assert doc["is_management_account"] is True
    assert doc["feature_set"] == "ALL"
    assert doc["root_id"].startswith("r-")
    assert set(doc["enabled_policy_types"]) >= {
        "SERVICE_CONTROL_POLICY",
        "TAG_POLICY",
        "AISERVICES_OPT_OUT_POLICY",
    }
    assert doc["collection_errors"] == []


def test_policies_carry_their_content_and_targets(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, ACCOUNT_ID).document()
    root = doc["root_id"]
    scps = {p["name"]: p for p in doc["scps"]}
    assert scps["FullAWSAccess"]["aws_managed"] is True
    region_scp = scps[planted.REGION_SCP]
    assert region_scp["aws_managed"] is False
    assert [t["target_id"] for t in region_scp["targets"]] == [root]
    condition = region_scp["content"]["Statement"][0]["Condition"]
    assert condition == {"StringNotEquals": {"aws:RequestedRegion": planted.ALLOWED_REGIONS}}
    [tags] = doc["tag_policies"]
    assert tags["name"] == planted.TAG_POLICY
    assert tags["targets"] == []
    [opt_out] = doc["ai_opt_out_policies"]
    assert opt_out["content"]["services"]["default"]["opt_out_policy"] == {"@@assign": "optOut"}
    assert opt_out["targets"][0]["type"] == "ROOT"


def test_delegated_administrators_and_their_services(demo_inventory: Inventory) -> None:
    doc = find(demo_inventory, TYPE, ACCOUNT_ID).document()
    [admin] = doc["delegated_administrators"]
    assert admin["name"] == planted.SECURITY_ACCOUNT
    assert admin["status"] == "ACTIVE"
    assert admin["services"] == [planted.DELEGATED_SERVICE]
    assert admin["delegated_at"] is not None


def test_standalone_account_is_not_in_an_organization(
    aws: boto3.Session, identity: Identity
) -> None:
    inventory = discover(
        aws,
        identity,
        DiscoveryScope(regions=("us-east-1",), resource_types=(TYPE,)),
    )
    doc = find(inventory, TYPE, ACCOUNT_ID).document()
    assert doc["in_organization"] is False
    assert doc["is_management_account"] is False
    assert doc["scps"] == []
    assert doc["collection_errors"] == []
