"""The published permissions file and the scanning policies are generated, never hand-kept."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cloudwarden.agent.permissions import (
    MANAGED_POLICY_LIMIT,
    chunk_actions,
    permissions_document,
    scanning_policy_documents,
)
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.permissions import required_actions
from cloudwarden.cli.main import app
from tests.agent import permissions_doc


def test_docs_agent_permissions_is_up_to_date():
    assert permissions_doc.main(["--check"]) == 0, "run: python -m tests.agent.permissions_doc"


def test_the_published_scanning_statement_is_the_collectors_declared_actions():
    [scan] = [
        s
        for s in permissions_document()["AgentRole"]["Statement"]
        if s["Resource"] == "*" and "Condition" not in s
    ]
    assert scan["Action"] == required_actions(load_all())


def test_the_published_file_shows_placeholders_not_cloudformation_syntax():
    text = json.dumps(permissions_document())
    assert "${" not in text
    assert "Fn::" not in text
    assert "<IntegrationId>" in text


def test_each_scanning_policy_fits_iams_managed_policy_limit():
    documents = scanning_policy_documents()
    assert len(documents) >= 2
    for document in documents:
        assert len(json.dumps(document, separators=(",", ":"))) <= MANAGED_POLICY_LIMIT


def test_chunking_keeps_every_action_once_in_order():
    actions = [f"service:Action{i:04d}" for i in range(1000)]
    chunks = chunk_actions(actions, budget=500)
    assert [a for chunk in chunks for a in chunk] == actions
    assert all(len(json.dumps(chunk, separators=(",", ":"))) <= 500 for chunk in chunks)


def test_the_cli_prints_the_template_and_the_permissions():
    runner = CliRunner()
    template = runner.invoke(app, ["agent", "template", "--code-bucket", "releases"])
    assert template.exit_code == 0, template.output
    resources = json.loads(template.stdout)["Resources"]
    assert resources["AgentFunction"]["Properties"]["Code"]["S3Bucket"] == "releases"
    permissions = runner.invoke(app, ["agent", "permissions"])
    assert permissions.exit_code == 0
    assert json.loads(permissions.stdout) == permissions_document()
