"""cloudwarden permissions: the read-only IAM policy a scan needs."""

from __future__ import annotations

import json

import typer

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.permissions import read_only_policy
from cloudwarden.cli import options as opt
from cloudwarden.cli.console import out
from cloudwarden.cli.target import write_output


def permissions(output: opt.Output = None) -> None:
    """Print the IAM policy (JSON) that allows every API call a full scan makes, and no more."""
    text = json.dumps(read_only_policy(load_all()), indent=2)
    if output is None:
        out.file.write(text + "\n")
    else:
        write_output(text, output, "policy")


def register(app: typer.Typer) -> None:
    app.command("permissions")(permissions)
