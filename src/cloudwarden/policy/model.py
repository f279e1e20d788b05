"""The bundle schema: checks, policies (groups of checks with a scoring system), frameworks."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CHECK_ID = re.compile(r"^aws-[a-z0-9]+(-[a-z0-9]+){2,}$")


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def of(cls, impact: int) -> Severity:
        """critical >= 90, high >= 70, medium >= 40, low otherwise."""
        if impact >= 90:
            return cls.CRITICAL
        if impact >= 70:
            return cls.HIGH
        if impact >= 40:
            return cls.MEDIUM
        return cls.LOW

    @property
    def rank(self) -> int:
        return [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL].index(self)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Remediation(Strict):
    console: str | None = Field(default=None, description="Steps in the AWS console.")
    cli: str | None = Field(default=None, description="AWS CLI commands.")
    cloudformation: str | None = Field(default=None, description="A CloudFormation snippet.")
    terraform: str | None = Field(default=None, description="A Terraform snippet.")


class CheckDocs(Strict):
    description: str = Field(min_length=10, description="What the check verifies.")
    risk: str = Field(min_length=10, description="What can go wrong when it fails.")
    remediation: Remediation
    references: list[str] = Field(default_factory=list, description="Links to AWS docs.")


class Check(Strict):
    """One assertion about every resource of a type (that its filter selects)."""

    id: str = Field(description="Stable id, aws-<service>-<resource>-<assertion>.")
    title: str = Field(min_length=5)
    impact: int = Field(ge=0, le=100)
    resource: str = Field(description="The resource type the check applies to.")
    filter: str | None = Field(default=None, description="CEL: which resources it applies to.")
    assertion: str = Field(alias="assert", description="CEL: true means pass.")
    docs: CheckDocs

    @field_validator("id")
    @classmethod
    def _stable_id(cls, value: str) -> str:
        if not CHECK_ID.match(value) or value.endswith("-check"):
            raise ValueError(
                f"check id {value!r} is not aws-<service>-<resource>-<assertion> in kebab-case"
            )
        return value

    @property
    def severity(self) -> Severity:
        return Severity.of(self.impact)


class ScoringSystem(StrEnum):
    HIGHEST_IMPACT = "highest_impact"
    """The score of the worst failed check: one critical failure dominates."""
    AVERAGE = "average"
    """The mean of check scores."""
    WEIGHTED = "weighted"
    """The mean of check scores weighted by impact."""


class Group(Strict):
    title: str
    checks: list[str] = Field(min_length=1)


class Policy(Strict):
    """A named set of checks in groups, scored by one scoring system."""

    uid: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9.]+)*$")
    name: str
    version: str
    scoring: ScoringSystem = ScoringSystem.HIGHEST_IMPACT
    description: str = ""
    groups: list[Group] = Field(min_length=1)

    @property
    def check_ids(self) -> list[str]:
        return [check for group in self.groups for check in group.checks]


class Control(Strict):
    """A framework control: decided by checks, manual, or not covered, each of the last two
    with its reason.

    ``manual`` is for what no read-only API can decide (an organisational fact);
    ``not_covered`` is for what an API could decide but no shipped check does yet, so a
    reader sees the scanner's gaps instead of a control that silently vanished.
    """

    id: str
    title: str
    checks: list[str] = Field(default_factory=list)
    manual: str | None = Field(
        default=None, description="Why read-only APIs cannot decide this control."
    )
    not_covered: str | None = Field(
        default=None,
        description="Why no shipped check decides this control yet, though an API could.",
    )

    @model_validator(mode="after")
    def _one_way_of_deciding(self) -> Control:
        ways = [bool(self.checks), self.manual is not None, self.not_covered is not None]
        if sum(ways) != 1:
            raise ValueError(
                f"control {self.id} needs exactly one of checks, 'manual' or 'not_covered'"
            )
        return self


class Framework(Strict):
    """A compliance framework: control ids mapped to check ids (checks never name frameworks)."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9.]+)*$")
    name: str
    version: str
    controls: list[Control] = Field(min_length=1)


class Definition(Strict):
    """A named CEL expression with parameters that checks call (see :mod:`.definitions`)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="What checks call it by.")
    params: list[str] = Field(
        default_factory=list, description="Its parameters, replaced by the call's literals."
    )
    expression: str = Field(min_length=1, description="CEL, reading the parameters by name.")
    description: str = Field(min_length=10, description="What it is true of.")

    @field_validator("params")
    @classmethod
    def _identifiers(cls, value: list[str]) -> list[str]:
        for param in value:
            if not re.match(r"^[a-z][a-z0-9_]*$", param):
                raise ValueError(f"parameter {param!r} is not a lower-case identifier")
        return value


class BundleFile(Strict):
    """What one YAML file may hold."""

    definitions: list[Definition] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    policies: list[Policy] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
