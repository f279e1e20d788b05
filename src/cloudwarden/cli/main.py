"""The cloudwarden command line."""

from __future__ import annotations

import logging
import sys

import typer

from cloudwarden import __version__
from cloudwarden.cli import admin, agent, inventory, permissions, policy, resources, scan, serve
from cloudwarden.cli.cancel import CancelledBySignalError, install_default_handlers
from cloudwarden.cli.console import EXIT_BAD_INPUT, neutralise, print_error
from cloudwarden.exceptions import CloudwardenError

QUIET_LIBRARIES = ("botocore", "boto3", "urllib3", "s3transfer")
"""Their debug logs carry request headers (signatures, session tokens) and their warnings
repeat, with a traceback each, what the inventory records once (a failed credential refresh)."""

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
app.add_typer(agent.app, name="agent")
permissions.register(app)
serve.register(app)
admin.register(app)


class PlainFormatter(logging.Formatter):
    """Log records carry names and messages from the account: control characters neutralised."""

    def format(self, record: logging.LogRecord) -> str:
        return neutralise(super().format(record), multiline=True)


def configure_logging(verbose: bool) -> None:
    """--verbose: cloudwarden's own loggers at DEBUG; other libraries stay at ERROR/WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PlainFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if verbose else logging.ERROR)
    logging.getLogger("cloudwarden").setLevel(logging.DEBUG if verbose else logging.ERROR)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cloudwarden {__version__}")
        raise typer.Exit


@app.callback()
def main(
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="Log cloudwarden's work as it happens: each finished unit of discovery, each "
        "failed API call, tracebacks of unexpected failures (never AWS request headers).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """cloudwarden: discover an AWS account, evaluate it against policies, report."""
    configure_logging(verbose)


def run() -> None:
    """Console entry point: a CloudwardenError is one sentence and exit 2, never a traceback."""
    install_default_handlers()
    try:
        app()
    except CloudwardenError as exc:
        print_error(exc)
        sys.exit(EXIT_BAD_INPUT)
    except CancelledBySignalError as exc:
        # Before the scan started (loading policies, asking STS): nothing to keep.
        print_error("nothing was scanned or written", "cancelled")
        sys.exit(128 + exc.signum)
