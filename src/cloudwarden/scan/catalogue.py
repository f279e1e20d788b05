"""The field catalogue policy lint checks expressions against: every documented field path."""

from __future__ import annotations

from cloudwarden.aws.collectors import load_all
from cloudwarden.inventory.fields import field_docs
from cloudwarden.inventory.registry import resource_types
from cloudwarden.policy.lint import FieldCatalogue


def field_catalogue() -> FieldCatalogue:
    load_all()
    return {
        info.name: {doc.path: doc.type for doc in field_docs(info.model)} for info in resource_types
    }
