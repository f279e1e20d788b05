from __future__ import annotations

from typing import Any

import boto3
import pytest

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import ec2 as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

HOME = "us-east-1"
OTHER = "eu-west-1"
INSTANCE = "aws.ec2.instance"
SECURITY_GROUP = "aws.ec2.security_group"
VOLUME = "aws.ec2.volume"
SNAPSHOT = "aws.ec2.snapshot"
IMAGE = "aws.ec2.image"
REGION_SETTINGS = "aws.ec2.region_settings"
TYPES = (INSTANCE, SECURITY_GROUP, VOLUME, SNAPSHOT, IMAGE, REGION_SETTINGS)
NOT_IN_MOTO = {
    "GetEbsDefaultKmsKeyId",
    "GetSnapshotBlockPublicAccessState",
    "GetImageBlockPublicAccessState",
    "GetSerialConsoleAccessStatus",
    "GetInstanceMetadataDefaults",
}


def named(inventory: Inventory, type_name: str, name: str, region: str = HOME) -> dict[str, Any]:
    """The document of the one resource of that type and name in the region (ids are random)."""
    matches = [
        r.document() for r in inventory.of_type(type_name) if r.name == name and r.region == region
    ]
    assert len(matches) == 1, f"{len(matches)} {type_name} named {name!r} in {region}"
    return matches[0]


def group_id(inventory: Inventory, name: str, region: str = HOME) -> str:
    return str(named(inventory, SECURITY_GROUP, name, region)["id"])


@pytest.mark.parametrize("type_name", TYPES)
def test_ec2_types_list_without_errors(demo_inventory: Inventory, type_name: str) -> None:
    assert demo_inventory.errors_for(type_name) == []


def test_hardened_instance_requires_imdsv2_and_has_no_public_ip(demo_inventory: Inventory) -> None:
    instance = named(demo_inventory, INSTANCE, planted.HARDENED_INSTANCE)
    assert instance["arn"] == f"arn:aws:ec2:{HOME}:123456789012:instance/{instance['id']}"
    assert instance["state"] == "running"
    assert instance["image_id"] == planted.BASE_IMAGE_ID
    assert instance["instance_type"] == "t3.micro"
    assert instance["metadata_options"]["http_tokens"] == "required"
    assert instance["metadata_options"]["http_put_response_hop_limit"] == 1
    assert instance["metadata_options"]["http_endpoint"] == "enabled"
    assert instance["public_ip"] is None
    assert instance["public_dns"] is None
    assert instance["private_ip"].startswith("10.20.1.")
    assert instance["monitoring_state"] == "enabled"
    assert instance["ebs_optimized"] is True
    assert instance["iam_instance_profile_arn"] is None
    assert instance["key_name"] is None
    assert instance["security_group_ids"] == [group_id(demo_inventory, planted.RESTRICTED_GROUP)]
    root = [d for d in instance["block_device_mappings"] if d["device_name"] == "/dev/sda1"]
    assert root[0]["delete_on_termination"] is True
    assert instance["collection_errors"] == []


def test_exposed_instance_shows_public_ip_imdsv1_and_profile(demo_inventory: Inventory) -> None:
    instance = named(demo_inventory, INSTANCE, planted.EXPOSED_INSTANCE)
    assert instance["metadata_options"]["http_tokens"] == "optional"
    assert instance["metadata_options"]["http_put_response_hop_limit"] == 2
    assert instance["public_ip"]
    assert instance["public_dns"]
    assert instance["iam_instance_profile_arn"] == (
        f"arn:aws:iam::123456789012:instance-profile/{planted.INSTANCE_PROFILE}"
    )
    assert instance["key_name"] == planted.KEY_PAIR
    assert instance["monitoring_state"] == "disabled"
    assert set(instance["security_group_ids"]) == {
        group_id(demo_inventory, planted.OPEN_SSH_GROUP),
        group_id(demo_inventory, planted.ALL_TRAFFIC_GROUP),
    }
    assert instance["block_device_mappings"][0]["delete_on_termination"] is False
    assert len(instance["network_interface_ids"]) == 1


def test_instances_are_planted_in_every_region(demo_inventory: Inventory) -> None:
    other = named(demo_inventory, INSTANCE, planted.EXPOSED_INSTANCE, OTHER)
    assert other["region"] == OTHER
    assert other["availability_zone"].startswith(OTHER)


def test_open_groups_normalise_to_one_rule_per_source(demo_inventory: Inventory) -> None:
    ssh = named(demo_inventory, SECURITY_GROUP, planted.OPEN_SSH_GROUP)
    assert ssh["ingress_rules"] == [
        {
            "protocol": "tcp",
            "all_traffic": False,
            "from_port": 22,
            "to_port": 22,
            "source_kind": "cidr_ipv4",
            "source": "0.0.0.0/0",
            "source_account_id": None,
            "open_to_internet": True,
            "description": None,
        }
    ]
    assert ssh["is_default"] is False
    assert ssh["arn"] == f"arn:aws:ec2:{HOME}:123456789012:security-group/{ssh['id']}"
    rdp = named(demo_inventory, SECURITY_GROUP, planted.OPEN_RDP_GROUP)
    assert [(r["source_kind"], r["source"], r["from_port"]) for r in rdp["ingress_rules"]] == [
        ("cidr_ipv6", "::/0", 3389)
    ]
    everything = named(demo_inventory, SECURITY_GROUP, planted.ALL_TRAFFIC_GROUP)
    rule = everything["ingress_rules"][0]
    assert (rule["protocol"], rule["all_traffic"], rule["from_port"]) == ("-1", True, None)
    assert rule["open_to_internet"] is True


