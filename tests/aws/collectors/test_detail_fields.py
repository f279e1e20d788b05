"""Every detail writes exactly the fields it declares.

A detail's ``fields`` say what a failed call leaves uncollected and which checks it serves, so
they must match what its ``apply`` really writes. For every registered type, a sample answer is
built for each call from botocore's own service model (every member of every structure, one
element per list and map), the type's details are applied stage by stage, and the top-level
fields each one sets or changes are compared with its declaration. The answers a detail's
``absent`` codes stand for are checked the same way. The finished document must then validate
against the type's model, which forbids unknown fields: that covers the fields of nested items
(a fan-out's, a join's) that no declaration names one by one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import botocore.session
import jmespath
import pytest
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Detail, RegionContext, ResourceSpec

CONTEXT = RegionContext(account_id="123456789012", partition="aws", region="us-east-1")

SAMPLE_STRING = "arn:aws:sample:us-east-1:123456789012:sample/sample"
"""Every string of a sample answer: ARN-shaped, since collectors split ARNs they are given."""
SAMPLE_POLICY = '{"Version": "2012-10-17", "Statement": []}'
"""The string of members that hold a policy document (parsed as JSON by the collectors)."""
SAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_TIME_NAMES = re.compile(r"(Date|Time|At|Modified)$")
"""String members that hold a time (EC2's CreationDate, Lambda's LastModified, ``createdAt``)."""

_SESSION = botocore.session.get_session()


def _set(*path: str | int, value: Any) -> Callable[[Any], None]:
    """A sample edit: set the value at ``path`` (keys and list indexes)."""

    def edit(response: Any) -> None:
        node = response
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return edit


SAMPLE_EDITS: dict[tuple[str, str], Callable[[Any], None]] = {
    # The security-group fan-out reads only available mount targets; the model's first enum
    # value is "creating".
    ("efs", "DescribeMountTargets"): _set("MountTargets", 0, "LifeCycleState", value="available"),
    # Attributes is a string map: the model names no key, so name the one that sets the ARN.
    ("sqs", "GetQueueAttributes"): _set("Attributes", value={"QueueArn": SAMPLE_STRING}),
    # The engine is read from a version like Elasticsearch_7.10 (else the listing's stands).
    ("opensearch", "DescribeDomain"): _set(
        "DomainStatus", "EngineVersion", value="Elasticsearch_7.10"
    ),
    # Policy and preference documents are JSON in a member named Content.
    ("organizations", "DescribePolicy"): _set("Policy", "Content", value=SAMPLE_POLICY),
    ("ssm", "GetDocument"): _set("Content", value='{"inputs": {"s3BucketName": "logs"}}'),
    # Inspector answers per account id: the sample's must be the scanned account's.
    ("inspector2", "BatchGetAccountStatus"): _set("accounts", 0, "accountId", value="123456789012"),
    # The WAF listings' fetch tags each item with the scope it was listed in.
    ("wafv2", "ListWebACLs"): _set("WebACLs", 0, "Scope", value="REGIONAL"),
    ("wafv2", "ListRuleGroups"): _set("RuleGroups", 0, "Scope", value="REGIONAL"),
    # A security configuration is a JSON document in a string (the model says only string).
    ("emr", "DescribeSecurityConfiguration"): _set(
        "SecurityConfiguration",
        value='{"EncryptionConfiguration": {"EnableAtRestEncryption": true, '
        '"EnableInTransitEncryption": true}}',
    ),
}
"""Values a detail needs to write every field it declares (or a later stage to find its items),
which a model's first enum value or a map's sample key does not give."""

SAMPLE_RESPONSES: dict[tuple[str, str], Any] = {
    # Not an API answer: the fetch function reads the credential report CSV and hands the
    # detail the <root_account> row, whose columns are the report's.
    ("iam", "GetCredentialReport"): {
        "user": "<root_account>",
        "mfa_active": "true",
        "access_key_1_active": "false",
        "access_key_2_active": "false",
        "password_last_used": "2026-01-01T00:00:00+00:00",
        "access_key_1_last_used_date": "N/A",
        "access_key_2_last_used_date": "N/A",
    },
    # The fetch function lists every cluster's services as {cluster, serviceArn} items.
    ("ecs", "ListServices"): {
        "services": [{"cluster": SAMPLE_STRING, "serviceArn": SAMPLE_STRING}],
    },
}
"""Calls whose ``fetch`` function answers something other than the operation's output shape."""


def _sample(shape: Shape, name: str = "", seen: frozenset[str] = frozenset()) -> Any:
    """A minimal value of ``shape``: every member, one element per list and map."""
    if isinstance(shape, StructureShape):
        if shape.name in seen:
            return {}  # a shape that contains itself through a list or map ends here
        inside = seen | {shape.name}
        return {
            member: _sample(member_shape, member, inside)
            for member, member_shape in shape.members.items()
            if member_shape.name not in inside  # a recursive shape ends here
        }
    if isinstance(shape, ListShape):
        return [_sample(shape.member, name, seen)]
    if isinstance(shape, MapShape):
        return {_sample(shape.key, "", seen): _sample(shape.value, name, seen)}
    return _scalar(shape, name)


