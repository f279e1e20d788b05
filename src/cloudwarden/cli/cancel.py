"""Ctrl-C and SIGTERM: the first stops the scan cleanly and keeps its output, a second aborts.

The scan runs in a worker thread while the main thread waits on an event. Signals are handled by
handlers of our own instead of ``KeyboardInterrupt``: an interrupted ``Thread.join`` marks a
running thread as finished (CPython before 3.13), which lost the scan's result.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

from cloudwarden.cli.console import err, styled
from cloudwarden.scan_control import CancelToken

T = TypeVar("T")
HANDLED = (signal.SIGINT, signal.SIGTERM)


class CancelledBySignalError(BaseException):
    """SIGINT or SIGTERM before a scan started: nothing to keep (a BaseException, like
    ``KeyboardInterrupt``, so that no ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def raise_cancelled(signum: int, _frame: FrameType | None) -> None:
    """The handler outside a scan: stop the command where it is."""
    raise CancelledBySignalError(signum)


def install_default_handlers() -> None:
    for signum in HANDLED:
        signal.signal(signum, raise_cancelled)


class Cancellation:
    """The cancel token of one command, set by the first SIGINT or SIGTERM."""

    def __init__(self) -> None:
        self.token = CancelToken()
        self.signal: int | None = None

    @property
    def exit_code(self) -> int | None:
        """128 + the signal that cancelled the command (130 for Ctrl-C), or None."""
        return None if self.signal is None else 128 + self.signal

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.signal is not None:
            self.abort(signum)
        self.signal = signum
        self.token.cancel()
        err.print(
            styled(
                "cancelling: waiting for the calls in flight, then writing what was collected; "
                "press Ctrl-C again to abort at once",
                "yellow",
            )
        )

    @staticmethod
    def abort(signum: int) -> None:
        """Exit now, without waiting for calls in flight (the pool's threads would hold a
        normal exit until their timeouts); nothing more is written."""
        message = "aborted: nothing more is written\n"
        if err.is_terminal:
            message = "\r\x1b[?25h" + message  # the progress bar hid the cursor
        os.write(sys.stderr.fileno(), message.encode())
        os._exit(128 + signum)

    def run(self, work: Callable[[CancelToken], T]) -> T:
        """Run ``work`` in a thread and wait for it; a signal cancels it through the token."""
        done = threading.Event()
        result: list[T] = []
        failure: list[BaseException] = []

        def target() -> None:
            try:
                result.append(work(self.token))
            except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread below
                failure.append(exc)
            finally:
                done.set()

        thread = threading.Thread(target=target, name="cloudwarden-scan", daemon=True)
        thread.start()
        while not done.wait(timeout=0.5):
            pass
        if failure:
            raise failure[0]
        return result[0]


@contextmanager
def cancellation() -> Iterator[Cancellation]:
    """Handle SIGINT and SIGTERM for the duration (output writing included), then restore."""
    current = Cancellation()
    previous = {signum: signal.signal(signum, current.handle) for signum in HANDLED}
    try:
        yield current
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
