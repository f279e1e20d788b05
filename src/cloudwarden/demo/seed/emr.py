"""EMR: block public access on in the home region; a hardened
cluster in a private VPC of its own, with logs and a security configuration that
encrypts at rest, on local disks and in transit, and a legacy cluster in a default (public)
subnet without either.

The clusters are created with an instance count, not instance groups, so moto starts no EC2
instances for them (it then reports a public master DNS name for both: the subnet decides).
moto_server picks the EMR region from the endpoint's host name, which 127.0.0.1 does not carry:
every region's EMR calls reach the home region's state, so these clusters and settings show up
in each scanned region of the emulated account.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.batch import private_network
from cloudwarden.demo.seed.elbv2 import default_network
from cloudwarden.demo.seed.kms import ensure_data_key

HARDENED_CLUSTER = "cw-demo-analytics-emr"
LEGACY_CLUSTER = "cw-demo-adhoc-emr"
SECURITY_CONFIGURATION = "cw-demo-emr-encryption"
PRIVATE_NETWORK = "cw-demo-emr-private"
PRIVATE_CIDR = "10.91.0.0/16"
LOG_BUCKET = "s3://cw-demo-emr-logs/"
RELEASE = "emr-7.1.0"


def _security_configuration(key_arn: str) -> str:
    return json.dumps(
        {
            "EncryptionConfiguration": {
                "EnableAtRestEncryption": True,
                "EnableInTransitEncryption": True,
                "AtRestEncryptionConfiguration": {
                    "S3EncryptionConfiguration": {
                        "EncryptionMode": "SSE-KMS",
                        "AwsKmsKey": key_arn,
                    },
                    "LocalDiskEncryptionConfiguration": {
                        "EncryptionKeyProviderType": "AwsKms",
                        "AwsKmsKey": key_arn,
                        "EnableEbsEncryption": True,
                    },
                },
                "InTransitEncryptionConfiguration": {
                    "TLSCertificateConfiguration": {
                        "CertificateProviderType": "PEM",
                        "S3Object": "s3://cw-demo-emr-config/certs.zip",
                    }
                },
            }
        }
    )


def _instances(subnet: str) -> dict[str, object]:
    return {
        "MasterInstanceType": "m5.xlarge",
        "SlaveInstanceType": "m5.xlarge",
        "InstanceCount": 3,
        "KeepJobFlowAliveWhenNoSteps": True,
        "Ec2SubnetId": subnet,
    }


def seed(ctx: SeedContext) -> None:
    emr = ctx.client("emr", ctx.home)
    emr.put_block_public_access_configuration(
        BlockPublicAccessConfiguration={
            "BlockPublicSecurityGroupRules": True,
            "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}],
        }
    )
    emr.create_security_configuration(
        Name=SECURITY_CONFIGURATION,
        SecurityConfiguration=_security_configuration(ensure_data_key(ctx)),
    )
    ec2 = ctx.client("ec2", ctx.home)
    _, subnets, _ = default_network(ec2)
    private, _ = private_network(ec2, PRIVATE_CIDR, PRIVATE_NETWORK)
    emr.run_job_flow(
        Name=HARDENED_CLUSTER,
        ReleaseLabel=RELEASE,
        Instances=_instances(private),
        LogUri=LOG_BUCKET,
        SecurityConfiguration=SECURITY_CONFIGURATION,
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
        Tags=[{"Key": "owner", "Value": "analytics"}],
    )
    emr.run_job_flow(
        Name=LEGACY_CLUSTER,
        ReleaseLabel=RELEASE,
        Instances=_instances(subnets[0]),
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
    )
