"""Everything a use case needs, built once per process: database, keyring, policies, clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from cloudwarden.platform.db.session import SessionFactory, open_database, session_factory
from cloudwarden.platform.security.envelope import Keyring
from cloudwarden.platform.settings import PlatformSettings
from cloudwarden.scan.pipeline import PolicySelection, Selected, select
from cloudwarden.scan_control import ProgressEvent

Clock = Callable[[], datetime]
ProgressListener = Callable[[str, ProgressEvent], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


class JobQueue(Protocol):
    """The one job interface: the row is written first, the queue only carries its id."""

    def submit(self, job_id: str) -> None: ...

    def cancel(self, job_id: str) -> None: ...


class NoQueue:
    """For processes that only write rows (the CLI): a running worker picks them up."""

    def submit(self, job_id: str) -> None:
        """Nothing to carry: workers poll the database."""

    def cancel(self, job_id: str) -> None:
        """Nothing to carry: the worker reads cancel_requested from the row."""


@dataclass
class Policies:
    """The policies integrations may enable and the selections scans use.

    The shipped policies are the recommended ones (on by default); the operator's extra bundle
    files (``CLOUDWARDEN_POLICY_FILES``) add policies that are off until enabled.
    """

    files: tuple[Path, ...] = ()
    _selected: dict[tuple[str, ...], Selected] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def available(self) -> Selected:
        return self._select(("*",), PolicySelection(files=self.files))

    def recommended(self) -> set[str]:
        return set(self._select(("shipped",), PolicySelection()).policy_uids)

    def selection(self, uids: tuple[str, ...]) -> Selected:
        """Loaded and linted once per set of policies (select() costs most of a second)."""
        return self._select(uids, PolicySelection(files=self.files, policies=uids))

    def _select(self, key: tuple[str, ...], selection: PolicySelection) -> Selected:
        with self._lock:
            if key not in self._selected:
                self._selected[key] = select(selection)
            return self._selected[key]


@dataclass
class Runtime:
    settings: PlatformSettings
    engine: Engine
    sessions: SessionFactory
    keyring: Keyring
    policies: Policies
    clock: Clock = utc_now
    queue: JobQueue = field(default_factory=NoQueue)
    progress_listeners: list[ProgressListener] = field(default_factory=list)
    """Told of every scan's progress (job id, event) before the job checks for a cancel."""
    token_listeners: list[Callable[[str], None]] = field(default_factory=list)
    """Told of every minted WIF token (the tests' secret watch); never logged."""
    aws_endpoint: str | None = None
    """Where every AWS call of this platform goes when not to AWS itself: the emulator of
    ``serve --demo``. None in production."""


def build_runtime(settings: PlatformSettings, clock: Clock = utc_now) -> Runtime:
    """Check the settings, open the database and bring its schema up to date."""
    current, old = settings.master_keys()
    settings.check_issuer()
    engine = open_database(settings.url())
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        keyring=Keyring(current, old),
        policies=Policies(files=tuple(settings.policy_files)),
        clock=clock,
    )
