from __future__ import annotations

import json

import boto3

from cloudwarden.aws.credentials import Identity
from cloudwarden.demo.seed import opensearch as planted
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.scan.discover import DiscoveryScope, discover
from tests.conftest import find

TYPE = "aws.opensearch.domain"


def test_public_domain_is_open_unencrypted_and_unlogged(demo_inventory: Inventory) -> None:
    domain = find(demo_inventory, TYPE, planted.PUBLIC_DOMAIN).document()
    assert domain["arn"] == f"arn:aws:es:us-east-1:123456789012:domain/{planted.PUBLIC_DOMAIN}"
    assert domain["region"] == "us-east-1"
    assert domain["engine_type"] == "Elasticsearch"
    assert domain["engine_version"] == planted.OLD_VERSION
    assert domain["endpoint"]
    assert domain["vpc_endpoint"] is None
    assert domain["vpc_options"] is None
    assert domain["encryption_at_rest_enabled"] is False
    assert domain["encryption_at_rest_kms_key_id"] is None
    assert domain["node_to_node_encryption_enabled"] is False
    assert domain["enforce_https"] is False
    assert domain["tls_security_policy"] == "Policy-Min-TLS-1-0-2019-07"
    [statement] = domain["access_policies"]["Statement"]
    assert statement["Principal"] == "*"
    assert statement["Effect"] == "Allow"
    assert domain["fine_grained_access_control_enabled"] is False
    assert domain["cognito_enabled"] is False
    assert domain["log_publishing"] == []
    assert domain["enabled_log_types"] == []
    assert domain["zone_awareness_enabled"] is False
    assert domain["dedicated_master_enabled"] is False
    assert domain["tags"] == {}
    assert domain["collection_errors"] == []


def test_private_domain_is_in_vpc_encrypted_and_logged(demo_inventory: Inventory) -> None:
    domain = find(demo_inventory, TYPE, planted.PRIVATE_DOMAIN).document()
    assert domain["domain_id"] == f"123456789012/{planted.PRIVATE_DOMAIN}"
    assert domain["engine_type"] == "OpenSearch"
    assert domain["engine_version"] == planted.CURRENT_VERSION
    assert domain["endpoint"] is None
    assert domain["vpc_endpoint"]
    assert len(domain["vpc_options"]["subnet_ids"]) == 2
    assert domain["vpc_options"]["security_group_ids"][0].startswith("sg-")
    assert domain["encryption_at_rest_enabled"] is True
    assert domain["encryption_at_rest_kms_key_id"].startswith(
        "arn:aws:kms:us-east-1:123456789012:key/"
    )
    assert domain["node_to_node_encryption_enabled"] is True
    assert domain["enforce_https"] is True
    assert domain["tls_security_policy"] == planted.MODERN_TLS
    assert domain["access_policies"] is None
    assert domain["fine_grained_access_control_enabled"] is True
    assert domain["internal_user_database_enabled"] is False
    assert domain["anonymous_auth_enabled"] is False
    assert domain["enabled_log_types"] == sorted(planted.LOG_TYPES)
    assert all(log["log_group_arn"].startswith("arn:aws:logs:") for log in domain["log_publishing"])
    assert domain["zone_awareness_enabled"] is True
    assert domain["dedicated_master_enabled"] is True
    assert domain["dedicated_master_count"] == 3
    assert domain["instance_count"] == 2
    assert domain["auto_tune_state"] == "ENABLED"
    assert domain["tags"] == {"owner": "search"}
    assert domain["collection_errors"] == []
    assert demo_inventory.errors_for(TYPE) == []


def test_no_domains_is_an_empty_region(aws: boto3.Session, identity: Identity) -> None:
    scope = DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    inventory = discover(aws, identity, scope)
    assert list(inventory.of_type(TYPE)) == []
    assert inventory.errors_for(TYPE) == []


def test_policy_given_as_json_string_is_parsed(aws: boto3.Session, identity: Identity) -> None:
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*"}]}
    aws.client("opensearch").create_domain(DomainName="solo", AccessPolicies=json.dumps(policy))
    scope = DiscoveryScope(resource_types=(TYPE,), regions=("us-east-1",))
    inventory = discover(aws, identity, scope)
    domain = find(inventory, TYPE, "solo").document()
    assert domain["access_policies"] == policy
    assert domain["collection_errors"] == []
