"""ECS: clusters (Container Insights, storage encryption), task definitions (what each container
may do on its host, its logging, secrets in plain environment variables) and services (public
IPs, Fargate platform version).

Task definitions are every ACTIVE revision; services are listed cluster by cluster. Environment
variable values are never stored: only their names, and the names detect-secrets flags.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, default, each, flag, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.aws.secret_detection import secret_variable_names
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


@resource_type("aws.ecs.cluster", "An ECS cluster.")
class EcsCluster(Resource):
    """An ECS cluster; its id is its ARN and its name the cluster name."""

    status: str | None = Field(
        default=None, description="ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE."
    )
    container_insights: str | None = Field(
        default=None,
        description="The cluster's containerInsights setting: enabled, enhanced or disabled; "
        "null when the cluster has no such setting (the account default applies).",
    )
    execute_command_logging: str | None = Field(
        default=None,
        description="Where ECS Exec sessions are logged: NONE, DEFAULT (the task's awslogs "
        "configuration) or OVERRIDE; null if no execute command configuration is set.",
    )
    managed_storage_kms_key_id: str | None = Field(
        default=None,
        description="The KMS key that encrypts the cluster's managed storage; null if none.",
    )
    fargate_ephemeral_storage_kms_key_id: str | None = Field(
        default=None,
        description="The KMS key that encrypts Fargate tasks' ephemeral storage; null means an "
        "AWS owned key.",
    )
    capacity_providers: list[str] = Field(
        default_factory=list, description="The capacity providers attached (FARGATE, ...)."
    )
    active_services_count: int = Field(default=0, description="Services in ACTIVE state.")
    running_tasks_count: int = Field(default=0, description="Tasks in RUNNING state.")
    registered_container_instances_count: int = Field(
        default=0, description="EC2 container instances registered with the cluster."
    )


class EcsContainer(Document):
    """One container definition of a task definition."""

    name: str = Field(description="The container's name.")
    image: str | None = Field(default=None, description="The image, repository[:tag|@digest].")
    essential: bool = Field(
        default=True, description="The task stops when this container stops (AWS's default)."
    )
    privileged: bool = Field(
        default=False,
        description="The container runs privileged (root on the host, every device).",
    )
    user: str | None = Field(
        default=None,
        description="The user (name, uid, uid:gid...) it runs as; null means the image's "
        "default, which is root unless the image says otherwise.",
    )
    readonly_root_filesystem: bool = Field(
        default=False, description="The container's root file system is read-only."
    )
    log_driver: str | None = Field(
        default=None, description="The log driver (awslogs, awsfirelens, splunk...); null if none."
    )
    log_options: dict[str, str] = Field(
        default_factory=dict,
        description="The log driver's options (awslogs-group, mode...); secret options are "
        "listed in log_secret_option_names instead.",
    )
    environment_variable_names: list[str] = Field(
        default_factory=list, description="Names of the plain-text environment variables."
    )
    environment_secret_names: list[str] = Field(
        default_factory=list,
        description="Names of the plain-text environment variables whose value detect-secrets "
        "takes for a secret (password, key, token...). The values themselves are not kept.",
    )
    secret_names: list[str] = Field(
        default_factory=list,
        description="Environment variables injected from Secrets Manager or SSM Parameter Store "
        "(the safe way to pass secrets).",
    )
    environment_files: list[str] = Field(
        default_factory=list, description="S3 ARNs of environment files loaded at start."
    )
    capabilities_added: list[str] = Field(
        default_factory=list, description="Linux capabilities added (SYS_ADMIN, NET_ADMIN, ALL...)."
    )
    init_process_enabled: bool = Field(
        default=False, description="An init process reaps zombie processes (initProcessEnabled)."
    )


class EcsEfsVolume(Document):
    """An EFS volume of a task definition."""

    name: str = Field(description="The volume's name in the task definition.")
    file_system_id: str | None = Field(default=None, description="The EFS file system.")
    transit_encryption: str | None = Field(
        default=None,
        description="ENABLED or DISABLED: TLS between the task and EFS; null means DISABLED.",
    )
    iam_authorization: str | None = Field(
        default=None, description="ENABLED if the task role is used to authorize EFS access."
    )


@resource_type("aws.ecs.task_definition", "An ACTIVE revision of an ECS task definition.")
class EcsTaskDefinition(Resource):
    """A task definition revision; its id and ARN are the revision's ARN, its name family:rev."""

    family: str | None = Field(default=None, description="The task definition family.")
    revision: int | None = Field(default=None, description="The revision number.")
    status: str | None = Field(default=None, description="ACTIVE, INACTIVE or DELETE_IN_PROGRESS.")
    registered_at: datetime | None = Field(default=None, description="When it was registered.")
    network_mode: str | None = Field(
        default=None,
        description="awsvpc, bridge, host or none; null means bridge on EC2 (Linux).",
    )
    pid_mode: str | None = Field(
        default=None, description="host shares the host's process namespace; task or null do not."
    )
    ipc_mode: str | None = Field(
        default=None,
        description="host shares the host's IPC namespace; task, none or null do not.",
    )
    requires_compatibilities: list[str] = Field(
        default_factory=list, description="Launch types it is validated for (EC2, FARGATE...)."
    )
    task_role_arn: str | None = Field(
        default=None, description="The IAM role the containers' code runs as."
    )
    execution_role_arn: str | None = Field(
        default=None, description="The role ECS uses to pull images and read secrets."
    )
    containers: list[EcsContainer] = Field(
        default_factory=list, description="The container definitions."
    )
    efs_volumes: list[EcsEfsVolume] = Field(
        default_factory=list, description="The EFS volumes it mounts; empty if none."
    )


