"""The report's JSON Schema is published in docs/ and kept current."""

from __future__ import annotations

import json
from pathlib import Path

from cloudwarden.report.model import Report

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def test_published_schema_matches_the_model():
    current = Report.model_json_schema(by_alias=True)
    assert json.loads(PUBLISHED.read_text()) == current, (
        "docs/report.schema.json is stale: regenerate with "
        "python -c 'import json; from cloudwarden.report.model import Report; "
        "print(json.dumps(Report.model_json_schema(by_alias=True), indent=2))'"
        " > docs/report.schema.json"
    )
