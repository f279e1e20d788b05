"""Which account a command scans: the caller's credentials, or the embedded demo account."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3

from cloudwarden.aws.clients import EndpointResolver
from cloudwarden.aws.credentials import CredentialOptions, Identity, open_session
from cloudwarden.cli.console import EXIT_BAD_INPUT, err, fail, out, plain, styled
from cloudwarden.exceptions import CloudwardenError, ScopeError
from cloudwarden.scan.scope import DiscoveryScope, validate_scope

SEED_ONLY_VARIABLE = "CW_SEED_ONLY"
"""Comma-separated seeders for --demo (e.g. ``s3,iam``): the tests seed only what they scan."""


@dataclass(frozen=True)
class Target:
    session: boto3.Session
    identity: Identity
    endpoint_for: EndpointResolver | None = None
    """Where the demo account answers; None for real AWS (boto3's own endpoints)."""


def credential_options(
    profile: str | None,
    access_key_id: str | None,
    secret_access_key: str | None,
    role_arn: str | None,
    external_id: str | None,
    web_identity_token_file: Path | None,
) -> CredentialOptions:
    """The credential options every command that talks to AWS takes, as one value."""
    return CredentialOptions(
        profile=profile,
        access_key_id=access_key_id,
        secret_access_key=secret_access_key,
        role_arn=role_arn,
        external_id=external_id,
        web_identity_token_file=web_identity_token_file,
    )


def demo_seeders() -> frozenset[str] | None:
    """The seeders CW_SEED_ONLY names (None: all of them); an unknown name is refused."""
    value = os.environ.get(SEED_ONLY_VARIABLE, "").strip()
    if not value:
        return None
    from cloudwarden.demo.seed import seeders  # noqa: PLC0415 - needs the demo extra

    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    known = {name for name, _ in seeders()}
    unknown = sorted(names - known)
    if unknown:
        raise ScopeError(
            f"{SEED_ONLY_VARIABLE} names unknown seeder(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(known))}"
        )
    return names


@contextmanager
def open_target(demo: bool, options: CredentialOptions) -> Iterator[Target]:
    if not demo:
        session, identity = open_session(options)
        yield Target(session, identity)
        return
    if options != CredentialOptions():
        raise CloudwardenError("--demo scans the embedded account: drop the credential options")
    from cloudwarden.demo.account import emulated_account  # noqa: PLC0415 - needs the demo extra

    only = demo_seeders()
    err.print(plain("starting the embedded emulated AWS account (moto) and seeding it...", "dim"))
    with emulated_account(only=only) as account:
        yield Target(account.session, account.identity, account.endpoint_for)


def write_output(text: str, output: Path, what: str) -> None:
    """Write ``text`` to ``output``; if the file cannot be written, do not lose it: stdout."""
    body = text if text.endswith("\n") else text + "\n"
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        out.file.write(body)
        out.file.flush()
        reason = exc.strerror or type(exc).__name__
        fail(f"cannot write {output} ({reason}); the {what} went to stdout", EXIT_BAD_INPUT)
    err.print(styled(f"{what} written to ", "", output))


def discovery_scope(
    regions: list[str] | None,
    exclude_regions: list[str] | None,
    services: list[str] | None,
    resource_types: list[str] | None,
    resource_ids: list[str] | None,
) -> DiscoveryScope:
    """The scope options every discovering command takes, as one value (empty: everything).

    Unknown services and resource types are refused here, before any credential is used or the
    demo account is seeded (regions need the account: discovery checks them).
    """
    scope = DiscoveryScope(
        regions=tuple(regions) if regions else None,
        exclude_regions=tuple(exclude_regions or ()),
        services=tuple(services) if services else None,
        resource_types=tuple(resource_types) if resource_types else None,
        resource_ids=tuple(resource_ids) if resource_ids else None,
    )
    validate_scope(scope)
    return scope
