"""cloudwarden scan aws: discover, evaluate the policies, report; the exit code gates CI."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cloudwarden.aws.settings import EngineSettings
from cloudwarden.cli import options as opt
from cloudwarden.cli.cancel import cancellation
from cloudwarden.cli.console import EXIT_GATE, err, fail, out, plain, styled
from cloudwarden.cli.outcome import collection_outcome, finish
from cloudwarden.cli.progress import discovery_progress
from cloudwarden.cli.target import credential_options, discovery_scope, open_target, write_output
from cloudwarden.policy.model import Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.formats import render
from cloudwarden.report.model import Report
from cloudwarden.scan.pipeline import PolicySelection, scan, select
from cloudwarden.scan_control import CancelToken

app = typer.Typer(help="Scan an account against policies and report.", no_args_is_help=True)

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
        "--fail-on",
        help="Exit 1 if a check at or above this severity fails or, unless --allow-errors, "
        "could not run ('error').",
        show_default=False,
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


AllowErrors = Annotated[
    bool,
    typer.Option(
        "--allow-errors",
        help="With --fail-on, count only 'fail' results. By default a check at or above that "
        "severity that could not run ('error': its data was not collected, e.g. access "
        "denied) fails the gate too: an unverified check is not a pass.",
    ),
]


def gate(
    report: Report, fail_on: Severity | None, min_score: int | None, allow_errors: bool = False
) -> list[str]:
    """Why the scan fails the CI gate (empty: it passes)."""
    reasons = []
    if fail_on is not None:
        at_or_above = [r for r in report.results if r.severity.rank >= fail_on.rank]
        failed = [r for r in at_or_above if r.status is Status.FAIL]
        if failed:
            reasons.append(f"{len(failed)} failed checks at or above {fail_on.value}")
        errors = [r for r in at_or_above if r.status is Status.ERROR]
        if errors and not allow_errors:
            reasons.append(
                f"{len(errors)} checks at or above {fail_on.value} could not run ('error'; "
                "--allow-errors ignores them)"
            )
    if min_score is not None and (report.score is None or report.score < min_score):
        reasons.append(f"score {report.score} is below --min-score {min_score}")
    return reasons


def mostly_errors(report: Report) -> str | None:
    """The warning for a scan that could not read most of the account, or None."""
    total = len(report.results)
    if not total or report.counts.error * 2 <= total:
        return None
    return (
        f"{report.counts.error} of {total} results are error: the scan could not read most of "
        "the account; check the credentials' permissions (cloudwarden permissions)"
    )


def worst_failures(report: Report, remediation: dict[str, str]) -> Table | None:
    """The checks that failed, worst first, with a few failing resources and the fix."""
    failed: dict[str, list[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for result in report.results:  # sorted by impact, worst first
        if result.status is Status.FAIL:
            failed.setdefault(result.check_id, []).append(f"{result.resource_id} ({result.region})")
            titles[result.check_id] = (result.severity.value, result.title)
    if not failed:
        return None
    table = Table(title="worst failures", title_justify="left")
    for column in ("severity", "check", "failing resources", "fix"):
        table.add_column(column)
    for check_id, resources in list(failed.items())[:WORST_SHOWN]:
        severity, title = titles[check_id]
        shown = ", ".join(resources[:3]) + (
            f" and {len(resources) - 3} more" if len(resources) > 3 else ""
        )
        check = plain(title)
        check.append("\n").append_text(plain(check_id, "dim"))
        table.add_row(
            plain(severity),
            check,
            plain(shown),
            plain(remediation.get(check_id, ""), multiline=True),
        )
    return table


def print_summary(report: Report, remediation: dict[str, str]) -> None:
    counts = report.counts
    headline = styled("AWS account ", "bold", report.account_id)
    headline.append_text(
        plain(
            f": score {report.score} grade {report.grade}  ({counts.passed} passed, "
            f"{counts.failed} failed, {counts.error} errors, {counts.skip} skipped)"
        )
    )
    out.print(headline)
    out.print(
        plain(
            "failed by severity: "
            + ", ".join(f"{sev} {count}" for sev, count in report.severity_failures.items())
        )
    )
    for policy in report.policies:
        out.print(plain(f"policy {policy.uid}: score {policy.score} grade {policy.grade}"))
    for framework in report.frameworks:
        out.print(
            plain(
                f"framework {framework.id}: "
                + ", ".join(f"{status} {count}" for status, count in framework.counts.items())
            )
        )
    table = worst_failures(report, remediation)
    if table is not None:
        out.print(table)
    if report.counts.error:
        out.print(
            styled(
                f"{report.counts.error} results are 'error': the data they need was not "
                "collected (see 'reason' in the report)",
                "yellow",
            )
        )
    if not report.complete:
        out.print(styled("the scan was cancelled: the report is incomplete", "yellow"))


@app.command("aws")
def scan_aws(
    region: opt.Regions = None,
    exclude_region: opt.ExcludeRegions = None,
    service: opt.Services = None,
    resource_type: opt.ResourceTypes = None,
    resource_id: opt.ResourceIds = None,
    policy: PolicyFiles = None,
    policy_uid: PolicyUids = None,
    framework: FrameworkOption = None,
    fail_on: FailOn = None,
    allow_errors: AllowErrors = False,
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

    Exit codes: 0 the scan ran and passed the gates; 1 a gate failed (--fail-on: a check at or
    above that severity failed or, unless --allow-errors, could not run; --min-score: the
    account's score is below it); 2 bad input (credentials, scope, policy files) or credentials
    that could not be refreshed during the scan; 130 cancelled with Ctrl-C, 143 with SIGTERM
    (the partial report is still written; a second Ctrl-C aborts at once).
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
    credentials = credential_options(
        profile, access_key_id, secret_access_key, role_arn, external_id, web_identity_token_file
    )
    scope = discovery_scope(region, exclude_region, service, resource_type, resource_id)
    settings = EngineSettings(max_in_flight=max_in_flight)
    with cancellation() as cancel, open_target(demo, credentials) as target:
        with discovery_progress(not quiet) as progress:

            def work(token: CancelToken) -> Report:
                return scan(
                    target.session,
                    target.identity,
                    scope,
                    selected,
                    settings=settings,
                    progress=progress,
                    cancel=token,
                    endpoint_for=target.endpoint_for,
                )

            report = cancel.run(work)
        if output is not None:
            rendered = render(output_format.value, report, selected.bundle.checks)
            write_output(rendered, output, "report")
        if not quiet:
            print_summary(report, remediation)
        warning = mostly_errors(report)
        if warning is not None:
            err.print(styled(warning, "yellow"))
    finish(collection_outcome(report.collection_errors, cancel.exit_code))
    reasons = gate(report, fail_on, min_score, allow_errors)
    if reasons:
        fail("; ".join(reasons), EXIT_GATE, label="gate failed")
