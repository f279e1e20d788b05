"""Options shared by the commands that talk to AWS: credentials and scope."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Profile = Annotated[
    str | None,
    typer.Option("--profile", help="A named profile of ~/.aws/config.", show_default=False),
]
AccessKeyId = Annotated[
    str | None,
    typer.Option(
        "--access-key-id",
        envvar="CLOUDWARDEN_ACCESS_KEY_ID",
        help="An access key id (with --secret-access-key).",
        show_default=False,
    ),
]
SecretAccessKey = Annotated[
    str | None,
    typer.Option(
        "--secret-access-key",
        envvar="CLOUDWARDEN_SECRET_ACCESS_KEY",
        help="The key's secret. Prefer the environment variable: arguments show in 'ps'.",
        show_default=False,
        show_envvar=True,
    ),
]
RoleArn = Annotated[
    str | None,
    typer.Option("--role-arn", help="Assume this IAM role for the scan.", show_default=False),
]
ExternalId = Annotated[
    str | None,
    typer.Option(
        "--external-id", help="The ExternalId the role's trust policy requires.", show_default=False
    ),
]
WebIdentityTokenFile = Annotated[
    Path | None,
    typer.Option(
        "--web-identity-token-file",
        help="Assume --role-arn with the OIDC token in this file (AssumeRoleWithWebIdentity).",
        show_default=False,
    ),
]
Regions = Annotated[
    list[str] | None,
    typer.Option("--region", "-r", help="Scan only this region (repeatable).", show_default=False),
]
ExcludeRegions = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude-region", help="Do not scan this region (repeatable).", show_default=False
    ),
]
Services = Annotated[
    list[str] | None,
    typer.Option(
        "--service",
        "-s",
        help="Collect only this service, e.g. s3 (repeatable).",
        show_default=False,
    ),
]
ResourceTypes = Annotated[
    list[str] | None,
    typer.Option(
        "--resource-type",
        "-t",
        help="Collect only this type, e.g. aws.s3.bucket (repeatable).",
        show_default=False,
    ),
]
ResourceIds = Annotated[
    list[str] | None,
    typer.Option(
        "--resource-id",
        help="Collect only the resource with this id or ARN (repeatable).",
        show_default=False,
    ),
]
MaxInFlight = Annotated[
    int,
    typer.Option(
        "--max-in-flight",
        min=1,
        max=512,
        help="API calls in flight at once, all services and regions together.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")]
Demo = Annotated[
    bool,
    typer.Option("--demo", help="Scan the embedded emulated account (no AWS credentials needed)."),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of stdout.", show_default=False
    ),
]
