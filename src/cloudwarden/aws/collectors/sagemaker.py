"""SageMaker: notebook instances with their encryption, network exposure, root access and IMDS.

Notebook instances are listed, then each is described (DescribeNotebookInstance) and its tags
read (ListTags) concurrently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, given, nonempty, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.sagemaker.notebook_instance", "A SageMaker notebook instance (Jupyter).")
class SageMakerNotebookInstance(Resource):
    """A SageMaker notebook instance; its id is its name."""

    status: str | None = Field(
        default=None,
        description="Pending, InService, Stopping, Stopped, Failed, Deleting or Updating.",
    )
    instance_type: str | None = Field(default=None, description="The ML instance type.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    url: str | None = Field(default=None, description="The URL of the Jupyter notebook server.")
    kms_key_id: str | None = Field(
        default=None,
        description="The KMS key that encrypts the ML storage volume; null means the volume "
        "is encrypted only with an AWS-owned key, not a key you control.",
    )
    volume_size_gb: int | None = Field(
        default=None, description="The size of the ML storage volume in GB."
    )
    direct_internet_access: str | None = Field(
        default=None,
        description="Enabled (SageMaker gives the instance internet access through its own "
        "network) or Disabled (traffic only goes through the instance's VPC).",
    )
    direct_internet_access_enabled: bool | None = Field(
        default=None,
        description="The instance has direct internet access (direct_internet_access is "
        "Enabled); null if not reported.",
    )
    root_access: str | None = Field(
        default=None,
        description="Enabled or Disabled: whether notebook users get root on the instance; "
        "null if not reported (AWS's default is Enabled).",
    )
    subnet_id: str | None = Field(
        default=None,
        description="The VPC subnet of the instance's network interface; null if "
        "it is not in a VPC of yours.",
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="The security groups of its network interface."
    )
    network_interface_id: str | None = Field(
        default=None, description="The network interface in the subnet, if any."
    )
    role_arn: str | None = Field(
        default=None, description="The IAM role the notebook's code runs as."
    )
    platform_identifier: str | None = Field(
        default=None,
        description="The platform (Amazon Linux and JupyterLab version), e.g. notebook-al2-v2.",
    )
    instance_metadata_service_version: str | None = Field(
        default=None,
        description="The minimum Instance Metadata Service version allowed: '2' means IMDSv2 "
        "only, '1' allows IMDSv1; null if not reported.",
    )
    lifecycle_config_name: str | None = Field(
        default=None, description="The lifecycle configuration that runs scripts at start."
    )
    default_code_repository: str | None = Field(
        default=None, description="The Git repository cloned as the default repository."
    )


def _notebook(item: Any, ctx: RegionContext) -> Doc:
    name = item["NotebookInstanceName"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("NotebookInstanceArn") or ctx.arn("sagemaker", f"notebook-instance/{name}"),
    }


def _direct_access_enabled(direct: Any) -> bool | None:
    return None if direct is None else direct == "Enabled"


_NOTEBOOK = Map(
    {
        "arn": ("NotebookInstanceArn", given),
        "status": "NotebookInstanceStatus",
        "instance_type": "InstanceType",
        "created_at": "CreationTime",
        "url": "Url",
        "kms_key_id": ("KmsKeyId", nonempty),
        "volume_size_gb": "VolumeSizeInGB",
        "direct_internet_access": "DirectInternetAccess",
        "direct_internet_access_enabled": ("DirectInternetAccess", _direct_access_enabled),
        "root_access": "RootAccess",
        "subnet_id": ("SubnetId", nonempty),
        "security_group_ids": ("SecurityGroups", strings),
        "network_interface_id": "NetworkInterfaceId",
        "role_arn": "RoleArn",
        "platform_identifier": "PlatformIdentifier",
        "instance_metadata_service_version": (
            "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion"
        ),
        "lifecycle_config_name": "NotebookInstanceLifecycleConfigName",
        "default_code_repository": "DefaultCodeRepository",
    }
)
"""Everything DescribeNotebookInstance fills: the instance's own fields and its ARN."""


collectors.register(
    ResourceSpec(
        model=SageMakerNotebookInstance,
        service="sagemaker",
        list=Call("ListNotebookInstances"),
        items="NotebookInstances",
        normalize=_notebook,
        details=(
            Detail(
                Call(
                    "DescribeNotebookInstance",
                    lambda doc: {"NotebookInstanceName": doc["id"]},
                ),
                _NOTEBOOK,
            ),
            Detail(
                Call("ListTags", lambda doc: {"ResourceArn": doc["arn"]}),
                Tags(),
            ),
        ),
    )
)
