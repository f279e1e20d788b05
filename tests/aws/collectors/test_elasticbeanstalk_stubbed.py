"""Elastic Beanstalk option settings on botocore's Stubber (moto lacks
DescribeConfigurationSettings), responses shaped as in the Elastic Beanstalk API reference."""

from __future__ import annotations

from typing import Any

from tests.support.stubbed_aws import Failure, discover_stubbed

TYPE = "aws.elasticbeanstalk.environment"
ARN = "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/shop/shop-prod"
ENVIRONMENTS = {
    "Environments": [
        {
            "EnvironmentName": "shop-prod",
            "EnvironmentId": "e-abcdef1234",
            "ApplicationName": "shop",
            "EnvironmentArn": ARN,
            "SolutionStackName": "64bit Amazon Linux 2023 v4.3.0 running Python 3.12",
            "Status": "Ready",
            "Health": "Green",
            "Tier": {"Name": "WebServer", "Type": "Standard", "Version": "1.0"},
            "CNAME": "shop-prod.us-east-1.elasticbeanstalk.com",
        }
    ]
}


def _settings(*options: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "ConfigurationSettings": [
            {
                "ApplicationName": "shop",
                "EnvironmentName": "shop-prod",
                "DeploymentStatus": "deployed",
                "OptionSettings": [
                    {"Namespace": namespace, "OptionName": name, "Value": value}
                    for namespace, name, value in options
                ],
            }
        ]
    }


HARDENED = _settings(
    ("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"),
    ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
    ("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
    ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
    ("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel", "minor"),
    ("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
    ("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "90"),
    ("aws:elbv2:listener:default", "Protocol", "HTTP"),
    ("aws:elbv2:listener:443", "Protocol", "HTTPS"),
    ("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true"),
    ("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"),
    ("aws:ec2:vpc", "AssociatePublicIpAddress", "false"),
    ("aws:elasticbeanstalk:xray", "XRayEnabled", "false"),
)
LEGACY = _settings(
    ("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"),
    ("aws:elasticbeanstalk:healthreporting:system", "SystemType", "basic"),
    ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "false"),
    ("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "false"),
    ("aws:elb:listener:80", "ListenerProtocol", "HTTP"),
    ("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "false"),
    ("aws:ec2:vpc", "AssociatePublicIpAddress", "true"),
)
TAGS = {"ResourceArn": ARN, "ResourceTags": [{"Key": "owner", "Value": "shop"}]}
SETTINGS_PARAMS = {"ApplicationName": "shop", "EnvironmentName": "shop-prod"}


def _discover(settings: dict[str, Any] | Failure) -> Any:
    inventory, clients = discover_stubbed(
        TYPE,
        {
            ("elasticbeanstalk", "us-east-1"): [
                ("describe_environments", ENVIRONMENTS, {"IncludeDeleted": False}),
                ("describe_configuration_settings", settings, SETTINGS_PARAMS),
                ("list_tags_for_resource", TAGS, {"ResourceArn": ARN}),
            ]
        },
    )
    clients.assert_all_answered()
    [environment] = inventory.of_type(TYPE)
    return environment


def test_hardened_settings_are_read() -> None:
    doc = _discover(HARDENED).document()
    assert doc["id"] == ARN
    assert doc["environment_id"] == "e-abcdef1234"
    assert (doc["environment_type"], doc["load_balancer_type"]) == ("LoadBalanced", "application")
    assert doc["health_reporting"] == "enhanced"
    assert doc["managed_actions_enabled"] is True
    assert doc["managed_update_level"] == "minor"
    assert (doc["stream_logs"], doc["log_retention_days"]) == (True, 90)
    assert doc["https_listener"] is True
    assert doc["imdsv1_disabled"] is True
    assert doc["associate_public_ip_address"] is False
    assert doc["instance_profile"] == "aws-elasticbeanstalk-ec2-role"
    assert doc["xray_enabled"] is False
    assert doc["tags"] == {"owner": "shop"}
    assert doc["collection_errors"] == []


def test_legacy_settings_and_missing_options() -> None:
    doc = _discover(LEGACY).document()
    assert doc["health_reporting"] == "basic"
    assert doc["managed_actions_enabled"] is False
    assert doc["managed_update_level"] is None
    assert doc["stream_logs"] is False
    assert doc["log_retention_days"] is None
    assert doc["https_listener"] is False
    assert doc["imdsv1_disabled"] is False
    assert doc["associate_public_ip_address"] is True
    assert doc["xray_enabled"] is None


def test_denied_settings_are_not_collected() -> None:
    environment = _discover(Failure("AccessDenied", 403))
    assert "health_reporting" in environment.missing_fields()
    assert environment.document()["tags"] == {"owner": "shop"}
