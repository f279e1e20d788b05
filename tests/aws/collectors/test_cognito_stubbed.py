"""DescribeRiskConfiguration, which moto lacks, through botocore's Stubber (docs/moto-gaps.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.aws.collectors.stubbed_detail import run_detail

POOL_ID = "us-east-1_Ab12Cd34E"
TYPE = "aws.cognito.user_pool"


def risk_configuration(**configuration: object) -> dict[str, object]:
    return {
        "RiskConfiguration": {
            "UserPoolId": POOL_ID,
            "LastModifiedDate": datetime(2026, 11, 2, tzinfo=UTC),
            **configuration,
        }
    }


def test_blocking_risk_configuration() -> None:
    response = risk_configuration(
        CompromisedCredentialsRiskConfiguration={
            "EventFilter": ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"],
            "Actions": {"EventAction": "BLOCK"},
        },
        AccountTakeoverRiskConfiguration={
            "Actions": {
                "LowAction": {"Notify": False, "EventAction": "NO_ACTION"},
                "MediumAction": {"Notify": True, "EventAction": "MFA_IF_CONFIGURED"},
                "HighAction": {"Notify": True, "EventAction": "BLOCK"},
            }
        },
    )
    doc = run_detail(
        TYPE,
        "DescribeRiskConfiguration",
        {"id": POOL_ID, "advanced_security_mode": "ENFORCED"},
        response,
        {"UserPoolId": POOL_ID},
    )
    assert doc["compromised_credentials_action"] == "BLOCK"
    assert doc["account_takeover_high_action"] == "BLOCK"
    assert doc["account_takeover_medium_action"] == "MFA_IF_CONFIGURED"


def test_pool_without_risk_actions_reads_as_none() -> None:
    doc = run_detail(
        TYPE,
        "DescribeRiskConfiguration",
        {"id": POOL_ID, "advanced_security_mode": "AUDIT"},
        risk_configuration(),
        {"UserPoolId": POOL_ID},
    )
    assert doc["compromised_credentials_action"] is None
    assert doc["account_takeover_high_action"] is None
    assert doc["account_takeover_medium_action"] is None
