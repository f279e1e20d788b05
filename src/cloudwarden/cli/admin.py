"""cloudwarden admin (users, master key) and cloudwarden db (migrations)."""

from __future__ import annotations

from typing import Annotated

import typer

from cloudwarden.cli.console import out
from cloudwarden.cli.serve import DataDir, settings_for
from cloudwarden.platform.security.roles import Role

admin = typer.Typer(help="Administer the platform from its host.", no_args_is_help=True)
db = typer.Typer(help="The platform's database.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(admin, name="admin")
    app.add_typer(db, name="db")


@admin.command("create-user")
def create_user(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    space: Annotated[str, typer.Option("--space", help="The space (created if new).")],
    role: Annotated[Role, typer.Option("--role")] = Role.OWNER,
    password: Annotated[
        bool,
        typer.Option(
            "--password",
            help="Also set the user's web console password (asked twice, never echoed).",
        ),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Create a user (and the space) and print a new API token, once."""
    from cloudwarden.platform.runtime import build_runtime  # noqa: PLC0415 - platform extra
    from cloudwarden.platform.services.console import set_password  # noqa: PLC0415
    from cloudwarden.platform.services.spaces import bootstrap_user  # noqa: PLC0415

    chosen = (
        typer.prompt("Console password", hide_input=True, confirmation_prompt=True)
        if password
        else None
    )
    rt = build_runtime(settings_for(data_dir))
    token = bootstrap_user(rt, email, space, role)
    if chosen is not None:
        set_password(rt, email, chosen)
        out.print(f"{email} can log in to the web console with that password.")
    out.print(f"{email} is {role.value} of space {space!r}. API token (shown once):")
    typer.echo(token.token)


@admin.command("rotate-master-key")
def rotate_master_key(data_dir: DataDir = None) -> None:
    """Re-wrap every secret's data key with CLOUDWARDEN_MASTER_KEY (old keys in
    CLOUDWARDEN_OLD_MASTER_KEYS); afterwards the old keys can be dropped."""
    from cloudwarden.platform.repositories.secrets import rewrap_all  # noqa: PLC0415
    from cloudwarden.platform.runtime import build_runtime  # noqa: PLC0415

    rt = build_runtime(settings_for(data_dir))
    with rt.sessions.begin() as session:
        count = rewrap_all(session, rt.keyring)
    out.print(f"re-wrapped {count} secret(s) with master key {rt.keyring.current_id}")


@admin.command("rotate-signing-key")
def rotate_signing_key(data_dir: DataDir = None) -> None:
    """A new OIDC signing key signs at once; the old one stays in the JWKS until every token it
    signed has expired plus STS's 5 minutes of skew (run again later to drop it sooner)."""
    from cloudwarden.platform.runtime import build_runtime  # noqa: PLC0415 - platform extra
    from cloudwarden.platform.wif.keys import rotate  # noqa: PLC0415

    rt = build_runtime(settings_for(data_dir))
    with rt.sessions.begin() as session:
        new, dropped = rotate(session, rt.keyring, rt.clock())
        kid = new.kid
    out.print(f"signing key {kid} signs from now on; dropped {len(dropped)} retired key(s)")


@db.command("upgrade")
def upgrade(data_dir: DataDir = None) -> None:
    """Apply the database migrations not applied yet."""
    from cloudwarden.platform.db.session import open_database  # noqa: PLC0415

    settings = settings_for(data_dir)
    open_database(settings.url()).dispose()
    out.print("the database schema is up to date")