@resource_type("aws.ecs.service", "An ECS service (a long-running set of tasks).")
class EcsService(Resource):
    """An ECS service; its id is its ARN and its name the service name."""

    cluster_arn: str = Field(description="The cluster the service runs in.")
    status: str | None = Field(default=None, description="ACTIVE, DRAINING or INACTIVE.")
    launch_type: str | None = Field(
        default=None,
        description="EC2, FARGATE or EXTERNAL; null when a capacity provider strategy is used.",
    )
    capacity_providers: list[str] = Field(
        default_factory=list, description="Capacity providers of its strategy (FARGATE_SPOT...)."
    )
    platform_version: str | None = Field(
        default=None, description="The Fargate platform version (LATEST, 1.4.0...); null on EC2."
    )
    platform_family: str | None = Field(
        default=None, description="The Fargate platform family (Linux, Windows...)."
    )
    task_definition: str | None = Field(default=None, description="The task definition ARN.")
    desired_count: int = Field(default=0, description="How many tasks should run.")
    running_count: int = Field(default=0, description="How many tasks run.")
    assign_public_ip: str | None = Field(
        default=None,
        description="ENABLED or DISABLED: tasks get a public IP (awsvpc network mode); null "
        "when the service has no awsvpc network configuration.",
    )
    subnet_ids: list[str] = Field(default_factory=list, description="The tasks' subnets.")
    security_group_ids: list[str] = Field(
        default_factory=list, description="The tasks' security groups."
    )
    enable_execute_command: bool = Field(
        default=False, description="ECS Exec (a shell into running containers) is allowed."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")


def _environment_secrets(found: Any) -> list[str]:
    """Names of plain environment variables whose value looks like a secret (values dropped)."""
    return secret_variable_names({item["name"]: item.get("value") for item in found or ()})


def _container_names(found: Any) -> list[str]:
    return sorted(str(item["name"]) for item in found or ())


CONTAINER = Map(
    {
        "name": "name",
        "image": "image",
        "essential": ("essential", default(True)),
        "privileged": ("privileged", flag),
        "user": "user",
        "readonly_root_filesystem": ("readonlyRootFilesystem", flag),
        "log_driver": "logConfiguration.logDriver",
        "log_options": ("logConfiguration.options", default({})),
        "environment_variable_names": ("environment", _container_names),
        "environment_secret_names": ("environment", _environment_secrets),
        "secret_names": ("secrets", _container_names),
        "environment_files": ("environmentFiles[].value", strings),
        "capabilities_added": ("linuxParameters.capabilities.add", strings),
        "init_process_enabled": ("linuxParameters.initProcessEnabled", flag),
    }
)

EFS_VOLUME = Map(
    {
        "name": "name",
        "file_system_id": "efsVolumeConfiguration.fileSystemId",
        "transit_encryption": "efsVolumeConfiguration.transitEncryption",
        "iam_authorization": "efsVolumeConfiguration.authorizationConfig.iam",
    }
)


def _efs_volumes(found: Any) -> list[Doc]:
    return [
        EFS_VOLUME.read(volume) for volume in found or () if volume.get("efsVolumeConfiguration")
    ]


def _arn_named(item: Any, _ctx: RegionContext) -> Doc:
    arn = str(item)
    return {"id": arn, "arn": arn, "name": arn.rsplit("/", 1)[-1]}


def _cluster_setting(found: Any) -> str | None:
    values = [item.get("value") for item in found or () if item.get("name") == "containerInsights"]
    return values[0] if values else None


CLUSTER = Map(
    {
        "status": "clusters[0].status",
        "container_insights": ("clusters[0].settings", _cluster_setting),
        "execute_command_logging": (
            "clusters[0].configuration.executeCommandConfiguration.logging"
        ),
        "managed_storage_kms_key_id": (
            "clusters[0].configuration.managedStorageConfiguration.kmsKeyId"
        ),
        "fargate_ephemeral_storage_kms_key_id": (
            "clusters[0].configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId"
        ),
        "capacity_providers": ("clusters[0].capacityProviders", strings),
        "active_services_count": ("clusters[0].activeServicesCount", default(0)),
        "running_tasks_count": ("clusters[0].runningTasksCount", default(0)),
        "registered_container_instances_count": (
            "clusters[0].registeredContainerInstancesCount",
            default(0),
        ),
        "tags": ("clusters[0].tags", pairs("key", "value")),
    }
)

TASK_DEFINITION = Map(
    {
        "family": "taskDefinition.family",
        "revision": "taskDefinition.revision",
        "status": "taskDefinition.status",
        "registered_at": "taskDefinition.registeredAt",
        "network_mode": "taskDefinition.networkMode",
        "pid_mode": "taskDefinition.pidMode",
        "ipc_mode": "taskDefinition.ipcMode",
        "requires_compatibilities": ("taskDefinition.requiresCompatibilities", strings),
        "task_role_arn": "taskDefinition.taskRoleArn",
        "execution_role_arn": "taskDefinition.executionRoleArn",
        "containers": ("taskDefinition.containerDefinitions", each(CONTAINER)),
        "efs_volumes": ("taskDefinition.volumes", _efs_volumes),
        "tags": ("tags", pairs("key", "value")),
    }
)

SERVICE = Map(
    {
        "status": "services[0].status",
        "launch_type": "services[0].launchType",
        "capacity_providers": ("services[0].capacityProviderStrategy[].capacityProvider", strings),
        "platform_version": "services[0].platformVersion",
        "platform_family": "services[0].platformFamily",
        "task_definition": "services[0].taskDefinition",
        "desired_count": ("services[0].desiredCount", default(0)),
        "running_count": ("services[0].runningCount", default(0)),
        "assign_public_ip": ("services[0].networkConfiguration.awsvpcConfiguration.assignPublicIp"),
        "subnet_ids": ("services[0].networkConfiguration.awsvpcConfiguration.subnets", strings),
        "security_group_ids": (
            "services[0].networkConfiguration.awsvpcConfiguration.securityGroups",
            strings,
        ),
        "enable_execute_command": ("services[0].enableExecuteCommand", flag),
        "created_at": "services[0].createdAt",
        "tags": ("services[0].tags", pairs("key", "value")),
    }
)


def list_services(client: Any, _params: Any) -> dict[str, Any]:
    """Every service of every cluster of the region, as ``{cluster, serviceArn}`` items."""
    services: list[dict[str, str]] = []
    for page in client.get_paginator("list_clusters").paginate():
        for cluster in page.get("clusterArns", []):
            paginator = client.get_paginator("list_services")
            for services_page in paginator.paginate(cluster=cluster):
                services.extend(
                    {"cluster": cluster, "serviceArn": arn}
                    for arn in services_page.get("serviceArns", [])
                )
    return {"services": services}


def _service(item: Any, _ctx: RegionContext) -> Doc:
    arn = item["serviceArn"]
    return {"id": arn, "arn": arn, "name": arn.rsplit("/", 1)[-1], "cluster_arn": item["cluster"]}


collectors.register(
    ResourceSpec(
        model=EcsCluster,
        service="ecs",
        list=Call("ListClusters"),
        items="clusterArns",
        normalize=_arn_named,
        details=(
            Detail(
                Call(
                    "DescribeClusters",
                    lambda doc: {
                        "clusters": [doc["arn"]],
                        "include": ["SETTINGS", "CONFIGURATIONS", "TAGS"],
                    },
                ),
                CLUSTER,
            ),
        ),
    ),
    ResourceSpec(
        model=EcsTaskDefinition,
        service="ecs",
        list=Call("ListTaskDefinitions", lambda _doc: {"status": "ACTIVE"}),
        items="taskDefinitionArns",
        normalize=_arn_named,
        details=(
            Detail(
                Call(
                    "DescribeTaskDefinition",
                    lambda doc: {"taskDefinition": doc["arn"], "include": ["TAGS"]},
                ),
                TASK_DEFINITION,
            ),
        ),
    ),
    ResourceSpec(
        model=EcsService,
        service="ecs",
        list=Call(
            "ListServices",
            fetch=list_services,
            extra_permissions=("ecs:ListClusters",),
        ),
        items="services",
        normalize=_service,
        details=(
            Detail(
                Call(
                    "DescribeServices",
                    lambda doc: {
                        "cluster": doc["cluster_arn"],
                        "services": [doc["arn"]],
                        "include": ["TAGS"],
                    },
                ),
                SERVICE,
            ),
        ),
    ),
)
