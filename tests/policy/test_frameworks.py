"""The shipped CIS AWS Foundations 5.0 framework: its controls, and how the report rolls them up."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cloudwarden.inventory.errors import CollectionError, ErrorKind
from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.report.build import framework_view
from cloudwarden.report.model import ControlStatus
from tests.policy.support import NOW, inventory_of, make_resource

BUNDLE = loader.load()
CIS = BUNDLE.frameworks["cis-aws-5.0"]
CONTROLS_TSV = Path(__file__).parent / "data" / "cis_aws_5.0_controls.tsv"
"""The benchmark's 5.0 control ids and titles (copied from shared/reference)."""


def benchmark_order(control_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in control_id.split("."))


def cis_5_0_rows() -> list[tuple[str, str]]:
    with CONTROLS_TSV.open(encoding="utf-8", newline="") as handle:
        rows = [
            (row["id"], row["title"])
            for row in csv.DictReader(handle, delimiter="\t")
            if row["cis_version"] == "5.0"
        ]
    return sorted(rows, key=lambda row: benchmark_order(row[0]))


def test_cis_5_0_has_every_control_of_the_benchmark_with_its_title_in_order():
    rows = cis_5_0_rows()
    assert len(rows) == 63
    assert [(c.id, c.title) for c in CIS.controls] == rows


def test_cis_5_0_names_its_benchmark():
    assert CIS.name == "CIS Amazon Web Services Foundations Benchmark"
    assert CIS.version == "5.0.0"


def test_most_controls_map_to_checks_and_manual_ones_say_why():
    mapped = [c for c in CIS.controls if c.checks]
    manual = [c for c in CIS.controls if not c.checks]
    assert len(mapped) >= 55
    for control in manual:
        assert control.manual is not None, control.id
        assert len(control.manual.strip()) >= 20, control.id
    for control in mapped:
        assert control.manual is None, f"{control.id} has checks and a manual reason"
        assert len(set(control.checks)) == len(control.checks), control.id


def test_controls_that_several_checks_decide_list_all_of_them():
    checks = {c.id: set(c.checks) for c in CIS.controls}
    assert checks["1.11"] == {
        "aws-iam-user-unused-password-disabled",
        "aws-iam-user-unused-access-keys-disabled",
    }
    assert {
        "aws-iam-policy-no-full-admin",
        "aws-iam-group-inline-policy-no-full-admin",
        "aws-iam-role-inline-policy-no-full-admin",
    } <= checks["1.15"]
    assert checks["5.3"] == {"aws-ec2-security-group-admin-ports-ipv4-restricted"}
    assert checks["5.4"] == {"aws-ec2-security-group-admin-ports-ipv6-restricted"}


def ssh_rule(source_kind: str, source: str) -> dict[str, object]:
    return {
        "protocol": "tcp",
        "all_traffic": False,
        "from_port": 22,
        "to_port": 22,
        "source_kind": source_kind,
        "source": source,
        "open_to_internet": source in ("0.0.0.0/0", "::/0"),
    }


@pytest.fixture(scope="module")
def view():
    denied = CollectionError(
        resource_type="aws.account",
        region="global",
        service="account",
        operation="GetAlternateContact",
        kind=ErrorKind.ACCESS_DENIED,
        code="AccessDeniedException",
        message="denied",
        resource_id="123456789012",
        fields=("security_contact",),
    )
    account = make_resource(
        "aws.account",
        {
            "id": "123456789012",
            "region": "global",
            "account_mfa_enabled": True,
            "account_access_keys_present": False,
            "collection_errors": [denied],
        },
    )
    open_group = make_resource(
        "aws.ec2.security_group",
        {"id": "sg-open", "ingress_rules": [ssh_rule("cidr_ipv4", "0.0.0.0/0")]},
    )
    private_group = make_resource(
        "aws.ec2.security_group",
        {"id": "sg-private", "ingress_rules": [ssh_rule("cidr_ipv4", "10.0.0.0/8")]},
    )
    file_system = make_resource("aws.efs.file_system", {"id": "fs-1", "encrypted": True})
    mapped = list(dict.fromkeys(c for control in CIS.controls for c in control.checks))
    results = Evaluator([BUNDLE.checks[c] for c in mapped]).evaluate(
        inventory_of(account, open_group, private_group, file_system), NOW
    )
    return framework_view(CIS, results)


def control(view, control_id):
    (found,) = [c for c in view.controls if c.id == control_id]
    return found


def test_the_view_keeps_every_control_in_order(view):
    assert [c.id for c in view.controls] == [c.id for c in CIS.controls]
    assert (view.id, view.version) == ("cis-aws-5.0", "5.0.0")


@pytest.mark.parametrize(
    "control_id",
    [
        "1.3",  # root has no access keys
        "1.4",  # root has MFA
        "2.3.1",  # the only EFS file system is encrypted
        "5.4",  # no security group admits ::/0 to 22 or 3389
    ],
)
def test_a_control_whose_checks_pass_passes(view, control_id):
    found = control(view, control_id)
    assert found.status is ControlStatus.PASS
    assert found.failing_resources == []
    assert found.reason == ""


def test_a_control_with_a_failing_resource_fails_and_names_only_that_resource(view):
    found = control(view, "5.3")
    assert found.status is ControlStatus.FAIL
    assert found.failing_resources == ["aws.ec2.security_group:us-east-1:sg-open"]
    assert found.checks == ["aws-ec2-security-group-admin-ports-ipv4-restricted"]


def test_a_control_whose_data_was_not_collected_is_an_error_naming_the_call(view):
    found = control(view, "1.2")
    assert found.status is ControlStatus.ERROR
    assert found.failing_resources == []
    assert "account:GetAlternateContact" in found.reason


def test_a_control_with_nothing_evaluated_is_an_error_not_a_pass(view):
    found = control(view, "2.2.1")  # no RDS instance in the inventory
    assert found.status is ControlStatus.ERROR
    assert found.reason == "no resource was evaluated"


def test_manual_controls_are_manual_with_their_reason(view):
    manual = {c.id: c.manual for c in CIS.controls if not c.checks}
    assert {"1.1", "1.20", "2.1.3"} <= set(manual)
    for control_id, reason in manual.items():
        found = control(view, control_id)
        assert found.status is ControlStatus.MANUAL
        assert found.checks == []
        assert found.reason == reason


def test_the_counts_add_up_to_every_control(view):
    assert sum(view.counts.values()) == len(CIS.controls)
    assert view.counts["manual"] == sum(1 for c in CIS.controls if not c.checks)
