"""Which account a command scans: the caller's credentials, or the embedded demo account."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import boto3
import typer

from cloudwarden.aws.clients import EndpointResolver
from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.cli.console import err, out
from cloudwarden.exceptions import CloudwardenError
from cloudwarden.scan_control import CancelToken

T = TypeVar("T")
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Target:
    session: boto3.Session
    identity: Identity
    endpoint_for: EndpointResolver | None = None
    """Where the demo account answers; None for real AWS (boto3's own endpoints)."""


@contextmanager
def open_target(demo: bool, options: CredentialOptions) -> Iterator[Target]:
    if not demo:
        session, identity = open_session(options)
        yield Target(session, identity)
        return
    if options != CredentialOptions():
        raise CloudwardenError("--demo scans the embedded account: drop the credential options")
    from cloudwarden.demo.account import emulated_account  # noqa: PLC0415 - needs the demo extra

    err.print("[dim]starting the embedded emulated AWS account (moto) and seeding it...[/]")
    with emulated_account() as account:
        yield Target(account.session, account.identity, account.endpoint_for)


def write_output(text: str, output: Path, what: str) -> None:
    """Write ``text`` to ``output``; if the file cannot be written, do not lose it: stdout."""
    body = text if text.endswith("\n") else text + "\n"
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        out.file.write(body)
        err.print(f"[red]error:[/] cannot write {output} ({exc.strerror}); it went to stdout")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    err.print(f"{what} written to {output}")


def run_cancellable(work: Callable[[CancelToken], T]) -> tuple[T, bool]:
    """Run ``work`` in a thread; Ctrl-C cancels it cleanly. Returns (result, interrupted)."""
    cancel = CancelToken()
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work(cancel))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread below
            failure.append(exc)

    thread = threading.Thread(target=target, name="cloudwarden-scan", daemon=True)
    thread.start()
    interrupted = False
    while thread.is_alive():
        try:
            thread.join(timeout=0.2)
        except KeyboardInterrupt:
            if interrupted:
                raise
            interrupted = True
            cancel.cancel()
            err.print("[yellow]cancelling: waiting for calls in flight; Ctrl-C again to abort[/]")
    if failure:
        raise failure[0]
    return result[0], interrupted
