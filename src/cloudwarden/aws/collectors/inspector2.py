"""Amazon Inspector (v2): whether it is enabled in each region for this account, which scan
types are on, and how many critical findings are still active.

One document per region (``aws.inspector2.region_settings``). BatchGetAccountStatus answers for
an account where Inspector is off too (status DISABLED): that is a value. A denied call is an
error, and an answer that does not include the scanned account is a failed read, never "off".
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

SCAN_TYPES = {
    "ec2_scanning": "ec2",
    "ecr_scanning": "ecr",
    "lambda_scanning": "lambda",
    "lambda_code_scanning": "lambdaCode",
}
"""Document field -> the key of BatchGetAccountStatus's resourceState."""
ACTIVE_CRITICAL = {
    "findingStatus": [{"comparison": "EQUALS", "value": "ACTIVE"}],
    "severity": [{"comparison": "EQUALS", "value": "CRITICAL"}],
}


@resource_type(
    "aws.inspector2.region_settings",
    "Amazon Inspector in one region: account status, scan types, active critical findings.",
    account_asset=True,
)
class InspectorRegionSettings(Resource):
    """Inspector for this account in one region; the id is the region."""

    status: str | None = Field(
        default=None,
        description="ENABLED, ENABLING, DISABLED, DISABLING, SUSPENDED or SUSPENDING.",
    )
    ec2_scanning: str | None = Field(
        default=None, description="EC2 instance scanning: ENABLED, DISABLED..."
    )
    ecr_scanning: str | None = Field(
        default=None, description="ECR container image scanning: ENABLED, DISABLED..."
    )
    lambda_scanning: str | None = Field(
        default=None, description="Lambda function (package) scanning: ENABLED, DISABLED..."
    )
    lambda_code_scanning: str | None = Field(
        default=None, description="Lambda code scanning: ENABLED, DISABLED..."
    )
    active_critical_findings: int | None = Field(
        default=None,
        description="Active (unresolved, not suppressed) findings of CRITICAL severity; read "
        "only where Inspector is enabled.",
    )


def _region(_item: Any, ctx: RegionContext) -> Doc:
    return {"id": ctx.region, "name": f"Amazon Inspector in {ctx.region}"}


def _apply_status(doc: Doc, response: Any) -> None:
    answers = [a for a in response.get("accounts", []) if a.get("accountId") == doc["account_id"]]
    if not answers:
        raise KeyError("the answer does not include the scanned account")
    account = answers[0]
    resources = account.get("resourceState") or {}
    doc["status"] = account["state"]["status"]
    for field, key in SCAN_TYPES.items():
        doc[field] = (resources.get(key) or {}).get("status")


def _apply_findings(doc: Doc, response: Any) -> None:
    doc["active_critical_findings"] = len(response.get("findings", []))


def _is_enabled(doc: Doc) -> bool:
    return doc.get("status") == "ENABLED"


collectors.register(
    ResourceSpec(
        model=InspectorRegionSettings,
        service="inspector2",
        normalize=_region,
        details=(
            Detail(
                Call("BatchGetAccountStatus", lambda doc: {"accountIds": [doc["account_id"]]}),
                _apply_status,
                ("status", *SCAN_TYPES),
            ),
            Detail(
                Call("ListFindings", lambda _doc: {"filterCriteria": ACTIVE_CRITICAL}),
                _apply_findings,
                ("active_critical_findings",),
                when=_is_enabled,
                stage=1,
            ),
        ),
    )
)