def test_restricted_group_limits_ingress_and_egress(demo_inventory: Inventory) -> None:
    group = named(demo_inventory, SECURITY_GROUP, planted.RESTRICTED_GROUP)
    [ingress] = group["ingress_rules"]
    assert (ingress["from_port"], ingress["source"], ingress["open_to_internet"]) == (
        443,
        "10.0.0.0/8",
        False,
    )
    assert ingress["description"] == "internal clients"
    assert [(r["protocol"], r["to_port"], r["source"]) for r in group["egress_rules"]] == [
        ("tcp", 443, "10.0.0.0/8")
    ]
    assert group["collection_errors"] == []


def test_groups_list_the_interfaces_that_use_them(demo_inventory: Inventory) -> None:
    exposed = named(demo_inventory, INSTANCE, planted.EXPOSED_INSTANCE)
    ssh = named(demo_inventory, SECURITY_GROUP, planted.OPEN_SSH_GROUP)
    assert [i["instance_id"] for i in ssh["network_interfaces"]] == [exposed["id"]]
    assert ssh["network_interfaces"][0]["public_ip"] == exposed["public_ip"]
    assert named(demo_inventory, SECURITY_GROUP, planted.OPEN_RDP_GROUP)["network_interfaces"] == []


def test_default_group_of_the_demo_vpc_keeps_default_rules(demo_inventory: Inventory) -> None:
    vpc_id = named(demo_inventory, SECURITY_GROUP, planted.OPEN_SSH_GROUP)["vpc_id"]
    [default] = [
        r.document()
        for r in demo_inventory.of_type(SECURITY_GROUP)
        if r.region == HOME and r.name == "default" and r.document()["vpc_id"] == vpc_id
    ]
    assert default["is_default"] is True
    assert [(r["all_traffic"], r["source"]) for r in default["egress_rules"]] == [
        (True, "0.0.0.0/0")
    ]
    # Real AWS also allows all ingress from the group itself; moto's default group has no rule.
    assert all(r["source_kind"] == "security_group" for r in default["ingress_rules"])


def test_volumes_report_encryption_and_attachments(demo_inventory: Inventory) -> None:
    hardened = named(demo_inventory, INSTANCE, planted.HARDENED_INSTANCE)
    encrypted = named(demo_inventory, VOLUME, planted.ENCRYPTED_VOLUME)
    assert encrypted["encrypted"] is True
    assert encrypted["kms_key_id"].startswith(f"arn:aws:kms:{HOME}:123456789012:key/")
    assert (encrypted["size"], encrypted["volume_type"], encrypted["state"]) == (
        20,
        "gp3",
        "in-use",
    )
    assert [(a["instance_id"], a["device"]) for a in encrypted["attachments"]] == [
        (hardened["id"], "/dev/sdf")
    ]
    unencrypted = named(demo_inventory, VOLUME, planted.UNENCRYPTED_VOLUME)
    assert unencrypted["encrypted"] is False
    assert unencrypted["kms_key_id"] is None
    assert unencrypted["state"] == "available"
    assert unencrypted["attachments"] == []
    assert unencrypted["collection_errors"] == []


def test_public_snapshot_is_flagged_public(demo_inventory: Inventory) -> None:
    snapshot = named(demo_inventory, SNAPSHOT, planted.PUBLIC_SNAPSHOT)
    assert snapshot["public"] is True
    assert [p["group"] for p in snapshot["create_volume_permissions"]] == ["all"]
    assert snapshot["encrypted"] is False
    assert snapshot["volume_id"] == named(demo_inventory, VOLUME, planted.UNENCRYPTED_VOLUME)["id"]
    assert snapshot["arn"] == f"arn:aws:ec2:{HOME}::snapshot/{snapshot['id']}"
    assert snapshot["collection_errors"] == []


def test_private_snapshot_is_encrypted_and_unshared(demo_inventory: Inventory) -> None:
    snapshot = named(demo_inventory, SNAPSHOT, planted.PRIVATE_SNAPSHOT)
    assert snapshot["public"] is False
    assert snapshot["create_volume_permissions"] == []
    assert snapshot["encrypted"] is True
    assert snapshot["state"] == "completed"
    assert snapshot["owner_id"] == "123456789012"


