"""Report formats: a name -> renderer registry; each renderer turns a report into one string.

A renderer takes the report and the check catalogue (for titles, risk and remediation) and
returns the whole document: ``render("sarif", report, bundle.checks)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cloudwarden.exceptions import CloudwardenError
from cloudwarden.policy.model import Check
from cloudwarden.report.formats import csv, html, json, junit, ocsf, sarif
from cloudwarden.report.model import Report

Renderer = Callable[[Report, Mapping[str, Check]], str]

FORMATS: dict[str, Renderer] = {
    "json": json.render,
    "csv": csv.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "ocsf": ocsf.render,
}


def render(name: str, report: Report, checks: Mapping[str, Check]) -> str:
    """The report in format ``name`` (one of :data:`FORMATS`)."""
    renderer = FORMATS.get(name)
    if renderer is None:
        raise CloudwardenError(
            f"unknown report format {name!r}; choose one of {', '.join(FORMATS)}"
        )
    return renderer(report, checks)
