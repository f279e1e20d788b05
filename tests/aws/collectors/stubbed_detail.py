"""Run one detail of a registered collector against botocore's Stubber on the real service model.

For APIs moto lacks (docs/moto-gaps.md): the stubbed response is validated against the service
model, the request parameters the detail builds are checked against the expected ones, and the
detail's own ``apply`` merges the response into the document.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore import xform_name
from botocore.stub import Stubber

from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.mapping import Doc
from cloudwarden.aws.collectors.spec import Detail


def detail_of(type_name: str, operation: str) -> tuple[str, Detail]:
    """The boto3 client name and the detail of ``type_name`` that calls ``operation``."""
    spec = load_all().get(type_name)
    [detail] = [d for d in spec.details if d.call.operation == operation]
    return detail.call.service or spec.service, detail


def run_detail(
    type_name: str,
    operation: str,
    target: Doc,
    response: dict[str, Any],
    expected_params: dict[str, Any],
) -> Doc:
    """Call ``operation`` through a stubbed client as the collector would; apply the response."""
    service, detail = detail_of(type_name, operation)
    assert detail.call.params is not None
    params = dict(detail.call.params(target))
    client = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client(service)  # type: ignore[call-overload]
    with Stubber(client) as stubber:
        stubber.add_response(xform_name(operation), response, expected_params)
        answer = getattr(client, xform_name(operation))(**params)
        stubber.assert_no_pending_responses()
    detail.apply(target, answer)
    return target
