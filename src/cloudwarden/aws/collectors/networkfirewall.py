"""AWS Network Firewall: firewalls with their protections, encryption, zones and logging."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, flag, pairs, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class LogDestination(Document):
    """Where one kind of firewall log goes."""

    log_type: str = Field(description="FLOW, ALERT or TLS.")
    destination_type: str | None = Field(
        default=None, description="S3, CloudWatchLogs or KinesisDataFirehose."
    )


@resource_type("aws.networkfirewall.firewall", "An AWS Network Firewall firewall.")
class Firewall(Resource):
    """A Network Firewall firewall; its id is its ARN."""

    vpc_id: str | None = Field(default=None, description="The VPC it protects.")
    firewall_policy_arn: str | None = Field(default=None, description="Its firewall policy.")
    subnet_ids: list[str] = Field(
        default_factory=list,
        description="The subnets its endpoints are in; a firewall takes at most one subnet per "
        "Availability Zone, so this counts its zones too.",
    )
    delete_protection: bool | None = Field(default=None, description="It cannot be deleted.")
    subnet_change_protection: bool | None = Field(
        default=None, description="Its subnet associations cannot be changed."
    )
    policy_change_protection: bool | None = Field(
        default=None, description="Its firewall policy cannot be swapped."
    )
    encryption_type: str | None = Field(
        default=None, description="AWS_OWNED_KMS_KEY or CUSTOMER_KMS."
    )
    kms_key_id: str | None = Field(default=None, description="The customer managed KMS key.")
    status: str | None = Field(default=None, description="PROVISIONING, READY or DELETING.")
    log_destinations: list[LogDestination] = Field(
        default_factory=list, description="Its logging configuration; empty if it logs nothing."
    )


@resource_type("aws.networkfirewall.firewall_policy", "An AWS Network Firewall firewall policy.")
class FirewallPolicy(Resource):
    """A firewall policy; its id is its ARN."""

    stateless_default_actions: list[str] = Field(
        default_factory=list,
        description="What happens to full packets no stateless rule matches: aws:pass, "
        "aws:drop or aws:forward_to_sfe (to the stateful engine), plus custom actions.",
    )
    stateless_fragment_default_actions: list[str] = Field(
        default_factory=list,
        description="The same, for fragmented packets.",
    )
    stateless_rule_groups: list[str] = Field(
        default_factory=list, description="ARNs of the stateless rule groups it references."
    )
    stateful_rule_groups: list[str] = Field(
        default_factory=list, description="ARNs of the stateful rule groups it references."
    )
    stateful_default_actions: list[str] = Field(
        default_factory=list,
        description="Strict-order default actions of the stateful engine (aws:drop_strict...).",
    )


def _policy(item: Any, ctx: RegionContext) -> Doc:
    return {"id": item["Arn"], "arn": item["Arn"], "name": item["Name"]}


FIREWALL_POLICY = Map(
    {
        "stateless_default_actions": ("FirewallPolicy.StatelessDefaultActions", strings),
        "stateless_fragment_default_actions": (
            "FirewallPolicy.StatelessFragmentDefaultActions",
            strings,
        ),
        "stateless_rule_groups": (
            "FirewallPolicy.StatelessRuleGroupReferences[].ResourceArn",
            strings,
        ),
        "stateful_rule_groups": (
            "FirewallPolicy.StatefulRuleGroupReferences[].ResourceArn",
            strings,
        ),
        "stateful_default_actions": ("FirewallPolicy.StatefulDefaultActions", strings),
        "tags": ("FirewallPolicyResponse.Tags", pairs()),
    }
)
"""A DescribeFirewallPolicy response as the policy's fields."""


def _firewall(item: Any, ctx: RegionContext) -> Doc:
    return {"id": item["FirewallArn"], "arn": item["FirewallArn"], "name": item["FirewallName"]}


def _arn_params(doc: Doc) -> dict[str, Any]:
    return {"FirewallArn": doc["arn"]}


_LOG_DESTINATION = Map({"log_type": "LogType", "destination_type": "LogDestinationType"})


collectors.register(
    ResourceSpec(
        model=FirewallPolicy,
        service="network-firewall",
        list=Call("ListFirewallPolicies"),
        items="FirewallPolicies",
        normalize=_policy,
        details=(
            Detail(
                Call("DescribeFirewallPolicy", lambda doc: {"FirewallPolicyArn": doc["arn"]}),
                FIREWALL_POLICY,
            ),
        ),
    ),
    ResourceSpec(
        model=Firewall,
        service="network-firewall",
        list=Call("ListFirewalls"),
        items="Firewalls",
        normalize=_firewall,
        details=(
            Detail(
                Call("DescribeFirewall", _arn_params),
                Map(
                    {
                        "vpc_id": "Firewall.VpcId",
                        "firewall_policy_arn": "Firewall.FirewallPolicyArn",
                        "subnet_ids": ("Firewall.SubnetMappings[].SubnetId", strings),
                        "delete_protection": ("Firewall.DeleteProtection", flag),
                        "subnet_change_protection": ("Firewall.SubnetChangeProtection", flag),
                        "policy_change_protection": (
                            "Firewall.FirewallPolicyChangeProtection",
                            flag,
                        ),
                        "encryption_type": "Firewall.EncryptionConfiguration.Type",
                        "kms_key_id": "Firewall.EncryptionConfiguration.KeyId",
                        "status": "FirewallStatus.Status",
                        "tags": ("Firewall.Tags", pairs()),
                    }
                ),
            ),
            Detail(
                Call("DescribeLoggingConfiguration", _arn_params),
                Map(
                    {
                        "log_destinations": (
                            "LoggingConfiguration.LogDestinationConfigs",
                            each(_LOG_DESTINATION),
                        )
                    }
                ),
            ),
        ),
    ),
)
