"""ACM: certificates with their validity window, key algorithm, renewal and use."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

KEY_TYPES = (
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
)
"""Every key type: without this filter ListCertificates returns only RSA_1024 and RSA_2048 ones."""


@resource_type("aws.acm.certificate", "An ACM certificate (issued by Amazon or imported).")
class Certificate(Resource):
    """An ACM certificate; its id is its ARN and its name its domain name."""

    domain_name: str = Field(description="The primary domain name (subject CN).")
    subject_alternative_names: list[str] = Field(
        default_factory=list, description="Every domain name the certificate covers."
    )
    status: str | None = Field(
        default=None,
        description="PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, "
        "REVOKED or FAILED.",
    )
    certificate_type: str | None = Field(
        default=None, description="AMAZON_ISSUED, IMPORTED or PRIVATE."
    )
    key_algorithm: str | None = Field(
        default=None, description="The key, e.g. RSA_2048, RSA_1024 (weak) or EC_prime256v1."
    )
    signature_algorithm: str | None = Field(
        default=None, description="The signature algorithm, e.g. SHA256WITHRSA."
    )
    issuer: str | None = Field(default=None, description="The issuing certificate authority.")
    not_before: datetime | None = Field(default=None, description="Valid from.")
    not_after: datetime | None = Field(
        default=None, description="Valid until (expiry); compare with the scan time."
    )
    created_at: datetime | None = Field(default=None, description="When it was requested.")
    issued_at: datetime | None = Field(default=None, description="When Amazon issued it.")
    imported_at: datetime | None = Field(default=None, description="When it was imported.")
    in_use_by: list[str] = Field(
        default_factory=list,
        description="ARNs of the resources using it (load balancer listeners, CloudFront...).",
    )
    renewal_eligibility: str | None = Field(
        default=None,
        description="ELIGIBLE or INELIGIBLE for managed renewal (imported ones never are).",
    )
    renewal_status: str | None = Field(
        default=None,
        description="Managed renewal status (PENDING_AUTO_RENEWAL, PENDING_VALIDATION, SUCCESS, "
        "FAILED); null if no renewal has started.",
    )
    transparency_logging: str | None = Field(
        default=None,
        description="Certificate transparency logging preference: ENABLED or DISABLED.",
    )
    failure_reason: str | None = Field(
        default=None, description="Why the request failed, for FAILED certificates."
    )


def _certificate(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["CertificateArn"],
        "arn": item["CertificateArn"],
        "name": item.get("DomainName"),
        "domain_name": item.get("DomainName", ""),
    }


def _arn_params(doc: Doc) -> dict[str, Any]:
    return {"CertificateArn": doc["arn"]}


_CERTIFICATE = Map(
    {
        "subject_alternative_names": ("Certificate.SubjectAlternativeNames", strings),
        "status": "Certificate.Status",
        "certificate_type": "Certificate.Type",
        "key_algorithm": "Certificate.KeyAlgorithm",
        "signature_algorithm": "Certificate.SignatureAlgorithm",
        "issuer": "Certificate.Issuer",
        "not_before": "Certificate.NotBefore",
        "not_after": "Certificate.NotAfter",
        "created_at": "Certificate.CreatedAt",
        "issued_at": "Certificate.IssuedAt",
        "imported_at": "Certificate.ImportedAt",
        "in_use_by": ("Certificate.InUseBy", strings),
        "renewal_eligibility": "Certificate.RenewalEligibility",
        "renewal_status": "Certificate.RenewalSummary.RenewalStatus",
        "transparency_logging": "Certificate.Options.CertificateTransparencyLoggingPreference",
        "failure_reason": "Certificate.FailureReason",
    }
)


collectors.register(
    ResourceSpec(
        model=Certificate,
        service="acm",
        list=Call(
            "ListCertificates",
            lambda _doc: {"Includes": {"keyTypes": list(KEY_TYPES)}},
        ),
        items="CertificateSummaryList",
        normalize=_certificate,
        details=(
            Detail(
                Call("DescribeCertificate", _arn_params),
                _CERTIFICATE,
            ),
            Detail(Call("ListTagsForCertificate", _arn_params), Tags()),
        ),
    )
)
