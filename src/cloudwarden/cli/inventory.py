"""cloudwarden inventory aws: discover the account and write its inventory as JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cloudwarden.aws.settings import EngineSettings
from cloudwarden.cli import options as opt
from cloudwarden.cli.cancel import cancellation
from cloudwarden.cli.console import err, out, plain, styled
from cloudwarden.cli.outcome import collection_outcome, finish
from cloudwarden.cli.progress import discovery_progress
from cloudwarden.cli.target import credential_options, discovery_scope, open_target, write_output
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import discover
from cloudwarden.scan_control import CancelToken

app = typer.Typer(help="Discover resources into an inventory.", no_args_is_help=True)

ERRORS_SHOWN = 15


class InventoryFormat(StrEnum):
    json = "json"
    table = "table"


def counts_table(inventory: Inventory) -> Table:
    table = Table(title=plain(f"AWS account {inventory.account_id}"), title_justify="left")
    table.add_column("resource type")
    table.add_column("region")
    table.add_column("count", justify="right")
    for type_name, by_region in inventory.counts().items():
        for region, count in by_region.items():
            table.add_row(plain(type_name), plain(region), str(count))
    return table


def print_summary(inventory: Inventory) -> None:
    total = len(inventory.resources)
    err.print(counts_table(inventory))
    err.print(
        f"{total} resources of {len(inventory.counts())} types in "
        f"{len(inventory.regions)} regions; {len(inventory.skipped_regions)} regions skipped"
    )
    failed = inventory.all_errors()
    if failed:
        err.print(
            styled(
                f"{len(failed)} API calls failed; what they would have shown is missing, and "
                "checks that need it report 'error':",
                "yellow",
            )
        )
        shown = sorted({(e.service, e.operation, e.kind.value, e.code) for e in failed})
        for service, operation, kind, code in shown[:ERRORS_SHOWN]:
            err.print(plain(f"  {service}:{operation}  {kind}  {code}"))
        if len(shown) > ERRORS_SHOWN:
            err.print(f"  ... and {len(shown) - ERRORS_SHOWN} more (see 'errors' in the JSON)")
    if not inventory.complete:
        err.print(styled("the scan was cancelled: the inventory is incomplete", "yellow"))


FormatOption = Annotated[
    InventoryFormat,
    typer.Option("--format", "-f", help="json: the inventory; table: counts only."),
]


@app.command("aws")
def inventory_aws(
    region: opt.Regions = None,
    exclude_region: opt.ExcludeRegions = None,
    service: opt.Services = None,
    resource_type: opt.ResourceTypes = None,
    resource_id: opt.ResourceIds = None,
    profile: opt.Profile = None,
    access_key_id: opt.AccessKeyId = None,
    secret_access_key: opt.SecretAccessKey = None,
    role_arn: opt.RoleArn = None,
    external_id: opt.ExternalId = None,
    web_identity_token_file: opt.WebIdentityTokenFile = None,
    output: opt.Output = None,
    output_format: FormatOption = InventoryFormat.json,
    max_in_flight: opt.MaxInFlight = 48,
    quiet: opt.Quiet = False,
    demo: opt.Demo = False,
) -> None:
    """Discover every resource of the account (all enabled regions) and write the inventory.

    Honours the standard AWS environment variables, AWS_ENDPOINT_URL included. Failed API calls
    are recorded in the inventory; exit code 0 means the scan ran, 2 a bad input or credential
    (or credentials that could not be refreshed during the scan), 130 a scan cancelled with
    Ctrl-C, 143 with SIGTERM (the partial inventory is still written; a second Ctrl-C aborts at
    once).
    """
    credentials = credential_options(
        profile, access_key_id, secret_access_key, role_arn, external_id, web_identity_token_file
    )
    scope = discovery_scope(region, exclude_region, service, resource_type, resource_id)
    settings = EngineSettings(max_in_flight=max_in_flight)
    with cancellation() as cancel, open_target(demo, credentials) as target:
        with discovery_progress(not quiet) as progress:

            def work(token: CancelToken) -> Inventory:
                return discover(
                    target.session,
                    target.identity,
                    scope,
                    settings=settings,
                    progress=progress,
                    cancel=token,
                    endpoint_for=target.endpoint_for,
                )

            inventory = cancel.run(work)
        write_inventory(inventory, output, output_format)
        if not quiet:
            print_summary(inventory)
    finish(collection_outcome(inventory.all_errors(), cancel.exit_code))


def write_inventory(
    inventory: Inventory, output: Path | None, output_format: InventoryFormat
) -> None:
    if output_format is InventoryFormat.table:
        out.print(counts_table(inventory))
        return
    text = inventory.to_json()
    if output is None:
        out.file.write(text + "\n")
        return
    write_output(text, output, "inventory")
