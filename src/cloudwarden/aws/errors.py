"""Turn whatever an AWS call raised into an error record: kind, code, message."""

from __future__ import annotations

from dataclasses import dataclass

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
    UnknownEndpointError,
)
from botocore.parsers import ResponseParserError

from cloudwarden.exceptions import CredentialsError
from cloudwarden.inventory.errors import ErrorKind

ACCESS_DENIED_CODES = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthorizationError",
        "AuthorizationErrorException",
        "UnauthorizedException",
        "Forbidden",
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "SignatureDoesNotMatch",
    }
)
THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "EC2ThrottledException",
        "BandwidthLimitExceeded",
        "PriorRequestNotComplete",
        "LimitExceededException",
    }
)
NOT_SUPPORTED_CODES = frozenset(
    {
        "InvalidAction",
        "UnsupportedOperation",
        "UnsupportedOperationException",
        "OptInRequired",
        "SubscriptionRequiredException",
        "NotImplemented",
        "UnknownOperationException",
    }
)
INVALID_REQUEST_CODES = frozenset(
    {"ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameter"}
)


class DataUnavailableError(Exception):
    """Raised by a collector's ``fetch`` when AWS answered but the data is not there.

    Recorded like a failed call (kind ``service_error``, code = the subclass name), so the
    fields it should have filled are marked uncollected instead of silently empty.
    """


@dataclass(frozen=True)
class CallFailure:
    """A classified failure of one API call."""

    kind: ErrorKind
    code: str
    message: str


CANCELLED = CallFailure(ErrorKind.CANCELLED, "Cancelled", "the scan was cancelled")
"""What a call that never started because the scan was cancelled records."""


def _client_error_kind(code: str, status: int) -> ErrorKind:
    if code in ACCESS_DENIED_CODES or status == 403:
        return ErrorKind.ACCESS_DENIED
    if code in THROTTLING_CODES or status == 429:
        return ErrorKind.THROTTLED
    if code in NOT_SUPPORTED_CODES or (status in (404, 501) and code in ("404", "501")):
        return ErrorKind.NOT_SUPPORTED
    if code in INVALID_REQUEST_CODES:
        return ErrorKind.INVALID_REQUEST
    return ErrorKind.SERVICE_ERROR


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else text


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a failed call, or None when AWS did not answer with one."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code"))
    return None


def classify(exc: BaseException) -> CallFailure:
    """Classify an exception raised by a botocore call (or by an emulator in-process)."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or "Unknown")
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        message = str(error.get("Message") or code)
        return CallFailure(_client_error_kind(code, status), code, message)
    if isinstance(exc, ConnectTimeoutError | EndpointConnectionError | ConnectionClosedError):
        return CallFailure(ErrorKind.UNREACHABLE, type(exc).__name__, str(exc))
    if isinstance(exc, ReadTimeoutError):
        return CallFailure(ErrorKind.TIMEOUT, type(exc).__name__, str(exc))
    if isinstance(exc, UnknownEndpointError):
        return CallFailure(ErrorKind.NOT_SUPPORTED, type(exc).__name__, str(exc))
    if isinstance(exc, NoCredentialsError):
        return CallFailure(ErrorKind.ACCESS_DENIED, type(exc).__name__, str(exc))
    if isinstance(exc, BotoCoreError):
        return CallFailure(ErrorKind.SERVICE_ERROR, type(exc).__name__, str(exc))
    if isinstance(exc, ResponseParserError):
        # The endpoint answered with something that is not AWS's format (an HTML error page
        # from a proxy or an emulator): a service failure, not a bug of ours.
        return CallFailure(ErrorKind.SERVICE_ERROR, "InvalidResponse", _first_line(str(exc)))
    if isinstance(exc, DataUnavailableError):
        return CallFailure(ErrorKind.SERVICE_ERROR, type(exc).__name__, str(exc))
    if isinstance(exc, CredentialsError):
        # Refreshing assumed-role credentials failed in the middle of a scan.
        return CallFailure(ErrorKind.ACCESS_DENIED, "CredentialRefreshFailed", str(exc))
    if isinstance(exc, NotImplementedError):
        # moto, in-process, raises this for an API it does not emulate.
        return CallFailure(ErrorKind.NOT_SUPPORTED, "NotImplemented", str(exc) or "not implemented")
    return CallFailure(ErrorKind.INTERNAL, type(exc).__name__, str(exc))
