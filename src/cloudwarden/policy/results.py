"""Check results: four statuses, each with the resource, the place and the reason."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from cloudwarden.policy.model import Severity


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 - a status, not a password
    FAIL = "fail"
    ERROR = "error"
    """The data the check needs was not collected (denied, failed, missing); never a pass."""
    SKIP = "skip"
    """The check's filter does not select the resource."""


class Result(BaseModel):
    """The verdict of one check on one resource (or on a scope whose listing failed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    check_id: str
    status: Status
    severity: Severity
    impact: int
    resource_type: str
    resource_id: str = Field(description="The resource id, or '<type>@<region>' for a listing.")
    resource_arn: str | None = None
    region: str
    reason: str = ""
    listing_error: bool = Field(
        default=False,
        description="The result stands for a type whose listing failed in the region (no "
        "resource could be seen), not for one resource; it belongs to the account asset.",
    )

    @property
    def asset_key(self) -> tuple[str, str, str]:
        return (self.resource_type, self.region, self.resource_id)
