from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cloudwarden.demo.seed import acm as planted
from cloudwarden.demo.seed import elbv2 as planted_elb
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.inventory.resource import Resource

TYPE = "aws.acm.certificate"


def _for_domain(inventory: Inventory, domain: str) -> Resource:
    matches = [cert for cert in inventory.of_type(TYPE) if cert.name == domain]
    assert len(matches) == 1, sorted(str(cert.name) for cert in inventory.of_type(TYPE))
    return matches[0]


def test_amazon_issued_certificate(demo_inventory: Inventory) -> None:
    cert = _for_domain(demo_inventory, planted.ISSUED_DOMAIN).document()
    assert cert["id"] == cert["arn"]
    assert cert["arn"].startswith("arn:aws:acm:us-east-1:123456789012:certificate/")
    assert cert["domain_name"] == planted.ISSUED_DOMAIN
    assert set(cert["subject_alternative_names"]) == {
        planted.ISSUED_DOMAIN,
        planted.ISSUED_ALTERNATIVE,
    }
    assert cert["certificate_type"] == "AMAZON_ISSUED"
    # moto marks a requested certificate ISSUED once MOTO_ACM_VALIDATION_WAIT (60 s) has passed.
    assert cert["status"] in {"PENDING_VALIDATION", "ISSUED"}
    assert cert["issuer"] == "Amazon"
    assert cert["transparency_logging"] == "ENABLED"
    assert cert["in_use_by"] == []
    assert cert["tags"] == {"owner": "platform"}
    assert cert["collection_errors"] == []


def test_imported_certificate_expiring_soon(demo_inventory: Inventory) -> None:
    cert = _for_domain(demo_inventory, planted.EXPIRING_DOMAIN)
    doc = cert.document()
    assert doc["certificate_type"] == "IMPORTED"
    assert doc["status"] == "ISSUED"
    assert doc["key_algorithm"] == "RSA_2048"
    assert doc["renewal_eligibility"] == "INELIGIBLE"
    assert doc["imported_at"] is not None
    not_after = cert.not_after  # type: ignore[attr-defined]
    assert not_after - datetime.now(UTC) < timedelta(days=planted.EXPIRING_IN_DAYS + 1)
    assert not_after > datetime.now(UTC)
    assert doc["tags"] == {"owner": "legacy-app"}
    assert doc["collection_errors"] == []


def test_weak_key_and_ec_certificates_are_listed(demo_inventory: Inventory) -> None:
    weak = _for_domain(demo_inventory, planted.WEAK_KEY_DOMAIN)
    assert weak.region == "eu-west-1"
    assert weak.key_algorithm == "RSA_1024"  # type: ignore[attr-defined]
    # An EC key: ListCertificates leaves these out unless every key type is asked for.
    alb = _for_domain(demo_inventory, planted_elb.CERT_DOMAIN).document()
    assert alb["key_algorithm"] == "EC_prime256v1"
    [listener] = alb["in_use_by"]
    assert f"listener/app/{planted_elb.INTERNAL_ALB}/" in listener
    assert demo_inventory.errors_for(TYPE) == []
