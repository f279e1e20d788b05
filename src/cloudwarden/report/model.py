"""The report model: one scan's results, scores and grades, serialised to JSON."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from cloudwarden.inventory.errors import CollectionError
from cloudwarden.inventory.inventory import DiscoveryStats
from cloudwarden.policy.model import Severity
from cloudwarden.policy.results import Status

REPORT_SCHEMA_VERSION = 1


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatusCounts(Frozen):
    passed: int = Field(default=0, alias="pass")
    failed: int = Field(default=0, alias="fail")
    error: int = 0
    skip: int = 0

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ReportResult(Frozen):
    """One check's verdict on one resource, with everything a reader needs to act."""

    check_id: str
    title: str
    status: Status
    severity: Severity
    impact: int
    resource_type: str
    resource_id: str
    resource_arn: str | None
    region: str
    reason: str
    listing_error: bool = Field(
        default=False,
        description="The result stands for a type whose listing failed in the region, not "
        "for one resource.",
    )
    controls: list[str] = Field(
        default_factory=list, description="Framework controls mapped to the check (fw:control)."
    )


class PolicyScore(Frozen):
    uid: str
    name: str
    version: str
    scoring: str
    score: int | None
    grade: str
    counts: StatusCounts


class AssetScore(Frozen):
    """The account itself, or one resource."""

    resource_type: str
    resource_id: str
    resource_arn: str | None
    region: str
    score: int | None
    grade: str
    counts: StatusCounts


class ControlStatus(StrEnum):
    PASS = "pass"  # noqa: S105 - a status, not a password
    FAIL = "fail"
    ERROR = "error"
    MANUAL = "manual"
    """No read-only API can decide it; the reason says what to review."""
    NOT_COVERED = "not_covered"
    """An API could decide it but no shipped check does yet; the reason says what is missing."""


class ControlView(Frozen):
    id: str
    title: str
    status: ControlStatus
    checks: list[str]
    failing_resources: list[str] = Field(default_factory=list)
    reason: str = ""


class FrameworkView(Frozen):
    id: str
    name: str
    version: str
    counts: dict[str, int]
    controls: list[ControlView]


class Report(Frozen):
    """Everything one scan found; the JSON Schema of this model is published in docs/."""

    schema_version: int = REPORT_SCHEMA_VERSION
    account_id: str
    partition: str
    generated_at: datetime
    complete: bool = Field(description="False when the scan was cancelled.")
    score: int | None = Field(
        description="The account's score, 0-100: the mean of its policies' scores, each by its "
        "own scoring system (highest impact by default)."
    )
    grade: str
    counts: StatusCounts
    severity_failures: dict[str, int] = Field(description="Failed results per severity.")
    policies: list[PolicyScore]
    frameworks: list[FrameworkView]
    assets: list[AssetScore]
    results: list[ReportResult]
    resource_counts: dict[str, dict[str, int]]
    regions: list[str]
    skipped_regions: dict[str, str]
    collection_errors: list[CollectionError]
    discovery: DiscoveryStats
