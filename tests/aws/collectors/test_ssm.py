from __future__ import annotations

from cloudwarden.demo.seed import ssm as planted
from cloudwarden.inventory.errors import ErrorKind
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import ACCOUNT_ID, find

HOME = "us-east-1"


def _document_arn(name: str) -> str:
    return f"arn:aws:ssm:{HOME}:{ACCOUNT_ID}:document/{name}"


def _parameter(inventory: Inventory, name: str) -> dict[str, object]:
    return find(
        inventory, "aws.ssm.parameter", f"arn:aws:ssm:{HOME}:{ACCOUNT_ID}:parameter{name}"
    ).document()


def test_documents_say_with_whom_they_are_shared(demo_inventory: Inventory) -> None:
    public = find(demo_inventory, "aws.ssm.document", _document_arn(planted.PUBLIC_DOCUMENT))
    doc = public.document()
    assert doc["shared_with"] == ["all"]
    assert doc["document_type"] == "Command"
    assert doc["document_format"] == "JSON"
    assert doc["tags"] == {"owner": "platform"}
    private = find(demo_inventory, "aws.ssm.document", _document_arn(planted.PRIVATE_DOCUMENT))
    assert private.document()["shared_with"] == [planted.PARTNER_ACCOUNT]


def test_session_preferences_are_read_from_their_document(demo_inventory: Inventory) -> None:
    home = find(demo_inventory, "aws.ssm.region_settings", HOME).document()
    assert home["session_preferences_configured"] is True
    assert home["session_s3_bucket"] == planted.SESSION_BUCKET
    assert home["session_s3_encryption_required"] is True
    assert home["session_cloudwatch_log_group"] == planted.SESSION_LOG_GROUP
    assert home["session_cloudwatch_encryption_required"] is True
    assert str(home["session_kms_key_id"]).startswith(f"arn:aws:kms:{HOME}:")
    assert home["session_idle_timeout_minutes"] == planted.SESSION_IDLE_MINUTES
    assert home["session_run_as_enabled"] is True
    lax = find(demo_inventory, "aws.ssm.region_settings", "eu-west-1").document()
    assert lax["session_preferences_configured"] is True
    assert lax["session_s3_bucket"] is None
    assert lax["session_cloudwatch_log_group"] is None
    assert lax["session_kms_key_id"] is None
    assert lax["session_idle_timeout_minutes"] == 60


def test_no_saved_preferences_is_a_value_not_an_error(demo_inventory: Inventory) -> None:
    # GetDocument answers InvalidDocument where nobody saved Session Manager preferences.
    settings = find(demo_inventory, "aws.ssm.region_settings", "ap-southeast-2")
    doc = settings.document()
    assert doc["session_preferences_configured"] is False
    assert doc["session_s3_bucket"] is None
    # moto lacks GetServiceSetting: the public-sharing block is unknown, never "allowed".
    [error] = doc["collection_errors"]
    assert error["operation"] == "GetServiceSetting"
    assert settings.missing_fields() == {"document_public_sharing"}


def test_parameters_keep_type_and_key_but_never_values(demo_inventory: Inventory) -> None:
    plain = _parameter(demo_inventory, planted.PLAIN_PASSWORD)
    assert plain["parameter_type"] == "String"
    assert plain["key_id"] is None
    cmk = _parameter(demo_inventory, planted.SECURE_TOKEN_CMK)
    assert cmk["parameter_type"] == "SecureString"
    assert str(cmk["key_id"]).startswith(f"arn:aws:kms:{HOME}:")
    default = _parameter(demo_inventory, planted.SECURE_KEY_DEFAULT)
    assert default["key_id"] == "alias/aws/ssm"
    assert "cw-demo-plain-7f3a" not in str(
        [p.document() for p in demo_inventory.of_type("aws.ssm.parameter")]
    )


def test_patch_baselines_are_listed_but_their_rules_unknown_in_moto(
    demo_inventory: Inventory,
) -> None:
    baselines = {b.name: b for b in demo_inventory.of_type("aws.ssm.patch_baseline")}
    assert set(baselines) == {planted.STRICT_BASELINE, planted.LAX_BASELINE}
    for baseline in baselines.values():
        [error] = baseline.document()["collection_errors"]
        assert error["operation"] == "GetPatchBaseline"
        assert baseline.missing_fields() == {
            "rejected_patches_action",
            "rejected_patches",
            "approval_rules",
        }


def test_maintenance_windows_without_the_targets_flag_are_not_collected(
    demo_inventory: Inventory,
) -> None:
    windows = {w.name: w for w in demo_inventory.of_type("aws.ssm.maintenance_window")}
    assert set(windows) == {planted.OPEN_WINDOW, planted.TARGETED_WINDOW}
    for window in windows.values():
        doc = window.document()
        assert doc["schedule"] == "cron(0 2 ? * SUN *)"
        assert doc["duration_hours"] == 3
        # moto's GetMaintenanceWindow omits AllowUnassociatedTargets, which AWS always sends.
        [error] = doc["collection_errors"]
        assert error["kind"] == ErrorKind.INTERNAL
        assert window.missing_fields() == {"allow_unassociated_targets"}


def test_fleet_listings_moto_lacks_are_errors(demo_inventory: Inventory) -> None:
    for type_name in ("aws.ssm.managed_instance", "aws.ssm.compliance_summary"):
        assert demo_inventory.of_type(type_name) == []
        assert {e.region for e in demo_inventory.errors_for(type_name)} == {
            "us-east-1",
            "eu-west-1",
            "ap-southeast-2",
        }
