"""Which fields an expression reads, for lint and for error-on-missing-data."""

from __future__ import annotations

import pytest

from cloudwarden.policy.references import field_refs

CASES = {
    "resource.versioning_status == 'Enabled'": {(None, "versioning_status")},
    "resource.public_access_block != null && resource.public_access_block.block_public_acls": {
        (None, "public_access_block"),
        (None, "public_access_block.block_public_acls"),
    },
    "resource.ingress_rules.all(r, !(r.open_to_internet && rule_allows_port(r, 22)))": {
        (None, "ingress_rules"),
        (None, "ingress_rules[].open_to_internet"),
    },
    "related('aws.kms.key').exists(k, k.rotation_enabled)": {("aws.kms.key", "rotation_enabled")},
    "has(resource.policy) && policy_is_public(resource.policy)": {(None, "policy")},
    "size(resource.mfa_devices) > 0": {(None, "mfa_devices")},
    "resource.name.startsWith('x')": {(None, "name")},
    "resource.a.all(x, x.b.all(y, y.c))": {(None, "a"), (None, "a[].b"), (None, "a[].b[].c")},
    "'resource.fake' == resource.real": {(None, "real")},
    "resource['a']['b'] == 1": {(None, "a.b")},
    "related('aws.kms.key')[0].x": {("aws.kms.key", "x")},
    "(resource.a).all(x, x.b)": {(None, "a"), (None, "a[].b")},
    "resource.a.filter(x, x.b).exists(y, y.c)": {(None, "a"), (None, "a[].b"), (None, "a[].c")},
    "related_where('aws.ec2.flow_log', 'resource_id', resource.id).exists(f, f.status == 'x')": {
        ("aws.ec2.flow_log", "resource_id"),
        ("aws.ec2.flow_log", "status"),
        (None, "id"),
    },
}


@pytest.mark.parametrize(("source", "expected"), CASES.items())
def test_field_refs(source, expected):
    assert {(r.resource_type, r.path) for r in field_refs(source)} == expected
