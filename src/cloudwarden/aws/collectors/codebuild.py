"""CodeBuild: build projects (privileged builds, plain-text secrets, source credentials in URLs,
logging, artifact encryption, visibility) and the region's imported source credentials.

Secrets never enter the inventory: a source URL is stored without its user-info part (and a
flag says there was one), and plain-text environment variables by name, with the names
detect-secrets flags.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, flag, one, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, listed
from cloudwarden.aws.secret_detection import secret_variable_names
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class CodeBuildSource(Document):
    """A source (primary or secondary) of a build project."""

    type: str | None = Field(
        default=None,
        description="CODECOMMIT, CODEPIPELINE, GITHUB, GITHUB_ENTERPRISE, GITLAB, BITBUCKET, S3 "
        "or NO_SOURCE.",
    )
    location: str | None = Field(
        default=None,
        description="The repository URL or S3 path, with any user name and password removed.",
    )
    location_has_credentials: bool = Field(
        default=False,
        description="The URL as configured carries a user name, password or token "
        "(https://user:token@host/...); they are not kept.",
    )
    insecure_ssl: bool = Field(
        default=False, description="TLS certificate errors of the source host are ignored."
    )
    buildspec_inline: bool = Field(
        default=False,
        description="The buildspec is written in the project (not read from the source, "
        "where anyone who can push could change it).",
    )


class CodeBuildArtifacts(Document):
    """Where a build project puts its output (primary or secondary)."""

    type: str | None = Field(default=None, description="S3, CODEPIPELINE or NO_ARTIFACTS.")
    location: str | None = Field(default=None, description="The S3 bucket, if S3.")
    encryption_disabled: bool = Field(
        default=False, description="Output written to S3 is not encrypted."
    )


@resource_type("aws.codebuild.project", "A CodeBuild build project.")
class CodeBuildProject(Resource):
    """A build project; its id is its name."""

    created_at: datetime | None = Field(default=None, description="When it was created.")
    last_modified_at: datetime | None = Field(default=None, description="When it last changed.")
    service_role: str | None = Field(default=None, description="The IAM role builds run as.")
    encryption_key: str | None = Field(
        default=None,
        description="The KMS key (ARN or alias) encrypting its artifacts; the AWS managed key "
        "alias/aws/s3 when none was chosen.",
    )
    source: CodeBuildSource | None = Field(default=None, description="The primary source.")
    secondary_sources: list[CodeBuildSource] = Field(
        default_factory=list, description="Further sources; empty if none."
    )
    artifacts: CodeBuildArtifacts | None = Field(default=None, description="The primary artifacts.")
    secondary_artifacts: list[CodeBuildArtifacts] = Field(
        default_factory=list, description="Further artifacts; empty if none."
    )
    environment_type: str | None = Field(
        default=None, description="LINUX_CONTAINER, ARM_CONTAINER, WINDOWS_SERVER_2019_..."
    )
    environment_image: str | None = Field(default=None, description="The build image.")
    privileged_mode: bool = Field(
        default=False,
        description="Builds run privileged (Docker daemon inside the build, root on the host).",
    )
    environment_variable_names: list[str] = Field(
        default_factory=list, description="Names of every environment variable (any type)."
    )
    plaintext_secret_names: list[str] = Field(
        default_factory=list,
        description="Names of PLAINTEXT environment variables whose value detect-secrets takes "
        "for a secret; PARAMETER_STORE and SECRETS_MANAGER ones are references and never "
        "listed. Values are not kept.",
    )
    cloudwatch_logs_enabled: bool = Field(
        default=False, description="Build logs go to CloudWatch Logs."
    )
    s3_logs_enabled: bool = Field(default=False, description="Build logs go to S3.")
    s3_logs_encryption_disabled: bool = Field(
        default=False, description="Build logs written to S3 are not encrypted."
    )
    vpc_id: str | None = Field(
        default=None, description="The VPC builds run in; null if they run outside any VPC."
    )
    project_visibility: str | None = Field(
        default=None,
        description="PUBLIC_READ (anyone can see build results and logs) or PRIVATE; null if "
        "not reported (AWS's default is PRIVATE).",
    )


@resource_type(
    "aws.codebuild.source_credential",
    "Credentials imported into CodeBuild for a source provider (GitHub, Bitbucket...).",
)
class CodeBuildSourceCredential(Resource):
    """Imported source credentials; the id and ARN are the credential's ARN."""

    server_type: str | None = Field(
        default=None,
        description="GITHUB, GITHUB_ENTERPRISE, GITLAB, GITLAB_SELF_MANAGED or BITBUCKET.",
    )
    auth_type: str | None = Field(
        default=None,
        description="OAUTH, BASIC_AUTH, PERSONAL_ACCESS_TOKEN, CODECONNECTIONS or SECRETS_MANAGER.",
    )
    resource: str | None = Field(
        default=None, description="The connection or secret ARN, for those auth types."
    )


