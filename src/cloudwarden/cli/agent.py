"""cloudwarden agent: the serverless agent's stack template, permissions file and Lambda zip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cloudwarden import __version__
from cloudwarden.agent.package import LAMBDA_PYTHON, build_package
from cloudwarden.agent.permissions import permissions_document
from cloudwarden.agent.template import agent_template, template_json
from cloudwarden.cli import options as opt
from cloudwarden.cli.console import err, out
from cloudwarden.cli.target import write_output

app = typer.Typer(
    help="The serverless agent: its CloudFormation template, permissions and Lambda package.",
    no_args_is_help=True,
)

CodeBucket = Annotated[
    str | None,
    typer.Option(
        "--code-bucket",
        help="The release bucket the stack takes the Lambda zip from (may contain "
        "${AWS::Region}); without it the template asks for it as the CodeBucket parameter.",
        show_default=False,
    ),
]
ReleaseKey = Annotated[
    Path | None,
    typer.Option(
        "--release-public-key",
        help="PEM file of the Ed25519 key release manifests are signed with (self-update).",
        show_default=False,
        exists=True,
        dir_okay=False,
    ),
]


@app.command("template")
def template(
    code_bucket: CodeBucket = None,
    release_public_key: ReleaseKey = None,
    output: opt.Output = None,
) -> None:
    """Print the agent's CloudFormation template (JSON), the one the platform serves."""
    key = release_public_key.read_text(encoding="utf-8") if release_public_key else ""
    text = template_json(agent_template(__version__, code_bucket, release_public_key_pem=key))
    _emit(text, output, "template")


@app.command("permissions")
def permissions(output: opt.Output = None) -> None:
    """Print what the agent's roles may do (the published docs/agent-permissions.json)."""
    _emit(json.dumps(permissions_document(), indent=2) + "\n", output, "permissions")


@app.command("package")
def package(
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-o", help="Directory to write agent.zip into.")
    ],
) -> None:
    """Build the Lambda zip: the agent, what it imports, not boto3 (the runtime has it)."""
    result = build_package(output_dir)
    out.print(
        f"{result.path}: {result.size_bytes:,} bytes ({result.size_bytes / 2**20:.1f} MiB), "
        f"{result.files} files, {len(result.distributions)} libraries",
        markup=False,
    )
    if not result.matches_lambda_runtime:
        built, runtime = (".".join(map(str, v)) for v in (result.python, LAMBDA_PYTHON))
        err.print(
            f"warning: built with Python {built}; the compiled libraries (pydantic-core, "
            f"PyYAML, the CEL library, cryptography) need Python {runtime} on Linux x86_64 to "
            "match the Lambda runtime: build releases there.",
            markup=False,
        )


def _emit(text: str, output: Path | None, what: str) -> None:
    if output is None:
        out.file.write(text)
    else:
        write_output(text, output, what)
