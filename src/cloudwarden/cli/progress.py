"""A Rich progress bar for discovery: units (type x region) done, resources found."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cloudwarden.cli.console import err
from cloudwarden.scan_control import ProgressCallback, ProgressEvent


@contextmanager
def discovery_progress(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A progress callback drawing a bar on a terminal; None when quiet or not a TTY."""
    if not enabled or not err.is_terminal:
        yield None
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
            bar.update(
                task,
                completed=event.units_done,
                total=event.units_total,
                resources=event.resources_total,
                last=f"{event.resource_type} {event.region}",
            )

        yield update
