"""Lightsail on botocore's Stubber (moto does not emulate Lightsail), with responses shaped as in
the Lightsail API reference (GetInstances, GetRelationalDatabases)."""

from __future__ import annotations

from tests.support.stubbed_aws import Failure, discover_stubbed

INSTANCE = "aws.lightsail.instance"
DATABASE = "aws.lightsail.database"
ARN = "arn:aws:lightsail:us-east-1:123456789012"


def _port(from_port: int, to_port: int, cidrs: list[str]) -> dict[str, object]:
    return {
        "fromPort": from_port,
        "toPort": to_port,
        "protocol": "tcp",
        "accessFrom": "Custom",
        "accessType": "Public",
        "cidrs": cidrs,
        "ipv6Cidrs": [],
    }


INSTANCES = {
    "instances": [
        {
            "name": "blog",
            "arn": f"{ARN}:Instance/1b2c3d4e",
            "createdAt": "2026-01-10T08:00:00Z",
            "blueprintId": "wordpress",
            "bundleId": "small_3_0",
            "state": {"code": 16, "name": "running"},
            "publicIpAddress": "203.0.113.10",
            "isStaticIp": True,
            "networking": {
                "ports": [
                    _port(80, 80, ["0.0.0.0/0"]),
                    _port(22, 22, ["0.0.0.0/0"]),
                ]
            },
            "tags": [{"key": "owner", "value": "marketing"}],
        }
    ]
}
DATABASES = {
    "relationalDatabases": [
        {
            "name": "blog-db",
            "arn": f"{ARN}:RelationalDatabase/5f6a7b8c",
            "engine": "mysql",
            "engineVersion": "8.0.35",
            "state": "available",
            "publiclyAccessible": True,
            "backupRetentionEnabled": False,
            "createdAt": "2026-01-10T08:05:00Z",
            "tags": [],
        }
    ]
}


def test_instances_with_their_open_ports() -> None:
    inventory, clients = discover_stubbed(
        INSTANCE, {("lightsail", "us-east-1"): [("get_instances", INSTANCES, {})]}
    )
    clients.assert_all_answered()
    [instance] = inventory.of_type(INSTANCE)
    doc = instance.document()
    assert (doc["id"], doc["arn"]) == ("blog", f"{ARN}:Instance/1b2c3d4e")
    assert (doc["blueprint_id"], doc["state"]) == ("wordpress", "running")
    assert doc["public_ip_address"] == "203.0.113.10"
    assert doc["is_static_ip"] is True
    assert [(p["from_port"], p["to_port"], p["cidrs"]) for p in doc["ports"]] == [
        (80, 80, ["0.0.0.0/0"]),
        (22, 22, ["0.0.0.0/0"]),
    ]
    assert doc["ports"][0]["access_type"] == "Public"
    assert doc["tags"] == {"owner": "marketing"}


def test_databases_with_exposure_and_backups() -> None:
    inventory, clients = discover_stubbed(
        DATABASE, {("lightsail", "us-east-1"): [("get_relational_databases", DATABASES, {})]}
    )
    clients.assert_all_answered()
    [database] = inventory.of_type(DATABASE)
    doc = database.document()
    assert (doc["id"], doc["engine"], doc["state"]) == ("blog-db", "mysql", "available")
    assert doc["publicly_accessible"] is True
    assert doc["backup_retention_enabled"] is False
    assert doc["tags"] == {}


def test_a_denied_listing_is_an_error_not_an_empty_region() -> None:
    inventory, clients = discover_stubbed(
        INSTANCE,
        {("lightsail", "us-east-1"): [("get_instances", Failure("AccessDeniedException"), {})]},
    )
    clients.assert_all_answered()
    assert inventory.of_type(INSTANCE) == []
    [error] = inventory.errors_for(INSTANCE)
    assert (error.operation, error.kind.value) == ("GetInstances", "access_denied")
