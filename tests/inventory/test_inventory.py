"""The inventory file: round trip, merge, and the messages for files that are not inventories."""

from __future__ import annotations

import pytest

from cloudwarden.aws.collectors import load_all
from cloudwarden.exceptions import InventoryFileError
from cloudwarden.inventory.inventory import Inventory, merge
from cloudwarden.inventory.registry import resource_types

load_all()


def test_json_round_trip_keeps_every_resource_typed(demo_inventory):
    loaded = Inventory.from_json(demo_inventory.to_json(), resource_types)
    assert [r.key for r in loaded.resources] == [r.key for r in demo_inventory.resources]
    assert loaded.counts() == demo_inventory.counts()
    assert loaded.all_errors() == demo_inventory.all_errors()
    bucket = next(r for r in loaded.resources if r.type == "aws.s3.bucket")
    assert type(bucket).__name__ == "S3Bucket"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a cloudwarden inventory"),
        ('{"account_id": "1", "schema_version": 99}', "schema version 99"),
        (
            '{"account_id": "1", "schema_version": 2, "resources": [{"type": "aws.x.y"}]}',
            "unknown resource type 'aws.x.y'",
        ),
    ],
)
def test_files_that_are_not_inventories_are_named_as_such(text, message):
    with pytest.raises(InventoryFileError, match=message):
        Inventory.from_json(text, resource_types)


def test_missing_file_says_which(tmp_path):
    with pytest.raises(InventoryFileError, match="cannot read inventory"):
        Inventory.read(tmp_path / "nope.json", resource_types)


def test_inventories_of_different_accounts_do_not_merge(demo_inventory):
    other = demo_inventory.model_copy(update={"account_id": "210987654321"})
    with pytest.raises(ValueError, match="different accounts"):
        merge([demo_inventory, other])
