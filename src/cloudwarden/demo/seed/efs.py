"""EFS: a well-configured encrypted file system and a bare unencrypted one in the home region,
and a One Zone file system in the second region.

The secure one is encrypted with the demo KMS key (``alias/cw-demo-data``) when the kms seeder
planted it, else with the default key; it has automatic backups, a policy denying insecure
transport, a lifecycle policy and an access point enforcing a user and a root directory. The
insecure one has no encryption, no backup policy, no file system policy, and an access point
exposing the whole file system as any user. Mount targets (which create network interfaces in
the EC2 inventory) are planted only by the EFS tests, in an account of their own.

moto quirks: PutBackupPolicy is not emulated (``Backup=`` at creation sets it), and One Zone file
systems always get a backup policy.
"""

from __future__ import annotations

import json
from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import data_key_arn

SECURE = "cw-demo-secure-efs"
INSECURE = "cw-demo-insecure-efs"
ONE_ZONE = "cw-demo-onezone-efs"
"""Name tags (and creation tokens) of the planted file systems."""
SECURE_ACCESS_POINT = "cw-demo-app-access-point"
OPEN_ACCESS_POINT = "cw-demo-open-access-point"
APP_ROOT = "/app"
APP_UID = 1000
TAGS = {"owner": "storage"}


def deny_insecure_transport(file_system_arn: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": {"AWS": "*"},
                "Action": "*",
                "Resource": file_system_arn,
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }


def _tags(name: str) -> list[dict[str, str]]:
    return [{"Key": "Name", "Value": name}] + [{"Key": k, "Value": v} for k, v in TAGS.items()]


def seed(ctx: SeedContext) -> None:
    efs = ctx.client("efs", ctx.home)

    encryption: dict[str, Any] = {"Encrypted": True}
    key_arn = data_key_arn(ctx, ctx.home)
    if key_arn is not None:
        encryption["KmsKeyId"] = key_arn
    secure = efs.create_file_system(
        CreationToken=SECURE,
        PerformanceMode="generalPurpose",
        ThroughputMode="elastic",
        Backup=True,
        Tags=_tags(SECURE),
        **encryption,
    )
    efs.put_file_system_policy(
        FileSystemId=secure["FileSystemId"],
        Policy=json.dumps(deny_insecure_transport(secure["FileSystemArn"])),
    )
    efs.put_lifecycle_configuration(
        FileSystemId=secure["FileSystemId"],
        LifecyclePolicies=[
            {"TransitionToIA": "AFTER_30_DAYS"},
            {"TransitionToPrimaryStorageClass": "AFTER_1_ACCESS"},
        ],
    )
    efs.create_access_point(
        FileSystemId=secure["FileSystemId"],
        PosixUser={"Uid": APP_UID, "Gid": APP_UID},
        RootDirectory={"Path": APP_ROOT},
        Tags=[{"Key": "Name", "Value": SECURE_ACCESS_POINT}],
    )

    insecure = efs.create_file_system(
        CreationToken=INSECURE, Encrypted=False, Backup=False, Tags=_tags(INSECURE)
    )
    efs.create_access_point(
        FileSystemId=insecure["FileSystemId"],
        RootDirectory={"Path": "/"},
        Tags=[{"Key": "Name", "Value": OPEN_ACCESS_POINT}],
    )

    if len(ctx.regions) > 1:
        region = ctx.regions[1]
        ctx.client("efs", region).create_file_system(
            CreationToken=ONE_ZONE,
            AvailabilityZoneName=f"{region}a",
            Encrypted=False,
            Tags=_tags(ONE_ZONE),
        )
