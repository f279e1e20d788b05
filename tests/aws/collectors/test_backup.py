from __future__ import annotations

from cloudwarden.demo.seed import backup as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

VAULT = "aws.backup.vault"
PLAN = "aws.backup.plan"
REPORT_PLAN = "aws.backup.report_plan"


def _plan(inventory: Inventory, name: str) -> dict:
    [plan] = [r.document() for r in inventory.of_type(PLAN) if r.name == name]
    return plan


def test_locked_vault_reports_its_key_and_lock(demo_inventory: Inventory) -> None:
    vault = find(demo_inventory, VAULT, planted.LOCKED_VAULT).document()
    assert vault["arn"] == (
        f"arn:aws:backup:us-east-1:{ACCOUNT_ID}:backup-vault:{planted.LOCKED_VAULT}"
    )
    assert vault["encryption_key_arn"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert vault["locked"] is True
    assert vault["min_retention_days"] == planted.LOCK_MIN_DAYS
    assert vault["max_retention_days"] == planted.LOCK_MAX_DAYS
    assert vault["lock_date"] is not None
    assert vault["vault_type"] == "BACKUP_VAULT"
    assert vault["tags"] == planted.TAGS


def test_plain_vault_has_no_key_and_no_lock(demo_inventory: Inventory) -> None:
    vault = find(demo_inventory, VAULT, planted.PLAIN_VAULT).document()
    assert vault["encryption_key_arn"] is None
    assert vault["locked"] is False
    assert vault["min_retention_days"] is None


def test_access_policy_moto_cannot_answer_is_recorded_not_guessed(
    demo_inventory: Inventory,
) -> None:
    # moto answers GetBackupVaultAccessPolicy with 404 "Not yet implemented".
    vault = find(demo_inventory, VAULT, planted.LOCKED_VAULT)
    assert vault.missing_fields() == {"access_policy"}
    assert vault.document()["access_policy"] is None


def test_dr_vault_is_found_in_its_region(demo_inventory: Inventory) -> None:
    assert find(demo_inventory, VAULT, planted.DR_VAULT).region == "eu-west-1"


def test_plans_report_their_rules(demo_inventory: Inventory) -> None:
    daily = _plan(demo_inventory, planted.DAILY_PLAN)
    assert daily["arn"].startswith(f"arn:aws:backup:us-east-1:{ACCOUNT_ID}:backup-plan:")
    assert daily["tags"] == planted.TAGS
    [rule] = daily["rules"]
    assert rule["rule_name"] == "daily"
    assert rule["target_vault_name"] == planted.LOCKED_VAULT
    assert rule["schedule_expression"] == "cron(0 5 * * ? *)"
    assert rule["delete_after_days"] == planted.DAILY_RETENTION_DAYS
    assert rule["copy_destination_vault_arns"] == [
        f"arn:aws:backup:eu-west-1:{ACCOUNT_ID}:backup-vault:{planted.DR_VAULT}"
    ]
    [short] = _plan(demo_inventory, planted.SHORT_PLAN)["rules"]
    assert short["delete_after_days"] == planted.SHORT_RETENTION_DAYS
    assert short["copy_destination_vault_arns"] == []
    assert short["continuous_backup"] is False


def test_report_plan(demo_inventory: Inventory) -> None:
    plan = find(demo_inventory, REPORT_PLAN, planted.REPORT_PLAN).document()
    assert plan["report_template"] == "BACKUP_JOB_REPORT"
    assert plan["s3_bucket_name"] == planted.REPORT_BUCKET
    assert plan["deployment_status"] == "COMPLETED"


def test_listings_succeed(demo_inventory: Inventory) -> None:
    for type_name in (PLAN, REPORT_PLAN):
        assert demo_inventory.errors_for(type_name) == []
