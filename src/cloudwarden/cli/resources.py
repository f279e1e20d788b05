"""cloudwarden resources list/describe: every resource type and its documented fields."""

from __future__ import annotations

import typer
from rich.table import Table

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Scope
from cloudwarden.cli.console import out, plain, styled
from cloudwarden.exceptions import ScopeError
from cloudwarden.inventory.fields import field_docs
from cloudwarden.inventory.registry import resource_types

app = typer.Typer(help="Resource types and the fields a check can read.", no_args_is_help=True)


@app.command("list")
def list_types() -> None:
    """Every resource type, with where it is collected and how many fields it has."""
    specs = load_all()
    table = Table()
    table.add_column("resource type")
    table.add_column("scope")
    table.add_column("fields", justify="right")
    table.add_column("description")
    for info in resource_types:
        scope = "global" if specs.get(info.name).scope is Scope.GLOBAL else "regional"
        table.add_row(
            plain(info.name), scope, str(len(field_docs(info.model))), plain(info.description)
        )
    out.print(table)
    out.print(f"{len(resource_types)} resource types")


@app.command("describe")
def describe(name: str = typer.Argument(help="A resource type, e.g. aws.s3.bucket.")) -> None:
    """Every field of one resource type: path, type and meaning."""
    load_all()
    if name not in resource_types:
        raise ScopeError(f"unknown resource type {name!r}; 'cloudwarden resources list' shows them")
    info = resource_types.get(name)
    out.print(styled(info.name, "bold", ": ", info.description))
    table = Table()
    table.add_column("field", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("description")
    for doc in field_docs(info.model):
        table.add_row(plain(doc.path), plain(doc.type), plain(doc.description))
    out.print(table)
