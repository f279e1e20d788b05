"""cloudwarden scan aws: discover, evaluate the policies, report; the exit code gates CI."""

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
from cloudwarden.policy.model import Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.formats import render
from cloudwarden.report.model import Report
from cloudwarden.scan.discover import DiscoveryScope
from cloudwarden.scan.pipeline import PolicySelection, scan, select
from cloudwarden.scan_control import CancelToken

app = typer.Typer(help="Scan an account against policies and report.", no_args_is_help=True)

EXIT_GATE = 1
EXIT_CANCELLED = 130
WORST_SHOWN = 10


class ReportFormat(StrEnum):
    """The report formats -o can write (the renderers in cloudwarden.report.formats)."""

    json = "json"
    csv = "csv"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    ocsf = "ocsf"


PolicyFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--policy",
        "-p",
        help="A custom bundle file, added to the shipped ones (repeatable).",
        show_default=False,
    ),
]
PolicyUids = Annotated[
    list[str] | None,
    typer.Option(
        "--policy-uid",
        help="Evaluate only this policy (repeatable); default: all.",
        show_default=False,
    ),
]
FrameworkOption = Annotated[
    str | None,
    typer.Option(
        "--framework",
        help="Evaluate only the checks a framework maps, e.g. cis-aws-5.0.",
        show_default=False,
    ),
]
FailOn = Annotated[
    Severity | None,
    typer.Option(
        "--fail-on", help="Exit 1 if any check fails at or above this severity.", show_default=False
    ),
]
MinScore = Annotated[
    int | None,
    typer.Option(
        "--min-score",
        min=0,
        max=100,
        help="Exit 1 if the account's score is below this.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="The format written with -o: json (schema in docs/report.schema.json), csv, html "
        "(one self-contained page), sarif (2.1.0), junit (XML), ocsf (Detection Findings).",
    ),
]


def gate(report: Report, fail_on: Severity | None, min_score: int | None) -> list[str]:
    """Why the scan fails the CI gate (empty: it passes)."""
    reasons = []
    if fail_on is not None:
        worst = [
            r for r in report.results if r.status is Status.FAIL and r.severity.rank >= fail_on.rank
        ]
        if worst:
            reasons.append(f"{len(worst)} failed checks at or above {fail_on.value}")
    if min_score is not None and (report.score is None or report.score < min_score):
        reasons.append(f"score {report.score} is below --min-score {min_score}")
    return reasons


def print_summary(report: Report, remediation: dict[str, str]) -> None:
    counts = report.counts
    out.print(
        f"[bold]AWS account {report.account_id}[/]: score [bold]{report.score}[/] "
        f"grade [bold]{report.grade}[/]  ({counts.passed} passed, {counts.failed} failed, "
        f"{counts.error} errors, {counts.skip} skipped)"
    )
    out.print(
        "failed by severity: "
        + ", ".join(f"{severity} {count}" for severity, count in report.severity_failures.items())
    )
    for policy in report.policies:
        out.print(f"policy {policy.uid}: score {policy.score} grade {policy.grade}")
    for framework in report.frameworks:
        out.print(
            f"framework {framework.id}: "
            + ", ".join(f"{status} {count}" for status, count in framework.counts.items())
        )
    failed: dict[str, list[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for result in report.results:  # sorted by impact, worst first
        if result.status is Status.FAIL:
            failed.setdefault(result.check_id, []).append(f"{result.resource_id} ({result.region})")
            titles[result.check_id] = (result.severity.value, result.title)
    if failed:
        table = Table(title="worst failures", title_justify="left")
        for column in ("severity", "check", "failing resources", "fix"):
            table.add_column(column)
        for check_id, resources in list(failed.items())[:WORST_SHOWN]:
            severity, title = titles[check_id]
            shown = ", ".join(resources[:3]) + (
                f" and {len(resources) - 3} more" if len(resources) > 3 else ""
            )
            table.add_row(
                severity, f"{title}\n[dim]{check_id}[/]", shown, remediation.get(check_id, "")
            )
        out.print(table)
    if report.counts.error:
        out.print(
            f"[yellow]{report.counts.error} results are 'error': the data they need was "
            "not collected (see 'reason' in the report)[/]"
        )
    if not report.complete:
        out.print("[yellow]the scan was cancelled: the report is incomplete[/]")


@app.command("aws")
def scan_aws(
    region: opt.Regions = None,
    exclude_region: opt.ExcludeRegions = None,
    service: opt.Services = None,
    policy: PolicyFiles = None,
    policy_uid: PolicyUids = None,
    framework: FrameworkOption = None,
    fail_on: FailOn = None,
    min_score: MinScore = None,
    profile: opt.Profile = None,
    access_key_id: opt.AccessKeyId = None,
    secret_access_key: opt.SecretAccessKey = None,
    role_arn: opt.RoleArn = None,
    external_id: opt.ExternalId = None,
    web_identity_token_file: opt.WebIdentityTokenFile = None,
    output: opt.Output = None,
    output_format: FormatOption = ReportFormat.json,
    max_in_flight: opt.MaxInFlight = 48,
    quiet: opt.Quiet = False,
    demo: opt.Demo = False,
) -> None:
    """Scan the account: discover what the checks need, evaluate them, report.

    Exit codes: 0 the scan ran and passed the gates; 1 a gate failed (--fail-on: a failed
    check at or above that severity; --min-score: the account's score is below it);
    2 bad input (credentials, scope, policy files); 130 cancelled.
    """
    selection = PolicySelection(
        files=tuple(policy or ()),
        policies=tuple(policy_uid) if policy_uid else None,
        framework=framework,
    )
    selected = select(selection)  # fail fast on a broken policy, before any AWS call
    remediation = {
        check.id: (check.docs.remediation.cli or check.docs.remediation.console or "").strip()
        for check in selected.checks
    }
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
        )
        with discovery_progress(not quiet) as progress:

            def work(cancel: CancelToken) -> Report:
                return scan(
                    target.session,
                    target.identity,
                    scope,
                    selected,
                    settings=EngineSettings(max_in_flight=max_in_flight),
                    progress=progress,
                    cancel=cancel,
                    endpoint_for=target.endpoint_for,
                )

            report, interrupted = run_cancellable(work)
    if output is not None:
        write_output(render(output_format.value, report, selected.bundle.checks), output, "report")
    if not quiet:
        print_summary(report, remediation)
    if interrupted:
        raise typer.Exit(EXIT_CANCELLED)
    reasons = gate(report, fail_on, min_score)
    if reasons:
        err.print("[red]gate failed:[/] " + "; ".join(reasons))
        raise typer.Exit(EXIT_GATE)
