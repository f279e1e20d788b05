from __future__ import annotations

from cloudwarden.demo.seed import efs as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource
from cloudwarden.scan.discover import DiscoveryScope, discover

TYPE = "aws.efs.file_system"


def by_name(inventory: Inventory, name: str) -> Resource:
    matches = [r for r in inventory.of_type(TYPE) if r.name == name]
    assert len(matches) == 1, sorted(str(r.name) for r in inventory.of_type(TYPE))
    return matches[0]


def test_no_listing_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []


def test_secure_file_system_has_every_control(demo_inventory: Inventory) -> None:
    fs = by_name(demo_inventory, planted.SECURE).document()
    assert fs["region"] == "us-east-1"
    assert fs["id"].startswith("fs-")
    assert fs["arn"].endswith(f":file-system/{fs['id']}")
    assert fs["encrypted"] is True
    if fs["kms_key_id"] is not None:  # the demo key, when the kms seeder ran
        assert fs["kms_key_id"].startswith("arn:aws:kms:us-east-1:")
    assert fs["throughput_mode"] == "elastic"
    assert fs["backup_policy_status"] == "ENABLED"
    statement = fs["policy"]["Statement"][0]
    assert statement["Effect"] == "Deny"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert {"transition_to_ia": "AFTER_30_DAYS"}.items() <= fs["lifecycle_policies"][0].items()
    [point] = fs["access_points"]
    assert point["name"] == planted.SECURE_ACCESS_POINT
    assert point["root_directory_path"] == planted.APP_ROOT
    assert point["posix_user_uid"] == planted.APP_UID
    assert fs["availability_zone_name"] is None
    assert fs["tags"] == {"Name": planted.SECURE, **planted.TAGS}
    assert fs["collection_errors"] == []


def test_insecure_file_system_shows_what_is_missing(demo_inventory: Inventory) -> None:
    fs = by_name(demo_inventory, planted.INSECURE).document()
    assert fs["encrypted"] is False
    assert fs["kms_key_id"] is None
    # PolicyNotFound from DescribeBackupPolicy / DescribeFileSystemPolicy is "none", not an error.
    assert fs["backup_policy_status"] is None
    assert fs["policy"] is None
    assert fs["lifecycle_policies"] == []
    [point] = fs["access_points"]
    assert point["root_directory_path"] == "/"
    assert point["posix_user_uid"] is None
    assert fs["mount_targets"] == []
    assert fs["collection_errors"] == []


def test_one_zone_file_system_names_its_zone(demo_inventory: Inventory) -> None:
    fs = by_name(demo_inventory, planted.ONE_ZONE).document()
    assert fs["region"] == "eu-west-1"
    assert fs["availability_zone_name"] == "eu-west-1a"
    assert fs["encrypted"] is False
    assert fs["collection_errors"] == []


def test_mount_targets_come_with_their_security_groups(aws, identity) -> None:
    ec2 = aws.client("ec2", region_name="us-east-1")
    efs = aws.client("efs", region_name="us-east-1")
    [subnet] = ec2.describe_subnets(
        Filters=[
            {"Name": "default-for-az", "Values": ["true"]},
            {"Name": "availability-zone", "Values": ["us-east-1a"]},
        ]
    )["Subnets"]
    [group] = ec2.describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [subnet["VpcId"]]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )["SecurityGroups"]
    fs_id = efs.create_file_system(CreationToken="mounted", Backup=False)["FileSystemId"]
    # moto returns no security groups for a mount target unless they are given explicitly.
    efs.create_mount_target(
        FileSystemId=fs_id, SubnetId=subnet["SubnetId"], SecurityGroups=[group["GroupId"]]
    )

    inventory = discover(
        aws, identity, DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    )
    [fs] = [r.document() for r in inventory.of_type(TYPE)]
    assert fs["id"] == fs_id
    assert fs["number_of_mount_targets"] == 1
    [target] = fs["mount_targets"]
    assert target["subnet_id"] == subnet["SubnetId"]
    assert target["vpc_id"] == subnet["VpcId"]
    assert target["life_cycle_state"] == "available"
    assert target["security_groups"] == [group["GroupId"]]
    assert fs["collection_errors"] == []
