"""The one small exception tree of cloudwarden.

Every error a user can cause ends in a subclass of :class:`CloudwardenError` whose message is one
actionable sentence; the CLI prints it and exits non-zero, never a traceback.
"""


class CloudwardenError(Exception):
    """Base of every error cloudwarden raises on purpose."""


class CredentialsError(CloudwardenError):
    """The credentials given cannot be used; the message says what to fix."""


class ScopeError(CloudwardenError):
    """A scan scope names regions, services, or resource types that do not exist."""


class InventoryFileError(CloudwardenError):
    """An inventory file cannot be read or is not an inventory."""


class DemoUnavailableError(CloudwardenError):
    """The embedded emulated account needs the optional ``demo`` extra."""


class PolicyError(CloudwardenError):
    """A policy bundle cannot be loaded or does not lint; the message names file and place."""