def without_credentials(url: Any) -> str | None:
    """A source URL with any ``user:password@`` part removed (S3 paths pass unchanged)."""
    if not url:
        return None
    parts = urlsplit(str(url))
    if "@" not in parts.netloc:
        return str(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _has_credentials(url: Any) -> bool:
    return bool(url) and "@" in urlsplit(str(url)).netloc


def _inline_buildspec(found: Any) -> bool:
    """An inline buildspec is YAML text; a path or an S3 ARN names a file."""
    return bool(found) and "\n" in str(found)


def _status_on(found: Any) -> bool:
    return bool(found == "ENABLED")


def _plaintext_secrets(found: Any) -> list[str]:
    return secret_variable_names(
        {
            item["name"]: item.get("value")
            for item in found or ()
            if item.get("type", "PLAINTEXT") == "PLAINTEXT"
        }
    )


SOURCE = Map(
    {
        "type": "type",
        "location": ("location", without_credentials),
        "location_has_credentials": ("location", _has_credentials),
        "insecure_ssl": ("insecureSsl", flag),
        "buildspec_inline": ("buildspec", _inline_buildspec),
    }
)

ARTIFACTS = Map(
    {
        "type": "type",
        "location": "location",
        "encryption_disabled": ("encryptionDisabled", flag),
    }
)


PROJECT = Map(
    {
        "created_at": "projects[0].created",
        "last_modified_at": "projects[0].lastModified",
        "service_role": "projects[0].serviceRole",
        "encryption_key": "projects[0].encryptionKey",
        "source": ("projects[0].source", one(SOURCE)),
        "secondary_sources": ("projects[0].secondarySources", each(SOURCE)),
        "artifacts": ("projects[0].artifacts", one(ARTIFACTS)),
        "secondary_artifacts": ("projects[0].secondaryArtifacts", each(ARTIFACTS)),
        "environment_type": "projects[0].environment.type",
        "environment_image": "projects[0].environment.image",
        "privileged_mode": ("projects[0].environment.privilegedMode", flag),
        "environment_variable_names": (
            "projects[0].environment.environmentVariables[].name",
            strings,
        ),
        "plaintext_secret_names": (
            "projects[0].environment.environmentVariables",
            _plaintext_secrets,
        ),
        "cloudwatch_logs_enabled": (
            "projects[0].logsConfig.cloudWatchLogs.status",
            _status_on,
        ),
        "s3_logs_enabled": (
            "projects[0].logsConfig.s3Logs.status",
            _status_on,
        ),
        "s3_logs_encryption_disabled": ("projects[0].logsConfig.s3Logs.encryptionDisabled", flag),
        "vpc_id": "projects[0].vpcConfig.vpcId",
        "project_visibility": "projects[0].projectVisibility",
        "tags": ("projects[0].tags", pairs("key", "value")),
    }
)


def _project(item: Any, ctx: RegionContext) -> Doc:
    name = str(item)
    return {"id": name, "name": name, "arn": ctx.arn("codebuild", f"project/{name}")}


SOURCE_CREDENTIAL = Map(
    {
        "name": "serverType",
        "server_type": "serverType",
        "auth_type": "authType",
        "resource": "resource",
    }
)


def _source_credential(item: Any, _ctx: RegionContext) -> Doc:
    return {"id": item["arn"], "arn": item["arn"], **SOURCE_CREDENTIAL.read(item)}


collectors.register(
    ResourceSpec(
        model=CodeBuildProject,
        service="codebuild",
        list=Call("ListProjects"),
        items="projects",
        normalize=_project,
        details=(Detail(Call("BatchGetProjects", lambda doc: {"names": [doc["id"]]}), PROJECT),),
    ),
    listed(
        CodeBuildSourceCredential,
        "codebuild",
        "ListSourceCredentials",
        "sourceCredentialsInfos",
        _source_credential,
    ),
)