def test_images_show_who_may_launch_them(demo_inventory: Inventory) -> None:
    public = named(demo_inventory, IMAGE, planted.PUBLIC_IMAGE)
    assert public["public"] is True
    assert [p["group"] for p in public["launch_permissions"]] == ["all"]
    assert (
        public["source_instance_id"]
        == named(demo_inventory, INSTANCE, planted.EXPOSED_INSTANCE)["id"]
    )
    assert public["block_device_mappings"][0]["snapshot_id"].startswith("snap-")
    private = named(demo_inventory, IMAGE, planted.PRIVATE_IMAGE)
    assert private["public"] is False
    assert private["launch_permissions"] == []
    assert private["state"] == "available"
    assert private["description"] == "hardened base image"
    assert private["arn"] == f"arn:aws:ec2:{HOME}::image/{private['id']}"
    assert private["collection_errors"] == []


def test_region_settings_hold_ebs_encryption_by_default(demo_inventory: Inventory) -> None:
    home = find(demo_inventory, REGION_SETTINGS, HOME).document()
    other = find(demo_inventory, REGION_SETTINGS, OTHER).document()
    assert home["region"] == HOME
    assert home["ebs_encryption_by_default"] is True
    assert other["ebs_encryption_by_default"] is False


def test_region_settings_moto_lacks_are_recorded_as_errors(demo_inventory: Inventory) -> None:
    # moto 5.2.5 does not implement these APIs: the product must say the fields were not
    # collected (not_supported, on the resource), never invent a value.
    settings = find(demo_inventory, REGION_SETTINGS, HOME)
    errors = {error.operation: error for error in settings.collection_errors}
    assert set(errors) == NOT_IN_MOTO
    # in-process moto raises NotImplementedError; over HTTP it answers an HTML 500 page
    assert {error.kind for error in errors.values()} <= {
        ErrorKind.NOT_SUPPORTED,
        ErrorKind.SERVICE_ERROR,
    }
    assert errors["GetSnapshotBlockPublicAccessState"].fields == (
        "snapshot_block_public_access_state",
    )
    assert errors["GetInstanceMetadataDefaults"].fields == ("instance_metadata_defaults",)
    document = settings.document()
    assert document["snapshot_block_public_access_state"] is None
    assert document["instance_metadata_defaults"] is None
    assert settings.missing_fields() == {
        "ebs_default_kms_key_id",
        "snapshot_block_public_access_state",
        "image_block_public_access_state",
        "serial_console_access_enabled",
        "instance_metadata_defaults",
    }


def test_bulk_resources_scale_per_region(demo_inventory: Inventory) -> None:
    for type_name in (INSTANCE, SECURITY_GROUP, VOLUME):
        for region in (HOME, OTHER):
            bulk = [
                r
                for r in demo_inventory.of_type(type_name)
                if r.region == region and (r.name or "").startswith(planted.BULK_PREFIX)
            ]
            assert len(bulk) == planted.BULK_PER_REGION, (type_name, region)


def test_rules_split_every_peer_of_a_permission(aws: boto3.Session, identity: Identity) -> None:
    ec2 = aws.client("ec2", region_name=HOME)
    prefix_list = ec2.create_managed_prefix_list(
        PrefixListName="office", MaxEntries=2, AddressFamily="IPv4"
    )["PrefixList"]["PrefixListId"]
    vpc_id = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    group = ec2.create_security_group(GroupName="mixed", Description="d", VpcId=vpc_id)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 0,
                "ToPort": 65535,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "192.168.0.0/24"}],
                "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
                "UserIdGroupPairs": [{"GroupId": group, "Description": "self"}],
                "PrefixListIds": [{"PrefixListId": prefix_list}],
            },
            {
                "IpProtocol": "icmp",
                "FromPort": 8,
                "ToPort": -1,
                "IpRanges": [{"CidrIp": "10.0.0.0/8"}],
            },
        ],
    )
    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(SECURITY_GROUP,), regions=(HOME,))
    )
    rules = find(inventory, SECURITY_GROUP, group).document()["ingress_rules"]
    assert [(r["source_kind"], r["source"], r["open_to_internet"]) for r in rules] == [
        ("cidr_ipv4", "0.0.0.0/0", True),
        ("cidr_ipv4", "192.168.0.0/24", False),
        ("cidr_ipv6", "::/0", True),
        ("security_group", group, False),
        ("prefix_list", prefix_list, False),
        ("cidr_ipv4", "10.0.0.0/8", False),
    ]
    assert rules[3]["source_account_id"] == "123456789012"
    assert rules[3]["description"] == "self"
    assert {(r["from_port"], r["to_port"]) for r in rules[:5]} == {(0, 65535)}
    assert (rules[5]["protocol"], rules[5]["from_port"], rules[5]["to_port"]) == ("icmp", 8, -1)


def test_empty_account_has_settings_but_no_own_snapshots_or_images(
    aws: boto3.Session, identity: Identity
) -> None:
    inventory = discover(
        aws,
        identity,
        DiscoveryScope(resource_types=(SNAPSHOT, IMAGE, REGION_SETTINGS), regions=(HOME,)),
    )
    assert list(inventory.of_type(SNAPSHOT)) == []
    assert list(inventory.of_type(IMAGE)) == []
    settings = find(inventory, REGION_SETTINGS, HOME).document()
    assert settings["ebs_encryption_by_default"] is False
