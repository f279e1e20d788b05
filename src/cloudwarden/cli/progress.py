"""Discovery progress: a Rich bar on a terminal, and a log line per finished unit for -v."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cloudwarden.cli.console import err, neutralise
from cloudwarden.scan_control import ProgressCallback, ProgressEvent

log = logging.getLogger(__name__)


def log_progress(event: ProgressEvent) -> None:
    log.info(
        "collected %s in %s: %d resources, %d failed calls (%d of %d units done)",
        event.resource_type,
        event.region,
        event.resources,
        event.errors,
        event.units_done,
        event.units_total,
    )


@contextmanager
def discovery_progress(enabled: bool) -> Iterator[ProgressCallback]:
    """A progress callback: it logs each unit (shown with --verbose) and, when ``enabled`` on a
    terminal, draws a bar."""
    if not enabled or not err.is_terminal:
        yield log_progress
        return
    with Progress(
        TextColumn("[bold]discovering[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[resources]} resources  [dim]{task.fields[last]}[/]"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("discovery", total=None, resources=0, last="")

        def update(event: ProgressEvent) -> None:
            log_progress(event)
            bar.update(
                task,
                completed=event.units_done,
                total=event.units_total,
                resources=event.resources_total,
                # the column renders its template as markup: escape the markup as well
                last=escape(neutralise(f"{event.resource_type} {event.region}")),
            )

        yield update
