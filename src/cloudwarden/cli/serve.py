"""cloudwarden serve: the platform in one process (API, worker, scheduler, SQLite by default)."""

from __future__ import annotations

import signal
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from cloudwarden.cli.cancel import CancelledBySignalError
from cloudwarden.cli.console import out
from cloudwarden.cli.target import demo_seeders
from cloudwarden.platform.settings import Mode, PlatformSettings

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the SQLite database lives (default: XDG data home)."),
]


def settings_for(
    data_dir: Path | None, mode: Mode | None = None, issuer_url: str | None = None
) -> PlatformSettings:
    """Environment settings (CLOUDWARDEN_*), with the command line's choices on top."""
    overrides: dict[str, object] = {}
    if issuer_url is not None:
        overrides["issuer_url"] = issuer_url
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if mode is not None:
        overrides["mode"] = mode
    return PlatformSettings(**overrides)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
        data_dir: DataDir = None,
        demo: Annotated[
            bool,
            typer.Option(help="Also start the emulated account with a demo space, scanned."),
        ] = False,
        dev: Annotated[bool, typer.Option(help="Allow a generated master key.")] = False,
    ) -> None:
        """Serve the platform: the web console at /, REST API under /api/v1, the scan worker
        and the scheduler."""
        try:
            _serve(host, port, data_dir, demo=demo, dev=dev)
        except CancelledBySignalError as exc:
            # uvicorn shut down gracefully, then re-raised the signal; the blocks that held the
            # worker, the scheduler and the demo's emulator have closed on the way out.
            out.print(f"stopped on {signal.Signals(exc.signum).name}")


def _serve(host: str, port: int, data_dir: Path | None, *, demo: bool, dev: bool) -> None:
    from cloudwarden.platform import server  # noqa: PLC0415 - needs the platform extra

    if not demo:
        settings = settings_for(data_dir, Mode.DEV if dev else None)
        server.serve(server.assemble(settings), host, port)
        return
    from cloudwarden.demo.account import emulated_account  # noqa: PLC0415 - demo extra
    from cloudwarden.platform.demo import DEMO_EMAIL, create_demo  # noqa: PLC0415

    # The emulated account lives in memory: its platform data lives in a fresh folder too.
    seeders = demo_seeders()
    with emulated_account(only=seeders) as account, tempfile.TemporaryDirectory() as scratch:
        # The demo's issuer is the serve URL itself (AWS is emulated: no TLS needed).
        settings = settings_for(data_dir or Path(scratch), Mode.DEMO, f"http://{host}:{port}")
        platform = server.assemble(settings)
        login = create_demo(platform.runtime, account)
        out.print("scanning the demo account once before serving...")
        platform.worker.run_one()
        base = f"http://{host}:{port}/api/v1"
        out.print(f"demo space {login.space_id}, integration {login.integration_id}")
        out.print(
            f"console: http://{host}:{port}/ - log in as {DEMO_EMAIL} with the password "
            f"(shown once): {login.password}"
        )
        out.print(f"log in with the API token (shown once): {login.token}")
        out.print(
            f"  curl -H 'Authorization: Bearer {login.token}' "
            f"{base}/spaces/{login.space_id}/integrations/{login.integration_id}"
        )
        out.print(f"API documentation: {base}/docs")
        server.serve(platform, host, port)
