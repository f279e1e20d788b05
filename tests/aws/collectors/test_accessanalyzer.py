from __future__ import annotations

from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TYPE = "aws.accessanalyzer.region_settings"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def test_one_document_per_region(demo_inventory: Inventory) -> None:
    settings = list(demo_inventory.of_type(TYPE))
    assert sorted(s.id for s in settings) == sorted(REGIONS)
    # The listing is a singleton (no call), so nothing fails at the type level...
    assert demo_inventory.errors_for(TYPE) == []


def test_unemulated_list_analyzers_is_recorded_in_every_region(demo_inventory: Inventory) -> None:
    # ...but moto 5.2.5 does not emulate Access Analyzer: ListAnalyzers answers 404 "Not yet
    # implemented". The scanner must say the analyzers are unknown in each region (so a check
    # reports an error), never that there are none.
    for region in REGIONS:
        settings = find(demo_inventory, TYPE, region)
        [error] = settings.collection_errors
        assert error.operation == "ListAnalyzers"
        assert error.kind in (ErrorKind.NOT_SUPPORTED, ErrorKind.SERVICE_ERROR)
        assert error.region == region
        assert error.resource_id == region
        assert settings.missing_fields() == {"analyzers"}
        assert settings.document()["analyzers"] == []
