"""The cloudwarden command line."""

from __future__ import annotations

import logging
import sys

import typer

from cloudwarden import __version__
from cloudwarden.cli import admin, inventory, permissions, policy, resources, scan, serve
from cloudwarden.cli.console import err
from cloudwarden.exceptions import CloudwardenError

EXIT_BAD_INPUT = 2

app = typer.Typer(
    name="cloudwarden",
    help="Continuous security and compliance scanning of AWS accounts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(inventory.app, name="inventory")
app.add_typer(resources.app, name="resources")
app.add_typer(scan.app, name="scan")
app.add_typer(policy.app, name="policy")
permissions.register(app)
serve.register(app)
admin.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cloudwarden {__version__}")
        raise typer.Exit


@app.callback()
def main(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Log failed calls as they happen, with tracebacks."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """cloudwarden: discover an AWS account, evaluate it against policies, report."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Failed calls are recorded in the inventory and summarised at the end; the log is for
    # --verbose. botocore and urllib3 stay quiet either way: their debug logs carry headers.
    for noisy in ("botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def run() -> None:
    """Console entry point: a CloudwardenError is one sentence and exit 2, never a traceback."""
    try:
        app()
    except CloudwardenError as exc:
        err.print(f"[red]error:[/] {exc}")
        sys.exit(EXIT_BAD_INPUT)
