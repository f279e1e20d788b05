"""AWS Network Firewall: a protected, encrypted, logging firewall and an unprotected one.

moto stores no firewall policies, so policy contents (default actions, rule groups) are not
planted or collected.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

PROTECTED_FIREWALL = "cw-demo-egress-firewall"
BARE_FIREWALL = "cw-demo-lab-firewall"
LOG_GROUP = "/aws/network-firewall/cw-demo-egress"


def seed(ctx: SeedContext) -> None:
    region = ctx.home
    ec2 = ctx.client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.90.{index}.0/28", AvailabilityZone=zone)[
            "Subnet"
        ]["SubnetId"]
        for index, zone in enumerate((f"{region}a", f"{region}b"))
    ]
    key = ctx.client("kms", region).create_key(Description="cw-demo network firewall")
    policy_arn = f"arn:aws:network-firewall:{region}:{ctx.account_id}:firewall-policy/cw-demo"
    firewall = ctx.client("network-firewall", region)
    protected = firewall.create_firewall(
        FirewallName=PROTECTED_FIREWALL,
        FirewallPolicyArn=policy_arn,
        VpcId=vpc,
        SubnetMappings=[{"SubnetId": subnet} for subnet in subnets],
        DeleteProtection=True,
        SubnetChangeProtection=True,
        FirewallPolicyChangeProtection=True,
        EncryptionConfiguration={"KeyId": key["KeyMetadata"]["Arn"], "Type": "CUSTOMER_KMS"},
        Tags=[{"Key": "owner", "Value": "network"}],
    )["Firewall"]["FirewallArn"]
    ctx.client("logs", region).create_log_group(logGroupName=LOG_GROUP)
    firewall.update_logging_configuration(
        FirewallArn=protected,
        LoggingConfiguration={
            "LogDestinationConfigs": [
                {
                    "LogType": log_type,
                    "LogDestinationType": "CloudWatchLogs",
                    "LogDestination": {"logGroup": LOG_GROUP},
                }
                for log_type in ("FLOW", "ALERT")
            ]
        },
    )
    firewall.create_firewall(
        FirewallName=BARE_FIREWALL,
        FirewallPolicyArn=policy_arn,
        VpcId=vpc,
        SubnetMappings=[{"SubnetId": subnets[0]}],
        DeleteProtection=False,
        SubnetChangeProtection=False,
        FirewallPolicyChangeProtection=False,
    )
