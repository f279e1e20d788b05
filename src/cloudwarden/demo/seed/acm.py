"""ACM certificates: one Amazon-issued, one imported that expires soon, one with a weak key.

Also :func:`self_signed_certificate`, which the ELBv2 seeder uses for its HTTPS listener. moto
refuses to import an already expired certificate, so "expiring soon" is the worst it can hold.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from cloudwarden.demo.seed import SeedContext

ISSUED_DOMAIN = "cw-demo.example.com"
ISSUED_ALTERNATIVE = "www.cw-demo.example.com"
EXPIRING_DOMAIN = "cw-demo-expiring.example.com"
EXPIRING_IN_DAYS = 10
WEAK_KEY_DOMAIN = "cw-demo-weak-key.example.com"
"""Imported in the second demo region with an RSA 1024-bit key."""


def self_signed_certificate(
    domain: str, *, valid_days: int, rsa_bits: int | None = None
) -> tuple[bytes, bytes]:
    """A PEM certificate and its PKCS#8 private key (EC P-256 unless ``rsa_bits`` is given)."""
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
        if rsa_bits
        else ec.generate_private_key(ec.SECP256R1())
    )
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return (
        certificate.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def seed(ctx: SeedContext) -> None:
    acm = ctx.client("acm", ctx.home)
    acm.request_certificate(
        DomainName=ISSUED_DOMAIN,
        ValidationMethod="DNS",
        SubjectAlternativeNames=[ISSUED_ALTERNATIVE],
        Options={"CertificateTransparencyLoggingPreference": "ENABLED"},
        Tags=[{"Key": "owner", "Value": "platform"}],
    )

    certificate, key = self_signed_certificate(
        EXPIRING_DOMAIN, valid_days=EXPIRING_IN_DAYS, rsa_bits=2048
    )
    acm.import_certificate(
        Certificate=certificate,
        PrivateKey=key,
        Tags=[{"Key": "owner", "Value": "legacy-app"}],
    )

    if len(ctx.regions) > 1:
        certificate, key = self_signed_certificate(WEAK_KEY_DOMAIN, valid_days=200, rsa_bits=1024)
        ctx.client("acm", ctx.regions[1]).import_certificate(
            Certificate=certificate, PrivateKey=key
        )
