"""Local HTTP stand-ins for STS: one that fails every call with a fixed AWS error, one that
grants a role a number of times and then denies it.

moto does not expire tokens nor deny a refresh; these stand in for STS where a test needs AWS's
real reply (status, XML body) to go through botocore's real parsing into our error handling.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

ERROR_BODY = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
  <RequestId>00000000-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>"""


@contextmanager
def sts_answering(code: str, message: str, status: int = 400) -> Iterator[str]:
    """Yield the URL of an STS stand-in that fails every call with ``code``."""
    body = ERROR_BODY.format(code=code, message=message).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


ASSUME_ROLE_BODY = """<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAFAKESTS{number:09d}</AccessKeyId>
      <SecretAccessKey>fake-secret-{number}</SecretAccessKey>
      <SessionToken>fake-token-{number}</SessionToken>
      <Expiration>{expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROAFAKESTS:cloudwarden</AssumedRoleId>
      <Arn>arn:aws:sts::{account}:assumed-role/scanner/cloudwarden</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata>
</AssumeRoleResponse>"""
CALLER_IDENTITY_BODY = """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::{account}:assumed-role/scanner/cloudwarden</Arn>
    <UserId>AROAFAKESTS:cloudwarden</UserId>
    <Account>{account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000002</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"""


@dataclass
class GrantingSts:
    url: str
    assumed: int = 0
    denied: int = 0


@contextmanager
def sts_granting(
    grants: int, lifetime: timedelta, account: str = "123456789012"
) -> Iterator[GrantingSts]:
    """An STS stand-in whose AssumeRole succeeds ``grants`` times, then is denied for good.

    Its credentials last ``lifetime``: under botocore's mandatory refresh window (10 minutes),
    every use of them refreshes, so the role is assumed again at every signed request; that is
    how a test meets a role whose refresh is denied in the middle of a scan.
    """
    sts = GrantingSts(url="")
    lock = threading.Lock()
    denied = ERROR_BODY.format(
        code="AccessDenied", message="User is not authorized to perform: sts:AssumeRole"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
            action = form.get("Action", [""])[0]
            status, body = 200, CALLER_IDENTITY_BODY.format(account=account).encode()
            if action == "AssumeRole":
                with lock:
                    number = sts.assumed + sts.denied
                    if sts.assumed < grants:
                        sts.assumed += 1
                        expiration = (datetime.now(UTC) + lifetime).strftime("%Y-%m-%dT%H:%M:%SZ")
                        body = ASSUME_ROLE_BODY.format(
                            number=number, expiration=expiration, account=account
                        ).encode()
                    else:
                        sts.denied += 1
                        status, body = 403, denied
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    sts.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sts
    finally:
        server.shutdown()
        server.server_close()
