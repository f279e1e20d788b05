"""FSx: a multi-AZ Windows file system with backups, and a scratch Lustre one without."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

WINDOWS = "cw-demo-shares"
LUSTRE = "cw-demo-scratch"
SUBNETS = ["subnet-0cw0demo0000001", "subnet-0cw0demo0000002"]


def seed(ctx: SeedContext) -> None:
    fsx = ctx.client("fsx", ctx.home)
    fsx.create_file_system(
        FileSystemType="WINDOWS",
        StorageCapacity=32,
        SubnetIds=SUBNETS,
        WindowsConfiguration={
            "ThroughputCapacity": 8,
            "DeploymentType": "MULTI_AZ_1",
            "PreferredSubnetId": SUBNETS[0],
            "AutomaticBackupRetentionDays": 14,
            "CopyTagsToBackups": True,
        },
        Tags=[{"Key": "Name", "Value": WINDOWS}],
    )
    fsx.create_file_system(
        FileSystemType="LUSTRE",
        StorageCapacity=1200,
        SubnetIds=SUBNETS[:1],
        LustreConfiguration={"DeploymentType": "SCRATCH_2", "CopyTagsToBackups": False},
        Tags=[{"Key": "Name", "Value": LUSTRE}],
    )
