"""Why a region of the partition was not scanned: codes, so callers word them as they need."""

from __future__ import annotations

from enum import StrEnum


class RegionSkipReason(StrEnum):
    """The reason a region is listed in ``Inventory.skipped_regions``."""

    NOT_ENABLED = "not_enabled"
    """An opt-in region the account has not enabled."""
    EXCLUDED = "excluded"
    """The scan's scope excludes it."""
    NOT_SELECTED = "not_selected"
    """The scan's scope names regions and this is not one of them."""
    OTHER_PARTITION = "other_partition"
    """It belongs to another partition than the credentials' (aws-cn, aws-us-gov...)."""


REGION_LIST_TYPE = "aws.ec2.region"
"""The type a failed ec2:DescribeRegions is recorded on: the account's regions and their opt-in
status. No collector lists it and no check reads it; the error says what was not checked."""
