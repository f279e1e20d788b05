"""The platform's errors: each one is one actionable sentence and maps to one HTTP status."""

from __future__ import annotations

from cloudwarden.exceptions import CloudwardenError


class PlatformError(CloudwardenError):
    """Base of the platform's errors; ``status`` is the HTTP status the API answers with."""

    status = 400
    title = "Bad request"


class InvalidInputError(PlatformError):
    status = 422
    title = "Invalid input"


class NotAuthenticatedError(PlatformError):
    status = 401
    title = "Not authenticated"


class ForbiddenError(PlatformError):
    """The caller is a member of the space but their role does not allow the action."""

    status = 403
    title = "Forbidden"


class NotFoundError(PlatformError):
    """Also what a caller gets for an id of a space they are not in: no existence leak."""

    status = 404
    title = "Not found"


class ConflictError(PlatformError):
    status = 409
    title = "Conflict"


class ConfigurationError(PlatformError):
    """The platform cannot start with these settings."""

    status = 500
    title = "Misconfigured"


class TooManyRequestsError(PlatformError):
    """A declared rate limit was reached; ``retry_after`` is how many seconds to wait."""

    status = 429
    title = "Too many requests"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
