"""cloudwarden policy list/show/lint: the checks, what they mean, and custom bundle validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cloudwarden.cli.console import EXIT_GATE, fail, out, plain, print_error, styled
from cloudwarden.exceptions import PolicyError
from cloudwarden.policy import loader
from cloudwarden.policy.lint import lint
from cloudwarden.scan.catalogue import field_catalogue

app = typer.Typer(help="List, explain and validate policies and checks.", no_args_is_help=True)


@app.command("list")
def list_policies() -> None:
    """Every policy and framework, then every check with its severity and resource type."""
    bundle = loader.load()
    for policy in bundle.policies.values():
        out.print(
            styled(
                policy.uid,
                "bold",
                f" {policy.name} {policy.version}: {len(policy.check_ids)} checks, "
                f"scoring {policy.scoring.value}",
            )
        )
    for framework in bundle.frameworks.values():
        manual = sum(1 for c in framework.controls if c.manual is not None)
        uncovered = sum(1 for c in framework.controls if c.not_covered is not None)
        out.print(
            styled(
                framework.id,
                "bold",
                f" {framework.name} {framework.version}: {len(framework.controls)} controls "
                f"({manual} manual, {uncovered} not covered)",
            )
        )
    table = Table()
    for column in ("check", "severity", "impact", "resource", "title"):
        table.add_column(column)
    for check in sorted(bundle.checks.values(), key=lambda c: c.id):
        table.add_row(
            *(plain(v) for v in (check.id, check.severity.value, check.impact, check.resource)),
            plain(check.title),
        )
    out.print(table)


CheckId = Annotated[str, typer.Argument(help="A check id, e.g. aws-s3-bucket-policy-not-public.")]
BundleFiles = Annotated[list[Path], typer.Argument(help="Bundle files to validate.")]


@app.command("show")
def show(check_id: CheckId) -> None:
    """A check in full: what it asserts, why it matters, how to fix it."""
    bundle = loader.load()
    if check_id not in bundle.checks:
        raise PolicyError(f"unknown check {check_id!r}; 'cloudwarden policy list' shows them")
    check = bundle.checks[check_id]
    docs = check.docs
    out.print(styled(check.id, "bold", ": ", check.title))
    out.print(
        plain(f"severity {check.severity.value} (impact {check.impact}), resource {check.resource}")
    )
    if check.filter:
        out.print(plain(f"filter: {check.filter.strip()}", multiline=True))
    out.print(plain(f"assert: {check.assertion.strip()}", multiline=True))
    out.print(plain(f"\n{docs.description}\n", multiline=True))
    out.print(styled("Risk", "bold", ": ", plain(f"{docs.risk}\n", multiline=True)))
    for label, text in docs.remediation.model_dump().items():
        if text:
            out.print(styled(label, "bold", ":\n", plain(f"{text.strip()}\n", multiline=True)))
    for reference in docs.references:
        out.print(plain(f"see {reference}"))
    controls = [
        f"{f.id} {c.id}"
        for f in bundle.frameworks.values()
        for c in f.controls
        if check.id in c.checks
    ]
    if controls:
        out.print(plain("controls: " + ", ".join(controls)))


@app.command("lint")
def lint_file(files: BundleFiles) -> None:
    """Validate bundle files: schema, CEL compiles, every field read is documented."""
    bundle = loader.load(files)
    problems = [
        p for p in lint(bundle, field_catalogue()) if bundle.sources.get(p.check_id) in files
    ]
    for uid, check_ids in bundle.implicit.items():
        out.print(
            f"{bundle.sources[uid]}: {len(check_ids)} checks are in no policy "
            f"({', '.join(check_ids)}); a scan runs them in the implicit policy {uid}"
        )
    if problems:
        for problem in problems:
            print_error(f"{bundle.sources[problem.check_id]}: {problem}", label="lint")
        fail(f"{len(problems)} problems in {len(files)} files", EXIT_GATE)
    mine = [
        c for c, source in bundle.sources.items() if source in files and c not in bundle.implicit
    ]
    out.print(plain(f"ok: {len(mine)} checks, policies and frameworks in {len(files)} files"))
