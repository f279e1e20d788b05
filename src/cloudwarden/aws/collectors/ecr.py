"""ECR: private image repositories (tag immutability, scanning, encryption, policies) and the
registry's scanning configuration in each region."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, each, policy, required, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


@resource_type("aws.ecr.repository", "A private ECR image repository.")
class EcrRepository(Resource):
    """A private ECR repository; its id is its name."""

    uri: str | None = Field(default=None, description="The repository URI used to push and pull.")
    registry_id: str | None = Field(default=None, description="The registry (account) id.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    image_tag_mutability: str | None = Field(
        default=None,
        description="MUTABLE (tags can be overwritten) or IMMUTABLE; also "
        "MUTABLE_WITH_EXCLUSION / IMMUTABLE_WITH_EXCLUSION.",
    )
    scan_on_push: bool = Field(
        default=False, description="Images are scanned for vulnerabilities when pushed."
    )
    encryption_type: str | None = Field(
        default=None, description="AES256 (S3 managed keys), KMS or KMS_DSSE."
    )
    kms_key: str | None = Field(
        default=None, description="The KMS key for KMS encryption; null for AES256."
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The repository policy (who may pull/push), parsed; null if none."
    )
    lifecycle_policy: dict[str, Any] | None = Field(
        default=None,
        description="The lifecycle policy (image expiry rules), parsed; null if none.",
    )


class ScanningRule(Document):
    """A registry scanning rule."""

    scan_frequency: str = Field(description="SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL.")
    filters: list[str] = Field(
        default_factory=list, description="Repository name filters ('*' matches every one)."
    )


@resource_type(
    "aws.ecr.region_settings",
    "The private ECR registry's settings in one region.",
    account_asset=True,
)
class EcrRegionSettings(Resource):
    """The private registry of a region; its id is the region."""

    scan_type: str | None = Field(
        default=None, description="BASIC or ENHANCED (Amazon Inspector) scanning."
    )
    scanning_rules: list[ScanningRule] = Field(
        default_factory=list, description="Registry-wide scanning rules; empty if none."
    )
    registry_policy: dict[str, Any] | None = Field(
        default=None,
        description="The registry permissions policy (replication, pull-through), parsed; "
        "null if none.",
    )


def _repository(item: Any, ctx: RegionContext) -> Doc:
    encryption = item.get("encryptionConfiguration") or {}
    return {
        "id": item["repositoryName"],
        "name": item["repositoryName"],
        "arn": item["repositoryArn"],
        "uri": item.get("repositoryUri"),
        "registry_id": item.get("registryId"),
        "created_at": item.get("createdAt"),
        "image_tag_mutability": item.get("imageTagMutability"),
        "scan_on_push": bool((item.get("imageScanningConfiguration") or {}).get("scanOnPush")),
        "encryption_type": encryption.get("encryptionType"),
        "kms_key": encryption.get("kmsKey"),
    }


def _repository_params(doc: Doc) -> dict[str, Any]:
    return {"repositoryName": doc["id"], "registryId": doc["registry_id"]}


def _registry(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region}


_SCANNING_RULE = Map(
    {
        "scan_frequency": ("scanFrequency", required),
        "filters": ("repositoryFilters[].filter", strings),
    }
)
_SCANNING = Map(
    {
        "scan_type": "scanningConfiguration.scanType",
        "scanning_rules": ("scanningConfiguration.rules", each(_SCANNING_RULE)),
    }
)


collectors.register(
    ResourceSpec(
        model=EcrRepository,
        service="ecr",
        list=Call("DescribeRepositories"),
        items="repositories",
        normalize=_repository,
        details=(
            Detail(
                Call("GetRepositoryPolicy", _repository_params),
                Map({"policy": ("policyText", policy)}),
                absent={"RepositoryPolicyNotFoundException": {}},
            ),
            Detail(
                Call("GetLifecyclePolicy", _repository_params),
                Map({"lifecycle_policy": ("lifecyclePolicyText", policy)}),
                absent={"LifecyclePolicyNotFoundException": {}},
            ),
            Detail(
                Call("ListTagsForResource", lambda doc: {"resourceArn": doc["arn"]}),
                Tags("tags"),
            ),
        ),
    ),
    ResourceSpec(
        model=EcrRegionSettings,
        service="ecr",
        normalize=_registry,
        details=(
            Detail(
                Call("GetRegistryScanningConfiguration"),
                _SCANNING,
            ),
            Detail(
                Call("GetRegistryPolicy"),
                Map({"registry_policy": ("policyText", policy)}),
                absent={"RegistryPolicyNotFoundException": {}},
            ),
        ),
    ),
)
