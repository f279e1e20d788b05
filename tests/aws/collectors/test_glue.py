from __future__ import annotations

import json

from cloudwarden.demo.seed import glue as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

CATALOG = "aws.glue.region_settings"
CONNECTION = "aws.glue.connection"
CONFIGURATION = "aws.glue.security_configuration"
JOB = "aws.glue.job"
CRAWLER = "aws.glue.crawler"
DEV_ENDPOINT = "aws.glue.dev_endpoint"
TYPES = (CATALOG, CONNECTION, CONFIGURATION, JOB, CRAWLER, DEV_ENDPOINT)


def test_home_catalog_is_encrypted_and_shared_with_the_partner(demo_inventory: Inventory) -> None:
    catalog = find(demo_inventory, CATALOG, "us-east-1").document()
    assert catalog["catalog_encryption_mode"] == "SSE-KMS"
    assert catalog["catalog_kms_key_id"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert catalog["connection_password_encrypted"] is True
    assert catalog["connection_password_kms_key_id"] == catalog["catalog_kms_key_id"]
    [statement] = catalog["resource_policy"]["Statement"]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{planted.PARTNER_ACCOUNT}:root"}


def test_other_regions_keep_the_defaults(demo_inventory: Inventory) -> None:
    catalog = find(demo_inventory, CATALOG, "eu-west-1").document()
    assert catalog["catalog_encryption_mode"] == "DISABLED"
    assert catalog["connection_password_encrypted"] is False
    assert catalog["resource_policy"] is None
    assert catalog["collection_errors"] == []


def test_connections_keep_property_names_never_values(demo_inventory: Inventory) -> None:
    secret = find(demo_inventory, CONNECTION, planted.WAREHOUSE_CONNECTION).document()
    assert secret["property_names"] == ["JDBC_CONNECTION_URL", "JDBC_ENFORCE_SSL", "SECRET_ID"]
    assert secret["secret_id"] == planted.WAREHOUSE_CREDENTIALS_ARN
    assert secret["jdbc_enforce_ssl"] is True
    inline = find(demo_inventory, CONNECTION, planted.INLINE_CONNECTION).document()
    assert "USERNAME" in inline["property_names"]
    assert inline["secret_id"] is None
    assert inline["jdbc_enforce_ssl"] is False
    everything = json.dumps([r.document() for t in TYPES for r in demo_inventory.of_type(t)])
    assert planted.FAKE_PASSWORD not in everything
    assert "jdbc:mysql://" not in everything


def test_security_configurations_say_what_they_encrypt(demo_inventory: Inventory) -> None:
    full = find(demo_inventory, CONFIGURATION, planted.ENCRYPTING_CONFIGURATION).document()
    assert (full["s3_encryption_mode"], full["s3_encrypted"]) == ("SSE-KMS", True)
    assert full["s3_kms_key_arn"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert (full["cloudwatch_encryption_mode"], full["cloudwatch_encrypted"]) == ("SSE-KMS", True)
    assert full["job_bookmarks_encryption_mode"] == "CSE-KMS"
    assert full["job_bookmarks_encrypted"] is True
    plain = find(demo_inventory, CONFIGURATION, planted.PLAIN_CONFIGURATION).document()
    assert (plain["s3_encrypted"], plain["cloudwatch_encrypted"]) == (False, False)
    assert plain["job_bookmarks_encrypted"] is False


def test_jobs_crawlers_and_endpoints_name_their_configuration(demo_inventory: Inventory) -> None:
    job = find(demo_inventory, JOB, planted.SECURE_JOB).document()
    assert job["arn"] == f"arn:aws:glue:us-east-1:{ACCOUNT_ID}:job/{planted.SECURE_JOB}"
    assert job["security_configuration"] == planted.ENCRYPTING_CONFIGURATION
    assert job["glue_version"] == "4.0"
    assert job["continuous_logging"] is True
    assert job["argument_names"] == ["--enable-continuous-cloudwatch-log", "--job-language"]
    assert job["tags"] == {"owner": "data-platform"}
    legacy = find(demo_inventory, JOB, planted.PLAIN_JOB).document()
    assert (legacy["glue_version"], legacy["continuous_logging"]) == ("2.0", False)
    crawler = find(demo_inventory, CRAWLER, planted.SECURE_CRAWLER).document()
    assert crawler["security_configuration"] == planted.ENCRYPTING_CONFIGURATION
    assert (
        find(demo_inventory, CRAWLER, planted.PLAIN_CRAWLER).document()["security_configuration"]
        is None
    )
    endpoint = find(demo_inventory, DEV_ENDPOINT, planted.PLAIN_DEV_ENDPOINT).document()
    assert endpoint["security_configuration"] == planted.PLAIN_CONFIGURATION
    assert endpoint["status"] == "READY"


def test_no_collection_errors(demo_inventory: Inventory) -> None:
    for type_name in TYPES:
        assert demo_inventory.errors_for(type_name) == []
