from __future__ import annotations

from cloudwarden.demo.seed import fsx as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TYPE = "aws.fsx.file_system"


def by_name(inventory: Inventory, name: str) -> Resource:
    [match] = [r for r in inventory.of_type(TYPE) if r.name == name]
    return match


def test_file_systems(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TYPE) == []
    windows = by_name(demo_inventory, planted.WINDOWS).document()
    assert windows["file_system_type"] == "WINDOWS"
    assert windows["deployment_type"] == "MULTI_AZ_1"
    assert windows["automatic_backup_retention_days"] == 14
    assert windows["copy_tags_to_backups"] is True
    assert windows["subnet_ids"] == planted.SUBNETS
    lustre = by_name(demo_inventory, planted.LUSTRE).document()
    assert lustre["file_system_type"] == "LUSTRE"
    assert lustre["deployment_type"] == "SCRATCH_2"
    assert lustre["copy_tags_to_backups"] is False
