"""AWS Batch: job definitions (what their containers may do, plain-text secrets, public IPs) and
compute environments (the subnets their instances or Fargate tasks run in).

Job definitions are the ACTIVE revisions, each container's environment variable values scanned
by detect-secrets and dropped (names are kept). A multi-node job definition has one container
per node range.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, default, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Doc, RegionContext, ResourceSpec, listed
from cloudwarden.aws.secret_detection import secret_variable_names
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class BatchContainer(Document):
    """The container of a job definition (or of one node range of a multi-node job)."""

    image: str | None = Field(default=None, description="The image the job runs.")
    privileged: bool = Field(
        default=False, description="The container runs privileged (root on the host)."
    )
    user: str | None = Field(
        default=None, description="The user it runs as; null means the image's (usually root)."
    )
    readonly_root_filesystem: bool = Field(
        default=False, description="The container's root file system is read-only."
    )
    execution_role_arn: str | None = Field(
        default=None, description="The role used to pull images and read secrets (Fargate)."
    )
    job_role_arn: str | None = Field(default=None, description="The role the job's code runs as.")
    environment_variable_names: list[str] = Field(
        default_factory=list, description="Names of the plain-text environment variables."
    )
    environment_secret_names: list[str] = Field(
        default_factory=list,
        description="Names of plain-text environment variables whose value detect-secrets takes "
        "for a secret; the values are not kept.",
    )
    secret_names: list[str] = Field(
        default_factory=list,
        description="Variables injected from Secrets Manager or Parameter Store.",
    )
    log_driver: str | None = Field(
        default=None, description="The log driver; null means Batch's default (awslogs)."
    )
    assign_public_ip: str | None = Field(
        default=None,
        description="ENABLED or DISABLED (Fargate jobs): the task gets a public IP; null if not "
        "set (DISABLED).",
    )


@resource_type("aws.batch.job_definition", "An ACTIVE revision of an AWS Batch job definition.")
class BatchJobDefinition(Resource):
    """A job definition revision; its id and ARN are the revision's ARN, its name name:rev."""

    job_definition_name: str | None = Field(default=None, description="The definition's name.")
    revision: int | None = Field(default=None, description="The revision number.")
    status: str | None = Field(default=None, description="ACTIVE or INACTIVE.")
    job_type: str | None = Field(default=None, description="container or multinode.")
    platform_capabilities: list[str] = Field(
        default_factory=list, description="EC2 and/or FARGATE."
    )
    containers: list[BatchContainer] = Field(
        default_factory=list,
        description="Its containers: the one of a container job, or one per node range.",
    )


@resource_type("aws.batch.compute_environment", "An AWS Batch compute environment.")
class BatchComputeEnvironment(Resource):
    """A compute environment; its id is its ARN, its name the environment's name."""

    environment_type: str | None = Field(default=None, description="MANAGED or UNMANAGED.")
    state: str | None = Field(default=None, description="ENABLED or DISABLED.")
    status: str | None = Field(default=None, description="VALID, INVALID, CREATING...")
    compute_type: str | None = Field(
        default=None, description="EC2, SPOT, FARGATE or FARGATE_SPOT; null if unmanaged."
    )
    subnet_ids: list[str] = Field(
        default_factory=list, description="The subnets its instances or tasks run in."
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="Their security groups."
    )
    instance_role: str | None = Field(
        default=None, description="The instance profile of EC2 instances (EC2/SPOT)."
    )
    launch_template_id: str | None = Field(
        default=None, description="The launch template its instances use, if any."
    )
    service_role: str | None = Field(default=None, description="The role Batch uses.")


def _secrets_in(found: Any) -> list[str]:
    return secret_variable_names({item["name"]: item.get("value") for item in found or ()})


def _names(found: Any) -> list[str]:
    return sorted(str(item["name"]) for item in found or ())


CONTAINER = Map(
    {
        "image": "image",
        "privileged": ("privileged", flag),
        "user": "user",
        "readonly_root_filesystem": ("readonlyRootFilesystem", flag),
        "execution_role_arn": "executionRoleArn",
        "job_role_arn": "jobRoleArn",
        "environment_variable_names": ("environment", _names),
        "environment_secret_names": ("environment", _secrets_in),
        "secret_names": ("secrets", _names),
        "log_driver": "logConfiguration.logDriver",
        "assign_public_ip": "networkConfiguration.assignPublicIp",
    }
)


def _containers(definition: Any) -> list[Doc]:
    """The container of a container job and the containers of a multi-node job's ranges."""
    found = [definition.get("containerProperties")]
    node_ranges = (definition.get("nodeProperties") or {}).get("nodeRangeProperties") or ()
    found += [node.get("container") for node in node_ranges]
    return [CONTAINER.read(container) for container in found if container]


def _job_definition(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["jobDefinitionArn"]
    return {
        "id": arn,
        "arn": arn,
        "name": f"{item['jobDefinitionName']}:{item.get('revision')}",
        **JOB_DEFINITION.read(item),
        "containers": _containers(item),
    }


JOB_DEFINITION = Map(
    {
        "job_definition_name": "jobDefinitionName",
        "revision": "revision",
        "status": "status",
        "job_type": "type",
        "platform_capabilities": ("platformCapabilities", strings),
        "tags": ("tags", default({})),
    }
)

COMPUTE_ENVIRONMENT = Map(
    {
        "environment_type": "type",
        "state": "state",
        "status": "status",
        "compute_type": "computeResources.type",
        "subnet_ids": ("computeResources.subnets", strings),
        "security_group_ids": ("computeResources.securityGroupIds", strings),
        "instance_role": "computeResources.instanceRole",
        "launch_template_id": "computeResources.launchTemplate.launchTemplateId",
        "service_role": "serviceRole",
        "tags": ("tags", default({})),
    }
)


def _compute_environment(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["computeEnvironmentArn"]
    return {
        "id": arn,
        "arn": arn,
        "name": item.get("computeEnvironmentName"),
        **COMPUTE_ENVIRONMENT.read(item),
    }


collectors.register(
    ResourceSpec(
        model=BatchJobDefinition,
        service="batch",
        list=Call("DescribeJobDefinitions", lambda _doc: {"status": "ACTIVE"}),
        items="jobDefinitions",
        normalize=_job_definition,
    ),
    listed(
        BatchComputeEnvironment,
        "batch",
        "DescribeComputeEnvironments",
        "computeEnvironments",
        _compute_environment,
    ),
)
