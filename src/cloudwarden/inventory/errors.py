"""Collection errors as data: what could not be seen, where, and why."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ErrorKind(StrEnum):
    """Why an API call did not give its data. Checks that need the data report ``error``."""

    ACCESS_DENIED = "access_denied"
    NOT_SUPPORTED = "not_supported"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    THROTTLED = "throttled"
    INVALID_REQUEST = "invalid_request"
    SERVICE_ERROR = "service_error"
    CANCELLED = "cancelled"
    INTERNAL = "internal"


class CollectionError(BaseModel):
    """A failed API call, recorded on the (region, resource type) or the resource it hit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    resource_type: str = Field(description="The resource type whose data is missing.")
    region: str = Field(description="The region of the failed call, or 'global'.")
    service: str = Field(description="The AWS service (boto3 client name) that was called.")
    operation: str = Field(description="The API operation that failed, e.g. GetBucketPolicy.")
    kind: ErrorKind = Field(description="Category of the failure.")
    code: str = Field(description="The AWS error code or exception class name.")
    message: str = Field(description="The error message, with no credentials in it.")
    resource_id: str | None = Field(
        default=None, description="The resource a detail call was about, if any."
    )
    fields: tuple[str, ...] = Field(
        default=(), description="The resource fields left uncollected by this failure."
    )
