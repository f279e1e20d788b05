"""Elastic Beanstalk: one application with a hardened web environment, created with the option
settings a production environment has (enhanced health, managed updates, log streaming,
IMDSv1 off).

moto keeps the environment but drops its option settings and does not emulate
DescribeConfigurationSettings, so in the emulated account the settings read as not collected
(the checks report error); the collector is tested on recorded responses as well.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

APPLICATION = "cw-demo-storefront"
ENVIRONMENT = "cw-demo-storefront-prod"
SOLUTION_STACK = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"
OPTION_SETTINGS = [
    ("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"),
    ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
    ("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
    ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
    ("aws:elasticbeanstalk:managedactions", "PreferredStartTime", "Sun:02:00"),
    ("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel", "minor"),
    ("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
    ("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "90"),
    ("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true"),
]


def seed(ctx: SeedContext) -> None:
    beanstalk = ctx.client("elasticbeanstalk", ctx.home)
    beanstalk.create_application(ApplicationName=APPLICATION)
    beanstalk.create_environment(
        ApplicationName=APPLICATION,
        EnvironmentName=ENVIRONMENT,
        SolutionStackName=SOLUTION_STACK,
        OptionSettings=[
            {"Namespace": namespace, "OptionName": name, "Value": value}
            for namespace, name, value in OPTION_SETTINGS
        ],
        Tags=[{"Key": "owner", "Value": "shop"}],
    )
