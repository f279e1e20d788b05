"""The base of every resource document.

A resource type is a pydantic model whose fields are its contract with policy authors: every
field has a description, and ``cloudwarden resources describe`` prints them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from cloudwarden.inventory.errors import CollectionError

GLOBAL_REGION = "global"


class Document(BaseModel):
    """A nested part of a resource document (a rule, a grant, a key...)."""

    model_config = ConfigDict(extra="forbid")


class Resource(BaseModel):
    """Fields every resource has; subclasses add their own, each with a description."""

    model_config = ConfigDict(extra="forbid")

    resource_type: ClassVar[str] = ""
    """The stable type name, ``aws.<service>.<resource>``; set by the registering decorator."""
    account_asset: ClassVar[bool] = False
    """The type describes the account itself (``aws.account``, per-region settings); set by the
    registering decorator."""

    type: str = Field(description="The resource type name, e.g. aws.s3.bucket.")
    id: str = Field(description="The resource identifier, unique within type and region.")
    arn: str | None = Field(default=None, description="The Amazon Resource Name, if it has one.")
    name: str | None = Field(default=None, description="A human-readable name, if it has one.")
    region: str = Field(description="The AWS region, or 'global' for account-wide resources.")
    account_id: str = Field(description="The AWS account id that owns the resource.")
    tags: dict[str, str] = Field(default_factory=dict, description="The resource's tags.")
    collection_errors: list[CollectionError] = Field(
        default_factory=list,
        description="Detail calls that failed for this resource, with the fields they left empty.",
    )

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a resource unique in an inventory."""
        return (self.type, self.region, self.id)

    def missing_field_errors(self) -> dict[str, CollectionError]:
        """The top-level fields that a failed call left uncollected, each with its (first) error."""
        missing: dict[str, CollectionError] = {}
        for error in self.collection_errors:
            for path in error.fields:
                missing.setdefault(path.split(".")[0].split("[")[0], error)
        return missing

    def missing_fields(self) -> set[str]:
        """The top-level fields that a failed call left uncollected."""
        return set(self.missing_field_errors())

    def document(self) -> dict[str, Any]:
        """The JSON-ready document a policy evaluates."""
        return self.model_dump(mode="json")
