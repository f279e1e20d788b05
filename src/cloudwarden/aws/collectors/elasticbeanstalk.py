"""Elastic Beanstalk: environments with the option settings that make them safe to run (health
reporting, managed platform updates, log streaming, HTTPS, IMDS, public addresses).

Environments are listed, then each one's effective option settings are read
(DescribeConfigurationSettings) and its tags (ListTagsForResource). An option the response does
not carry reads as null.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.elasticbeanstalk.environment", "An Elastic Beanstalk environment.")
class BeanstalkEnvironment(Resource):
    """An environment; its id is its ARN, its name the environment name."""

    environment_id: str | None = Field(default=None, description="The environment id (e-...).")
    application_name: str = Field(description="The application it belongs to.")
    status: str | None = Field(
        default=None, description="Launching, Updating, Ready, Terminating or Terminated."
    )
    health: str | None = Field(default=None, description="Green, Yellow, Red or Grey.")
    solution_stack: str | None = Field(
        default=None, description="The platform (solution stack) it runs."
    )
    platform_arn: str | None = Field(default=None, description="The platform version's ARN.")
    tier: str | None = Field(default=None, description="WebServer or Worker.")
    cname: str | None = Field(default=None, description="Its public URL's host name.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    environment_type: str | None = Field(
        default=None, description="LoadBalanced or SingleInstance; null if not reported."
    )
    load_balancer_type: str | None = Field(
        default=None, description="classic, application, network; null if none or not reported."
    )
    health_reporting: str | None = Field(
        default=None, description="basic or enhanced health reporting; null if not reported."
    )
    managed_actions_enabled: bool | None = Field(
        default=None,
        description="Managed platform updates are on; null if not reported.",
    )
    managed_update_level: str | None = Field(
        default=None, description="patch or minor: the updates applied automatically."
    )
    stream_logs: bool | None = Field(
        default=None, description="Instance logs are streamed to CloudWatch Logs."
    )
    log_retention_days: int | None = Field(
        default=None, description="Days the streamed logs are kept."
    )
    https_listener: bool | None = Field(
        default=None,
        description="The load balancer has an HTTPS (or SSL) listener; null if the "
        "environment reports no listener settings.",
    )
    imdsv1_disabled: bool | None = Field(
        default=None, description="Instances refuse IMDSv1 (DisableIMDSv1); null if not reported."
    )
    associate_public_ip_address: bool | None = Field(
        default=None, description="Instances get public IPv4 addresses; null if not reported."
    )
    instance_profile: str | None = Field(
        default=None, description="The instance profile the instances run with."
    )
    xray_enabled: bool | None = Field(
        default=None, description="The X-Ray daemon runs on the instances."
    )


OPTIONS = "ConfigurationSettings[0].OptionSettings"


def _value(options: Any, namespace: str, name: str) -> str | None:
    for option in options or ():
        if option.get("Namespace") == namespace and option.get("OptionName") == name:
            value = option.get("Value")
            return None if value is None else str(value)
    return None


def option(namespace: str, name: str) -> Callable[[Any], str | None]:
    """A converter reading one option's value from the option settings."""
    return lambda options: _value(options, namespace, name)


def option_true(namespace: str, name: str) -> Callable[[Any], bool | None]:
    """A boolean option ("true"/"false"); None when the option is not reported."""

    def convert(options: Any) -> bool | None:
        value = _value(options, namespace, name)
        return None if value is None else value.lower() == "true"

    return convert


def option_int(namespace: str, name: str) -> Callable[[Any], int | None]:
    def convert(options: Any) -> int | None:
        value = _value(options, namespace, name)
        return None if value is None or not value.isdigit() else int(value)

    return convert


def _https_listener(options: Any) -> bool | None:
    """Some listener of the load balancer speaks HTTPS (ALB/NLB) or HTTPS/SSL (classic)."""
    listeners = [
        option
        for option in options or ()
        if str(option.get("Namespace", "")).startswith(("aws:elbv2:listener:", "aws:elb:listener:"))
    ]
    if not listeners:
        return None
    return any(
        option.get("OptionName") in ("Protocol", "ListenerProtocol")
        and str(option.get("Value", "")).upper() in ("HTTPS", "SSL", "TLS")
        for option in listeners
    )


LAUNCH = "aws:autoscaling:launchconfiguration"
MANAGED = "aws:elasticbeanstalk:managedactions"
LOGS = "aws:elasticbeanstalk:cloudwatch:logs"
ENVIRONMENT = "aws:elasticbeanstalk:environment"

SETTINGS = Map(
    {
        "environment_type": (OPTIONS, option(ENVIRONMENT, "EnvironmentType")),
        "load_balancer_type": (OPTIONS, option(ENVIRONMENT, "LoadBalancerType")),
        "health_reporting": (
            OPTIONS,
            option("aws:elasticbeanstalk:healthreporting:system", "SystemType"),
        ),
        "managed_actions_enabled": (OPTIONS, option_true(MANAGED, "ManagedActionsEnabled")),
        "managed_update_level": (OPTIONS, option(f"{MANAGED}:platformupdate", "UpdateLevel")),
        "stream_logs": (OPTIONS, option_true(LOGS, "StreamLogs")),
        "log_retention_days": (OPTIONS, option_int(LOGS, "RetentionInDays")),
        "https_listener": (OPTIONS, _https_listener),
        "imdsv1_disabled": (OPTIONS, option_true(LAUNCH, "DisableIMDSv1")),
        "associate_public_ip_address": (
            OPTIONS,
            option_true("aws:ec2:vpc", "AssociatePublicIpAddress"),
        ),
        "instance_profile": (OPTIONS, option(LAUNCH, "IamInstanceProfile")),
        "xray_enabled": (OPTIONS, option_true("aws:elasticbeanstalk:xray", "XRayEnabled")),
    }
)


def _environment(item: Any, ctx: RegionContext) -> Doc:
    application = item["ApplicationName"]
    name = item["EnvironmentName"]
    arn = item.get("EnvironmentArn") or ctx.arn(
        "elasticbeanstalk", f"environment/{application}/{name}"
    )
    return {
        "id": arn,
        "name": name,
        "arn": arn,
        "environment_id": item.get("EnvironmentId") or None,
        "application_name": application,
        "status": item.get("Status"),
        "health": item.get("Health"),
        "solution_stack": item.get("SolutionStackName"),
        "platform_arn": item.get("PlatformArn"),
        "tier": (item.get("Tier") or {}).get("Name"),
        "cname": item.get("CNAME"),
        "created_at": item.get("DateCreated"),
    }


collectors.register(
    ResourceSpec(
        model=BeanstalkEnvironment,
        service="elasticbeanstalk",
        list=Call("DescribeEnvironments", lambda _doc: {"IncludeDeleted": False}),
        items="Environments",
        normalize=_environment,
        details=(
            Detail(
                Call(
                    "DescribeConfigurationSettings",
                    lambda doc: {
                        "ApplicationName": doc["application_name"],
                        "EnvironmentName": doc["name"],
                    },
                ),
                SETTINGS,
            ),
            Detail(
                Call("ListTagsForResource", lambda doc: {"ResourceArn": doc["arn"]}),
                Tags("ResourceTags"),
            ),
        ),
    )
)
