"""Network Firewall policies through botocore's Stubber: moto has no firewall policy API.

The responses are shaped as in the Network Firewall API reference and validated by the
Stubber against the real service model; the collector's own listing normalizer and detail
mapping read them.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.stub import Stubber

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.networkfirewall import FirewallPolicy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import RegionContext

load_all()
TYPE = "aws.networkfirewall.firewall_policy"
ARN = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/egress"
STATEFUL_GROUP = "arn:aws:network-firewall:us-east-1:123456789012:stateful-rulegroup/domains"
CONTEXT = RegionContext(account_id="123456789012", partition="aws", region="us-east-1")


def _describe_response(stateless: list[str], fragments: list[str]) -> dict[str, Any]:
    return {
        "UpdateToken": "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
        "FirewallPolicyResponse": {
            "FirewallPolicyName": "egress",
            "FirewallPolicyArn": ARN,
            "FirewallPolicyId": "0a1b2c3d-aaaa-bbbb-cccc-111122223333",
            "FirewallPolicyStatus": "ACTIVE",
            "Tags": [{"Key": "owner", "Value": "network"}],
        },
        "FirewallPolicy": {
            "StatelessDefaultActions": stateless,
            "StatelessFragmentDefaultActions": fragments,
            "StatefulRuleGroupReferences": [{"ResourceArn": STATEFUL_GROUP}],
            "StatefulDefaultActions": ["aws:drop_established"],
        },
    }


def _collect(describe: dict[str, Any]) -> dict[str, Any]:
    spec = collectors.get(TYPE)
    client = boto3.client(
        "network-firewall",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stub:
        stub.add_response(
            "list_firewall_policies", {"FirewallPolicies": [{"Name": "egress", "Arn": ARN}]}
        )
        stub.add_response("describe_firewall_policy", describe, {"FirewallPolicyArn": ARN})
        [item] = client.list_firewall_policies()["FirewallPolicies"]
        doc = {**spec.normalize(item, CONTEXT), "type": TYPE, "region": "us-east-1"}
        [detail] = spec.details
        assert detail.call.params is not None
        response = client.describe_firewall_policy(**detail.call.params(doc))
        detail.apply(doc, response)
        stub.assert_no_pending_responses()
    return FirewallPolicy.model_validate({**doc, "account_id": "123456789012"}).document()


def test_policy_that_forwards_to_the_stateful_engine() -> None:
    doc = _collect(_describe_response(["aws:forward_to_sfe"], ["aws:drop"]))
    assert (doc["id"], doc["arn"], doc["name"]) == (ARN, ARN, "egress")
    assert doc["stateless_default_actions"] == ["aws:forward_to_sfe"]
    assert doc["stateless_fragment_default_actions"] == ["aws:drop"]
    assert doc["stateless_rule_groups"] == []
    assert doc["stateful_rule_groups"] == [STATEFUL_GROUP]
    assert doc["stateful_default_actions"] == ["aws:drop_established"]
    assert doc["tags"] == {"owner": "network"}


def test_policy_that_passes_everything() -> None:
    doc = _collect(_describe_response(["aws:pass"], ["aws:pass"]))
    assert doc["stateless_default_actions"] == ["aws:pass"]
    assert doc["stateless_fragment_default_actions"] == ["aws:pass"]
