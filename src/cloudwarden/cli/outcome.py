"""How a command that scanned ends: its exit code and the one sentence that explains it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import typer

from cloudwarden.cli.console import EXIT_BAD_INPUT, fail
from cloudwarden.inventory.errors import CollectionError

CREDENTIAL_REFRESH_FAILED = "CredentialRefreshFailed"
"""The code aws/errors.classify gives a failed refresh of assumed-role credentials mid-scan."""


@dataclass(frozen=True)
class Outcome:
    code: int
    message: str | None = None
    label: str = "error"


def collection_outcome(
    errors: Sequence[CollectionError], cancelled_with: int | None
) -> Outcome | None:
    """Cancelled (128 + signal), or credentials lost mid-scan (2); None: the scan ran."""
    if cancelled_with is not None:
        return Outcome(cancelled_with)
    refresh = [e for e in errors if e.code == CREDENTIAL_REFRESH_FAILED]
    if refresh:
        return Outcome(
            EXIT_BAD_INPUT,
            f"the credentials could not be refreshed during the scan ({refresh[0].message}); "
            f"{len(refresh)} calls failed and are recorded as {CREDENTIAL_REFRESH_FAILED}",
        )
    return None


def finish(outcome: Outcome | None) -> None:
    """End the command as ``outcome`` says (nothing: exit 0)."""
    if outcome is None:
        return
    if outcome.message is not None:
        fail(outcome.message, outcome.code, outcome.label)
    raise typer.Exit(outcome.code)
