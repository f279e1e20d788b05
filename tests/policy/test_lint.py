"""Policy lint: every read is documented, the result is a bool, no shape that cannot finish."""

from __future__ import annotations

import pytest

from cloudwarden.policy.lint import lint_check
from cloudwarden.scan.catalogue import field_catalogue
from tests.policy.support import make_check

CATALOGUE = field_catalogue()


def problems(assertion: str, **options: str) -> list[str]:
    return [p.message for p in lint_check(make_check(assertion, **options), CATALOGUE)]


@pytest.mark.parametrize(
    ("assertion", "field"),
    [
        ("resource['versoning_status'] == 'Enabled'", "aws.s3.bucket.versoning_status"),
        ("related('aws.kms.key')[0]['rotaton_enabled']", "aws.kms.key.rotaton_enabled"),
        ("related('aws.kms.key')[0].rotaton_enabled", "aws.kms.key.rotaton_enabled"),
        ("has(resource['logging'].nope)", "aws.s3.bucket.logging.nope"),
        ("has(resource.logging.nope)", "aws.s3.bucket.logging.nope"),
        ("related('aws.kms.key').exists(k, k['rotaton'])", "aws.kms.key.rotaton"),
        ("size((resource.collection_errors).filter(e, e.nope)) == 0", "collection_errors[].nope"),
    ],
)
def test_index_access_with_a_literal_key_is_a_field_read(assertion, field):
    found = problems(assertion)
    assert any(f"{field}, which is not a documented field" in p for p in found), found


@pytest.mark.parametrize(
    "assertion",
    [
        "dyn(resource).versoning_status == 'Enabled'",
        "dyn(related('aws.kms.key')[0]).x == 1",
        "related('aws.kms.key').exists(k, dyn(k).x == 1)",
    ],
)
def test_dyn_around_a_document_is_refused(assertion):
    assert any("in dyn(), which hides the fields it reads" in p for p in problems(assertion))


@pytest.mark.parametrize(
    "assertion",
    [
        "resource[resource.name] == 'x'",
        "related('aws.kms.key').exists(k, k[resource.name] == 1)",
        "resource.collection_errors.exists(e, e[resource.name] == 'x')",
    ],
)
def test_a_computed_key_on_a_document_is_refused(assertion):
    assert any("with a computed key" in p for p in problems(assertion))


def test_a_computed_key_on_a_map_field_is_allowed():
    assert problems("resource.tags[resource.name] == 'x'") == []


@pytest.mark.parametrize(
    ("assertion", "kind"),
    [
        ("1 + 1", "a number or list"),
        ("resource.name", "string"),
        ("size(resource.tags)", "int"),
        ("'yes'", "string"),
        ("resource.collection_errors.map(e, e.code)", "list"),
        ("days_since(resource.creation_date)", "int"),
        ("resource.versioning_status == 'x' ? 'a' : true", "string"),
    ],
)
def test_an_assertion_that_cannot_be_a_bool_is_refused(assertion, kind):
    assert f"assert gives {kind}, not a bool: it must be true or false" in problems(assertion)


def test_a_filter_that_cannot_be_a_bool_is_refused():
    found = problems("true", filter_="resource.name")
    assert "filter gives string, not a bool: it must be true or false" in found


@pytest.mark.parametrize(
    "assertion",
    [
        "resource.tags.all(k, k != '')",
        "policy_is_public(resource.policy)",
        "!has(resource.logging)",
        "resource.versioning_status == 'Enabled' ? true : false",
        "resource.tags[resource.name] == 'x'",
    ],
)
def test_bool_assertions_pass(assertion):
    assert problems(assertion) == []


def test_a_bool_field_is_a_bool_assertion():
    assert problems("resource.rotation_enabled", resource="aws.kms.key") == []


@pytest.mark.parametrize(
    "assertion",
    [
        "size(related('aws.iam.usr')) == 0",
        "size(related_where('aws.iam.usr', 'name', resource.name)) == 0",
    ],
)
def test_a_misspelled_related_type_is_refused(assertion):
    assert any("reads unknown type 'aws.iam.usr'" in p for p in problems(assertion))


def test_four_nested_comprehensions_over_one_list_are_refused():
    rules = "resource.ingress_rules"
    nested = (
        f"{rules}.all(a, {rules}.all(b, {rules}.all(c, {rules}.all(d, a.from_port != d.to_port))))"
    )
    found = problems(nested, resource="aws.ec2.security_group")
    assert any("nests more than 2 comprehensions" in p for p in found), found


def test_comprehensions_over_the_enclosing_item_nest_freely():
    assertion = (
        "resource.ingress_rules.all(r, r.protocol.size() > 0"
        " && resource.egress_rules.exists(e, e.protocol == r.protocol))"
    )
    assert problems(assertion, resource="aws.ec2.security_group") == []


def test_related_inside_a_comprehension_is_refused_and_a_join_is_not():
    loop = (
        "resource.network_interfaces.all(n,"
        " related('aws.ec2.instance').exists(i, i.id == n.instance_id))"
    )
    found = problems(loop, resource="aws.ec2.security_group")
    refused = "iterates related('aws.ec2.instance') inside another comprehension"
    assert any(refused in p for p in found), found
    join = (
        "resource.network_interfaces.all(n,"
        " size(related_where('aws.ec2.instance', 'id', n.instance_id)) > 0)"
    )
    assert problems(join, resource="aws.ec2.security_group") == []


@pytest.mark.parametrize(
    "assertion",
    [
        "size('aws.iam.user'.related()) == 0",
        "size('aws.iam.user'.related_where('name', resource.name)) == 0",
    ],
)
def test_related_called_as_a_method_is_refused(assertion):
    assert any("as a method; call it as a function" in p for p in problems(assertion))
