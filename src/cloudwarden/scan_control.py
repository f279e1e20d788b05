"""Progress events and the cancel token, shared by every layer that runs a scan."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class CancelToken:
    """Set once to stop a scan cleanly: no new calls start, what was collected is kept."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class ProgressEvent:
    """One (region, resource type) unit of discovery finished."""

    resource_type: str
    region: str
    resources: int
    errors: int
    units_done: int
    units_total: int
    resources_total: int


ProgressCallback = Callable[[ProgressEvent], None]
