"""Classic Load Balancers: a TLS one kept up to date, and a plain-HTTP leftover in one zone.

The secure one terminates TLS with an ACM certificate and the TLS 1.2 policy, logs to S3,
drains connections and spreads traffic over two zones. The legacy one listens on HTTP only in
a single zone with every attribute left at its default.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

SECURE_ELB = "cw-demo-classic-tls"
LEGACY_ELB = "cw-demo-classic-http"
LOG_BUCKET = "cw-demo-classic-elb-logs"
CERT_DOMAIN = "classic.cw-demo.example.com"
TLS_POLICY = "cw-demo-tls12"
SECURE_REFERENCE_POLICY = "ELBSecurityPolicy-TLS-1-2-2017-01"


def seed(ctx: SeedContext) -> None:
    region = ctx.home
    elb = ctx.client("elb", region)
    zones = [f"{region}a", f"{region}b"]
    certificate = ctx.client("acm", region).request_certificate(
        DomainName=CERT_DOMAIN, ValidationMethod="DNS"
    )["CertificateArn"]
    elb.create_load_balancer(
        LoadBalancerName=SECURE_ELB,
        Listeners=[
            {
                "Protocol": "HTTPS",
                "LoadBalancerPort": 443,
                "InstanceProtocol": "HTTP",
                "InstancePort": 8080,
                "SSLCertificateId": certificate,
            }
        ],
        AvailabilityZones=zones,
        Tags=[{"Key": "owner", "Value": "payments"}],
    )
    elb.create_load_balancer_policy(
        LoadBalancerName=SECURE_ELB,
        PolicyName=TLS_POLICY,
        PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=[
            {
                "AttributeName": "Reference-Security-Policy",
                "AttributeValue": SECURE_REFERENCE_POLICY,
            }
        ],
    )
    elb.set_load_balancer_policies_of_listener(
        LoadBalancerName=SECURE_ELB, LoadBalancerPort=443, PolicyNames=[TLS_POLICY]
    )
    ctx.client("s3", region).create_bucket(Bucket=LOG_BUCKET)
    elb.modify_load_balancer_attributes(
        LoadBalancerName=SECURE_ELB,
        LoadBalancerAttributes={
            "CrossZoneLoadBalancing": {"Enabled": True},
            "AccessLog": {"Enabled": True, "S3BucketName": LOG_BUCKET, "EmitInterval": 60},
            "ConnectionDraining": {"Enabled": True, "Timeout": 300},
            "AdditionalAttributes": [
                {"Key": "elb.http.desyncmitigationmode", "Value": "strictest"}
            ],
        },
    )

    elb.create_load_balancer(
        LoadBalancerName=LEGACY_ELB,
        Listeners=[
            {
                "Protocol": "HTTP",
                "LoadBalancerPort": 80,
                "InstanceProtocol": "HTTP",
                "InstancePort": 80,
            }
        ],
        AvailabilityZones=zones[:1],
    )
    elb.modify_load_balancer_attributes(
        LoadBalancerName=LEGACY_ELB,
        LoadBalancerAttributes={
            "CrossZoneLoadBalancing": {"Enabled": False},
            "ConnectionDraining": {"Enabled": False},
            "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}],
        },
    )
