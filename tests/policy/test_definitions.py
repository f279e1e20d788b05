"""Shared definitions: named CEL with literal parameters, expanded before lint and evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwarden.exceptions import PolicyError
from cloudwarden.policy import loader
from cloudwarden.policy.definitions import Definitions
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.policy.lint import lint
from cloudwarden.policy.results import Status
from cloudwarden.scan.catalogue import field_catalogue
from tests.policy.support import NOW, inventory_of, make_resource


def definitions(**bodies: tuple[tuple[str, ...], str]) -> Definitions:
    found = Definitions()
    for name, (params, expression) in bodies.items():
        found.add(name, params, expression, where="test.yaml")
    return found


def test_a_call_becomes_the_expression_with_its_parameters_replaced_by_the_literals():
    defs = definitions(port_open=(("port",), "resource.ports.exists(p, p == port)"))
    assert defs.expand("port_open(22) || port_open(3389)", where="x") == (
        "(resource.ports.exists(p, p == 22)) || (resource.ports.exists(p, p == 3389))"
    )


def test_members_strings_and_other_names_are_left_alone():
    defs = definitions(
        named=(("name",), "resource.name == name && 'name' != name && resource.tags.name == '1'")
    )
    assert defs.expand("named('a\\'b')", where="x") == (
        "(resource.name == 'a\\'b' && 'name' != 'a\\'b' && resource.tags.name == '1')"
    )
    # The same name as a member, or inside a string, is not a call of the definition.
    assert defs.expand("resource.named('x') && 'named(1)' != ''", where="x") == (
        "resource.named('x') && 'named(1)' != ''"
    )


def test_definitions_may_call_definitions_but_not_themselves():
    defs = definitions(
        inner=(("value",), "resource.size > value"),
        outer=((), "inner(10) && inner(20)"),
    )
    assert defs.expand("outer()", where="x") == ("((resource.size > 10) && (resource.size > 20))")
    loop = definitions(ping=((), "pong()"), pong=((), "ping()"))
    with pytest.raises(PolicyError, match=r"calls itself \(ping -> pong -> ping\)"):
        loop.expand("ping()", where="x")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("port_open(resource.port)", "takes literal arguments"),
        ("port_open()", r"takes 1 argument\(s\) \(port\), not 0"),
        ("port_open(1, 2)", r"takes 1 argument\(s\) \(port\), not 2"),
        ("port_open(1", "is not closed"),
        ("port_open(1 2)", "separated by commas"),
    ],
)
def test_a_bad_call_is_one_sentence(call, message):
    defs = definitions(port_open=(("port",), "resource.port == port"))
    with pytest.raises(PolicyError, match=message):
        defs.expand(call, where="x")


def test_a_parameter_cannot_also_be_a_comprehension_variable():
    with pytest.raises(PolicyError, match="uses its parameter 'p' as a comprehension variable"):
        definitions(bad=(("p",), "resource.ports.exists(p, p > 0)"))


BUNDLE = """
definitions:
  - name: versioning_is
    params: [state]
    description: The bucket's versioning is in the given state.
    expression: resource.versioning_status == state
checks:
  - id: aws-s3-bucket-custom-versioned
    title: Custom versioning check
    impact: 50
    resource: aws.s3.bucket
    assert: versioning_is('Enabled')
    docs:
      description: A custom check that calls a definition.
      risk: It must behave as the expanded expression.
      remediation: {cli: none}
"""


def test_a_custom_file_defines_and_calls_and_the_check_evaluates_the_expansion(tmp_path: Path):
    path = tmp_path / "custom.yaml"
    path.write_text(BUNDLE)
    bundle = loader.load([path])
    check = bundle.checks["aws-s3-bucket-custom-versioned"]
    assert check.assertion == "(resource.versioning_status == 'Enabled')"
    results = Evaluator([check]).evaluate(
        inventory_of(
            make_resource("aws.s3.bucket", {"versioning_status": "Enabled"}),
            make_resource("aws.s3.bucket", {"versioning_status": "Suspended"}, 1),
        ),
        NOW,
    )
    assert sorted((r.resource_id, r.status) for r in results) == [
        ("fixture-0", Status.PASS),
        ("fixture-1", Status.FAIL),
    ]


def test_lint_sees_through_a_definition_to_the_fields_it_reads(tmp_path: Path):
    path = tmp_path / "custom.yaml"
    path.write_text(BUNDLE.replace("resource.versioning_status", "resource.versioning_stauts"))
    problems = [str(p) for p in lint(loader.load([path]), field_catalogue())]
    assert any("versioning_stauts" in p for p in problems), problems


def test_a_definition_cannot_take_a_function_name(tmp_path: Path):
    path = tmp_path / "custom.yaml"
    path.write_text(BUNDLE.replace("name: versioning_is", "name: size"))
    with pytest.raises(PolicyError, match="has the name of a CEL function"):
        loader.load([path], shipped=False)


def test_the_cis_monitoring_checks_share_one_definition():
    bundle = loader.load()
    monitored = [
        check
        for check in bundle.checks.values()
        if check.id.endswith("-monitored") and check.resource == "aws.account"
    ]
    assert len(monitored) == 15
    assert all("related('aws.logs.metric_filter')" in c.assertion for c in monitored)
    assert "alarmed_metric_filter" in bundle.definitions
