"""cloudwarden inventory aws: discover the account and write its inventory as JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cloudwarden.aws.credentials import CredentialOptions
from cloudwarden.aws.settings import EngineSettings
from cloudwarden.cli import options as opt
from cloudwarden.cli.console import err, out
from cloudwarden.cli.progress import discovery_progress
from cloudwarden.cli.target import open_target, run_cancellable, write_output
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from cloudwarden.scan_control import CancelToken

app = typer.Typer(help="Discover resources into an inventory.", no_args_is_help=True)

EXIT_CANCELLED = 130


class InventoryFormat(StrEnum):
    json = "json"
    table = "table"


def counts_table(inventory: Inventory) -> Table:
    table = Table(title=f"AWS account {inventory.account_id}", title_justify="left")
    table.add_column("resource type")
    table.add_column("region")
    table.add_column("count", justify="right")
    for type_name, by_region in inventory.counts().items():
        for region, count in by_region.items():
            table.add_row(type_name, region, str(count))
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
            f"[yellow]{len(failed)} API calls failed; what they would have shown is "
            "missing, and checks that need it report 'error':[/]"
        )
        shown = sorted({(e.service, e.operation, e.kind.value, e.code) for e in failed})
        for service, operation, kind, code in shown[:15]:
            err.print(f"  {service}:{operation}  {kind}  {code}")
        if len(shown) > 15:
            err.print(f"  ... and {len(shown) - 15} more (see 'errors' in the JSON)")
    if not inventory.complete:
        err.print("[yellow]the scan was cancelled: the inventory is incomplete[/]")


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
    are recorded in the inventory; exit code 0 means the scan ran, 2 a bad input or credential,
    130 a cancelled scan (the partial inventory is still written).
    """
    credentials = CredentialOptions(
        profile=profile,
        access_key_id=access_key_id,
        secret_access_key=secret_access_key,
        role_arn=role_arn,
        external_id=external_id,
        web_identity_token_file=web_identity_token_file,
    )
    with open_target(demo, credentials) as target:
        scope = DiscoveryScope(
            regions=tuple(region) if region else None,
            exclude_regions=tuple(exclude_region or ()),
            services=tuple(service) if service else None,
            resource_types=tuple(resource_type) if resource_type else None,
            resource_ids=tuple(resource_id) if resource_id else None,
        )
        settings = EngineSettings(max_in_flight=max_in_flight)
        with discovery_progress(not quiet) as progress:

            def work(cancel: CancelToken) -> Inventory:
                return discover(
                    target.session,
                    target.identity,
                    scope,
                    settings=settings,
                    progress=progress,
                    cancel=cancel,
                    endpoint_for=target.endpoint_for,
                )

            inventory, interrupted = run_cancellable(work)
    write_inventory(inventory, output, output_format)
    if not quiet:
        print_summary(inventory)
    if interrupted:
        raise typer.Exit(EXIT_CANCELLED)


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
