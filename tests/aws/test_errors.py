"""Error classification: every kind, from botocore's own exceptions and AWS error shapes."""

from __future__ import annotations

import socket
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ParamValidationError,
    ReadTimeoutError,
    UnknownEndpointError,
)
from botocore.parsers import ResponseParserError

from cloudwarden.aws.errors import CallFailure, DataUnavailableError, classify, error_code
from cloudwarden.exceptions import CredentialsError
from cloudwarden.inventory.errors import ErrorKind
from tests.support.iam import iam_enforced, principal_with_policy

URL = "https://ec2.eu-west-1.amazonaws.com/"


def client_error(code: str, status: int, message: str = "it failed") -> ClientError:
    """A ClientError shaped as botocore parses an AWS error response."""
    response: Any = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(response, "DescribeThings")


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("AccessDenied", 403, ErrorKind.ACCESS_DENIED),
        ("AccessDeniedException", 400, ErrorKind.ACCESS_DENIED),
        ("UnauthorizedOperation", 403, ErrorKind.ACCESS_DENIED),
        ("ExpiredToken", 400, ErrorKind.ACCESS_DENIED),
        ("SomethingNew", 403, ErrorKind.ACCESS_DENIED),
        ("Throttling", 400, ErrorKind.THROTTLED),
        ("ThrottlingException", 400, ErrorKind.THROTTLED),
        ("RequestLimitExceeded", 503, ErrorKind.THROTTLED),
        ("SlowDown", 503, ErrorKind.THROTTLED),
        ("SomethingNew", 429, ErrorKind.THROTTLED),
        ("InvalidAction", 400, ErrorKind.NOT_SUPPORTED),
        ("OptInRequired", 401, ErrorKind.NOT_SUPPORTED),
        ("SubscriptionRequiredException", 400, ErrorKind.NOT_SUPPORTED),
        ("404", 404, ErrorKind.NOT_SUPPORTED),
        ("501", 501, ErrorKind.NOT_SUPPORTED),
        ("ValidationException", 400, ErrorKind.INVALID_REQUEST),
        ("InvalidParameterValue", 400, ErrorKind.INVALID_REQUEST),
        ("NoSuchBucketPolicy", 404, ErrorKind.SERVICE_ERROR),
        ("InternalError", 500, ErrorKind.SERVICE_ERROR),
    ],
)
def test_client_errors_are_classified_by_code_then_status(
    code: str, status: int, kind: ErrorKind
) -> None:
    failure = classify(client_error(code, status, "the message"))
    assert failure == CallFailure(kind, code, "the message")
    assert error_code(client_error(code, status)) == code


def test_a_client_error_without_code_or_message_is_still_a_record() -> None:
    failure = classify(ClientError({"Error": {}}, "GetThing"))  # type: ignore[typeddict-item]
    assert (failure.kind, failure.code, failure.message) == (
        ErrorKind.SERVICE_ERROR,
        "Unknown",
        "Unknown",
    )


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (ConnectTimeoutError(endpoint_url=URL), ErrorKind.UNREACHABLE),
        (EndpointConnectionError(endpoint_url=URL), ErrorKind.UNREACHABLE),
        (ConnectionClosedError(endpoint_url=URL), ErrorKind.UNREACHABLE),
        (ReadTimeoutError(endpoint_url=URL), ErrorKind.TIMEOUT),
        (UnknownEndpointError(service_name="ec2", region_name="mars-1"), ErrorKind.NOT_SUPPORTED),
        (NoCredentialsError(), ErrorKind.ACCESS_DENIED),
        (ParamValidationError(report="Bucket is required"), ErrorKind.SERVICE_ERROR),
    ],
)
def test_botocore_exceptions_are_classified_by_class(exc: Exception, kind: ErrorKind) -> None:
    failure = classify(exc)
    assert (failure.kind, failure.code) == (kind, type(exc).__name__)
    assert failure.message == str(exc)
    assert error_code(exc) is None


def test_a_response_that_is_not_aws_format_is_a_service_error_with_its_first_line() -> None:
    exc = ResponseParserError("Unable to parse response (syntax error)\n<html>500</html>")
    assert classify(exc) == CallFailure(
        ErrorKind.SERVICE_ERROR, "InvalidResponse", "Unable to parse response (syntax error)"
    )


@pytest.mark.parametrize(
    ("exc", "kind", "code"),
    [
        (DataUnavailableError("no credential report"), ErrorKind.SERVICE_ERROR, None),
        (CredentialsError("refresh failed"), ErrorKind.ACCESS_DENIED, "CredentialRefreshFailed"),
        (NotImplementedError(), ErrorKind.NOT_SUPPORTED, "NotImplemented"),
        (KeyError("Buckets"), ErrorKind.INTERNAL, None),
    ],
)
def test_our_own_and_unexpected_exceptions(
    exc: Exception, kind: ErrorKind, code: str | None
) -> None:
    failure = classify(exc)
    assert failure.kind is kind
    assert failure.code == (code or type(exc).__name__)
    assert failure.message


def test_a_real_error_answer_keeps_its_code(aws: boto3.Session) -> None:
    # moto answers as S3 does: a real ClientError, parsed by botocore.
    with pytest.raises(ClientError) as raised:
        aws.client("s3").get_bucket_policy(Bucket="cw-no-such-bucket")
    failure = classify(raised.value)
    assert (failure.kind, failure.code) == (ErrorKind.SERVICE_ERROR, "NoSuchBucket")


def test_a_real_denied_call_is_access_denied(aws: boto3.Session) -> None:
    key = principal_with_policy(
        aws, "denied", [{"Effect": "Deny", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]
    )
    session = boto3.Session(
        aws_access_key_id=key["access_key_id"],
        aws_secret_access_key=key["secret_access_key"],
        region_name="us-east-1",
    )
    with iam_enforced(), pytest.raises(ClientError) as raised:
        session.client("s3").list_buckets()
    failure = classify(raised.value)
    assert (failure.kind, failure.code) == (ErrorKind.ACCESS_DENIED, "AccessDenied")


def test_a_real_refused_connection_is_unreachable() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    # Nothing listens on the port any more: botocore raises from a real connection attempt.
    client = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client(
        "sqs",
        endpoint_url=f"http://127.0.0.1:{port}",
        config=Config(retries={"total_max_attempts": 1}),
    )
    with pytest.raises(EndpointConnectionError) as raised:
        client.list_queues()
    assert classify(raised.value).kind is ErrorKind.UNREACHABLE
