"""How a Detail comes by its fields: derived from a Map, named for a hand-written apply."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwarden.aws.collectors.mapping import Map, Tags
from cloudwarden.aws.collectors.spec import Call, Detail, Doc


def _computed(doc: Doc, response: Any) -> None:
    doc["summary"] = dict(response)


def _items(doc: Doc) -> list[Doc]:
    return list(doc.get("mount_targets") or [])


def test_a_map_gives_the_detail_its_fields() -> None:
    detail = Detail(Call("DescribeBackupPolicy"), Map({"backup_policy_status": "Status"}))
    assert detail.fields == ("backup_policy_status",)
    assert Detail(Call("ListTags"), Tags()).fields == ("tags",)


def test_fields_named_beside_a_map_must_be_its_own() -> None:
    with pytest.raises(ValueError, match="come from its mapping"):
        Detail(Call("DescribeBackupPolicy"), Map({"status": "Status"}), ("other",))


def test_a_hand_written_apply_names_its_fields() -> None:
    with pytest.raises(ValueError, match="names its fields"):
        Detail(Call("GetAccountSummary"), _computed)
    assert Detail(Call("GetAccountSummary"), _computed, ("summary",)).fields == ("summary",)


def test_a_fan_out_map_names_the_field_holding_its_items() -> None:
    groups = Map({"security_groups": "SecurityGroups"})
    call = Call("DescribeMountTargetSecurityGroups")
    with pytest.raises(ValueError, match="document field holding its items"):
        Detail(call, groups, stage=1, for_each=_items)
    detail = Detail(call, groups, ("mount_targets",), stage=1, for_each=_items)
    assert detail.fields == ("mount_targets",)