def _scalar(shape: Shape, name: str) -> Any:
    if isinstance(shape, StringShape):
        if shape.enum:
            return shape.enum[0]
        lowered = name.lower()
        if "polic" in lowered or "document" in lowered:
            return SAMPLE_POLICY
        return SAMPLE_TIME.isoformat() if _TIME_NAMES.search(name) else SAMPLE_STRING
    values: dict[str, Any] = {
        "integer": 1,
        "long": 1,
        "float": 1.0,
        "double": 1.0,
        "boolean": True,
        "timestamp": SAMPLE_TIME,
        "blob": b"sample",
    }
    return values[shape.type_name]


def _response(service: str, operation: str) -> Any:
    if (service, operation) in SAMPLE_RESPONSES:
        return copy.deepcopy(SAMPLE_RESPONSES[service, operation])
    model = _SESSION.get_service_model(service).operation_model(operation)
    response = _sample(model.output_shape) if model.output_shape is not None else {}
    edit = SAMPLE_EDITS.get((service, operation))
    if edit is not None:
        edit(response)
    return response


class _Recording(dict[str, Any]):
    """A document that remembers every top-level field set on it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.written: set[str] = set()

    def __setitem__(self, key: str, value: Any) -> None:
        self.written.add(key)
        super().__setitem__(key, value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        values = dict(*args, **kwargs)
        self.written.update(values)
        super().update(values)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.written.add(key)
        return super().setdefault(key, default)


def _written(detail: Detail, doc: dict[str, Any], response: Any) -> set[str]:
    """The top-level fields ``detail`` sets or changes when it reads ``response`` into ``doc``."""
    before = copy.deepcopy(doc)
    recording = _Recording(doc)
    targets = detail.for_each(recording) if detail.for_each else [recording]
    assert targets, f"{detail.call.operation}: the sample gives its fan-out no item"
    for target in targets:
        detail.apply(target, copy.deepcopy(response))
    doc.clear()
    doc.update(recording)
    changed = {key for key in doc.keys() | before.keys() if doc.get(key) != before.get(key)}
    return recording.written | changed


def _service(spec: ResourceSpec, detail: Detail) -> str:
    return detail.call.service or spec.service


def _listed_doc(spec: ResourceSpec) -> dict[str, Any]:
    """The document the spec's normalize makes of a sample listed item (or of none), with the
    account id the engine adds to every document before its details run."""
    if spec.list is None:
        doc = dict(spec.normalize(None, CONTEXT))
    else:
        page = _response(spec.list.service or spec.service, spec.list.operation)
        items = jmespath.search(spec.items or "@", page)
        assert items, f"{spec.type_name}: the sample page has no item at {spec.items}"
        doc = dict(spec.normalize(items[0], CONTEXT))
    doc.setdefault("account_id", CONTEXT.account_id)
    return doc


def _specs() -> Iterator[ResourceSpec]:
    yield from (spec for spec in load_all() if spec.details)


@pytest.mark.parametrize("spec", list(_specs()), ids=lambda spec: spec.type_name)
def test_every_detail_writes_exactly_its_declared_fields(spec: ResourceSpec) -> None:
    doc = _listed_doc(spec)
    mismatches: list[str] = []
    for stage in spec.stages:
        for detail in (detail for detail in spec.details if detail.stage == stage):
            operation = detail.call.operation
            answers = {**detail.absent, "sample": _response(_service(spec, detail), operation)}
            for answer_name, answer in answers.items():
                # The sample's writes are kept: a later stage reads them.
                target = doc if answer_name == "sample" else copy.deepcopy(doc)
                written = _written(detail, target, answer)
                declared = set(detail.fields)
                if written != declared:
                    mismatches.append(
                        f"{operation} ({answer_name}): undeclared {sorted(written - declared)}, "
                        f"not written {sorted(declared - written)}"
                    )
    assert mismatches == []
    # The fields inside lists and nested documents are the model's: it forbids any other.
    spec.model.model_validate(
        {"type": spec.type_name, "region": CONTEXT.region, "account_id": CONTEXT.account_id} | doc
    )


def test_every_registered_detail_is_covered() -> None:
    """No detail is left out: each type with details is a case above, each call has a model."""
    for spec in _specs():
        for detail in spec.details:
            service = _service(spec, detail)
            if (service, detail.call.operation) in SAMPLE_RESPONSES:
                continue
            model = _SESSION.get_service_model(service).operation_model(detail.call.operation)
            assert model.output_shape is not None, f"{spec.type_name}: {detail.call.operation}"
