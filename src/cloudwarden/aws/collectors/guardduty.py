"""GuardDuty: the detectors of each region, with their status and protection plans.

One document per region (``aws.guardduty.region_settings``), so "GuardDuty is enabled in every
region" has an answer where a region has no detector. ListDetectors (stage 0) gives the detector
ids; GetDetector (stage 1) is called once per detector.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, chain, each, pairs, plain_dict, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class DetectorFeature(Document):
    """A GuardDuty protection plan (feature) of a detector."""

    name: str = Field(
        description=(
            "The feature: CLOUD_TRAIL, DNS_LOGS, FLOW_LOGS, S3_DATA_EVENTS, EKS_AUDIT_LOGS, "
            "EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, EKS_RUNTIME_MONITORING, "
            "LAMBDA_NETWORK_LOGS or RUNTIME_MONITORING."
        )
    )
    status: str = Field(description="ENABLED or DISABLED.")
    additional_configuration: dict[str, str] = Field(
        default_factory=dict,
        description="Sub-settings of the feature by name (e.g. EKS_ADDON_MANAGEMENT) -> status.",
    )


class Detector(Document):
    """A GuardDuty detector. Fields other than id are null if GetDetector failed."""

    id: str = Field(description="The detector id.")
    status: str | None = Field(default=None, description="ENABLED or DISABLED.")
    finding_publishing_frequency: str | None = Field(
        default=None,
        description="Updated findings are exported: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS.",
    )
    service_role: str | None = Field(
        default=None, description="The service-linked role GuardDuty uses."
    )
    created_at: datetime | None = Field(default=None, description="When the detector was created.")
    updated_at: datetime | None = Field(
        default=None, description="When the detector was last updated."
    )
    cloudtrail_status: str | None = Field(
        default=None, description="Data source CloudTrail management events: ENABLED or DISABLED."
    )
    dns_logs_status: str | None = Field(
        default=None, description="Data source DNS logs: ENABLED or DISABLED."
    )
    flow_logs_status: str | None = Field(
        default=None, description="Data source VPC flow logs: ENABLED or DISABLED."
    )
    s3_logs_status: str | None = Field(
        default=None, description="S3 Protection (S3 data events): ENABLED or DISABLED."
    )
    kubernetes_audit_logs_status: str | None = Field(
        default=None, description="EKS Protection (Kubernetes audit logs): ENABLED or DISABLED."
    )
    malware_protection_status: str | None = Field(
        default=None,
        description="Malware Protection (EBS scans of flagged instances): ENABLED or DISABLED.",
    )
    features: list[DetectorFeature] = Field(
        default_factory=list,
        description="The protection plans and their status (the current form of data sources).",
    )
    tags: dict[str, str] = Field(default_factory=dict, description="The detector's tags.")


@resource_type(
    "aws.guardduty.region_settings",
    "GuardDuty in one region: its detectors, their status and protection plans.",
    account_asset=True,
)
class GuardDutyRegionSettings(Resource):
    """GuardDuty in one region; the id is the region. No detector means GuardDuty is off."""

    detectors: list[Detector] = Field(
        default_factory=list, description="The region's detectors (at most one); empty if none."
    )


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"GuardDuty in {ctx.region}"}


def _each_detector(doc: Doc) -> list[Doc]:
    # Unset when ListDetectors failed (its error is on the document).
    detectors: list[Doc] = doc.get("detectors", [])
    return detectors


def _detector_params(detector: Doc) -> dict[str, Any]:
    return {"DetectorId": detector["id"]}


_FEATURE = Map(
    {
        "name": ("Name", required),
        "status": ("Status", required),
        "additional_configuration": ("AdditionalConfiguration", pairs("Name", "Status")),
    }
)
_DETECTOR = Map(
    {
        "status": ("Status", required),
        "finding_publishing_frequency": "FindingPublishingFrequency",
        "service_role": "ServiceRole",
        "created_at": "CreatedAt",
        "updated_at": "UpdatedAt",
        "cloudtrail_status": "DataSources.CloudTrail.Status",
        "dns_logs_status": "DataSources.DNSLogs.Status",
        "flow_logs_status": "DataSources.FlowLogs.Status",
        "s3_logs_status": "DataSources.S3Logs.Status",
        "kubernetes_audit_logs_status": "DataSources.Kubernetes.AuditLogs.Status",
        "malware_protection_status": (
            "DataSources.MalwareProtection.ScanEc2InstanceWithFindings.EbsVolumes.Status"
        ),
        "features": ("Features", each(_FEATURE)),
        "tags": ("Tags", plain_dict),
    }
)
"""One detector (a fan-out item of the region's ``detectors``)."""


collectors.register(
    ResourceSpec(
        model=GuardDutyRegionSettings,
        service="guardduty",
        normalize=_region,
        details=(
            Detail(
                Call("ListDetectors"),
                Map({"detectors": ("DetectorIds", chain(required, each(Map({"id": "@"}))))}),
            ),
            Detail(
                Call("GetDetector", _detector_params),
                _DETECTOR,
                ("detectors",),
                stage=1,
                for_each=_each_detector,
            ),
        ),
    )
)
