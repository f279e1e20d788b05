"""docs/coverage.md, generated: the shipped checks per AWS service beside the peer's AWS
checks and Prowler's, and the services they cover that we do not yet.

    python -m tests.policy.coverage_doc          # rewrite docs/coverage.md
    python -m tests.policy.coverage_doc --check  # exit 1 if it is out of date (the suite runs this)

A count is not a verdict on quality: it says where the gaps are. Our service of a check is
its id's second word (``aws-<service>-...``); the peer's groups and Prowler's service folders
are mapped onto our service names by the tables below (declared data, reviewed by hand).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from cloudwarden.policy.loader import load

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "coverage.md"
DATA = Path(__file__).resolve().parent / "data"
PEER = DATA / "peer_aws_checks.tsv"
"""A copy of the reference's peer_aws_security_checks.tsv (the clean clone has no reference)."""
PROWLER = DATA / "prowler_aws_checks.tsv"

PEER_GROUPS: dict[str, str] = {
    "AWS General": "account",
    "Amazon EC2": "ec2",
    "AWS Security Group": "ec2",
    "AWS VPC": "ec2",
    "AWS CloudWatch": "cloudwatch",
    "Amazon SageMaker": "sagemaker",
    "Amazon SageMaker Notebook Instance": "sagemaker",
    "AWS IAM": "iam",
    "Amazon S3 Bucket": "s3",
    "Amazon OpenSearch": "opensearch",
    "AWS Elasticsearch Domain": "opensearch",
    "Amazon RDS DB Instance": "rds",
    "Amazon RDS DB Cluster": "rds",
    "Amazon RDS Proxy": "rds",
    "Amazon DocumentDB": "docdb",
    "Amazon Neptune": "neptune",
    "AWS Lambda Function": "lambda",
    "Amazon Redshift Cluster": "redshift",
    "Amazon EKS Cluster": "eks",
    "AWS CloudTrail Trail": "cloudtrail",
    "Amazon SNS": "sns",
    "Amazon SQS": "sqs",
    "Amazon ECR": "ecr",
    "AWS KMS Key": "kms",
    "Amazon EFS Filesystem": "efs",
    "Amazon DynamoDB Table": "dynamodb",
    "Amazon DynamoDB DAX": "dax",
    "AWS Secrets Manager": "secretsmanager",
    "AWS Config": "config",
    "Amazon GuardDuty": "guardduty",
    "AWS Security Hub": "securityhub",
    "IAM Access Analyzer": "accessanalyzer",
    "Amazon ACM": "acm",
    "AWS ELB Load Balancer": "elbv2",
    "Amazon API Gateway": "apigateway",
    "Amazon API Gateway v2": "apigatewayv2",
    "Amazon CloudFront": "cloudfront",
    "Amazon Route 53": "route53",
    "Route 53 Domains": "route53",
    "AWS WAF": "wafv2",
    "AWS Network Firewall": "networkfirewall",
    "Amazon ECS": "ecs",
    "AWS CodeBuild": "codebuild",
    "AWS Batch": "batch",
    "Amazon EMR": "emr",
    "AWS Elastic Beanstalk": "elasticbeanstalk",
    "AWS Step Functions": "stepfunctions",
    "Amazon Lightsail": "lightsail",
    "AWS App Runner": "apprunner",
    "Amazon ElastiCache": "elasticache",
    "Amazon MemoryDB": "memorydb",
    "Amazon MSK": "kafka",
    "Amazon Kinesis Data Streams": "kinesis",
    "Amazon Kinesis Firehose": "firehose",
    "AWS Glue": "glue",
    "Amazon Athena": "athena",
    "AWS Database Migration Service (DMS)": "dms",
    "AWS Backup": "backup",
    "Amazon Timestream": "timestream",
    "Amazon Keyspaces": "keyspaces",
    "AWS Systems Manager (SSM)": "ssm",
    "Amazon Inspector": "inspector2",
    "AWS IAM Identity Center": "sso",
    "AWS Resource Access Manager": "ram",
    "Amazon Cognito User Pool": "cognito",
    "Amazon Cognito Identity Pool": "cognito",
    "Amazon EventBridge": "events",
    "Amazon SES": "ses",
    "Amazon MQ": "mq",
    "AWS Transfer Family": "transfer",
    "AWS Directory Service": "ds",
    "Amazon FSx": "fsx",
    "AWS AppSync": "appsync",
    "Amazon WorkSpaces": "workspaces",
    "Amazon WorkSpaces Web": "workspacesweb",
    "Amazon AppStream 2.0": "appstream",
    "AWS Elastic Disaster Recovery (DRS)": "drs",
    "AWS Private CA": "acmpca",
    "AWS App Mesh": "appmesh",
    "Amazon Bedrock": "bedrock",
    "Amazon Security Lake": "securitylake",
    "Amazon Q Business": "qbusiness",
    "Amazon Neptune Analytics": "neptune",
    "Amazon Aurora DSQL": "dsql",
    "Amazon AppFlow": "appflow",
    "AWS Storage Gateway": "storagegateway",
    "AWS Lake Formation": "lakeformation",
}
"""The peer's group of a check -> our service name."""

PROWLER_SERVICES: dict[str, str] = {
    "awslambda": "lambda",
    "vpc": "ec2",
    "elb": "elbv2",
    "waf": "wafv2",
    "documentdb": "docdb",
    "directoryservice": "ds",
    "eventbridge": "events",
    "cognito": "cognito",
    "inspector2": "inspector2",
    "macie": "macie2",
}
"""Prowler's service folders whose names differ from ours (the rest are the same word)."""


def peer_counts() -> Counter[str]:
    """The peer's checks that run on live AWS accounts (variant ``aws``), by our service."""
    with PEER.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    counts: Counter[str] = Counter()
    for row in rows:
        if "aws" in row["variants"].split(","):
            counts[PEER_GROUPS[row["group"]]] += 1
    return counts


def prowler_counts() -> Counter[str]:
    with PROWLER.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return Counter(PROWLER_SERVICES.get(row["service"], row["service"]) for row in rows)


def ours() -> Counter[str]:
    return Counter(check_id.split("-")[1] for check_id in load().checks)


def cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def framework_lines() -> list[str]:
    """Per shipped framework: its controls decided by checks, manual, and not covered; then
    every control no shipped check decides yet, with the reason."""
    frameworks = sorted(load().frameworks.values(), key=lambda f: f.id)
    lines = [
        "## Compliance frameworks",
        "",
        "A control is decided by checks (it passes only when they all pass), manual (no",
        "read-only API can decide it) or not covered (an API could, but no shipped check",
        "decides exactly what the control asks yet).",
        "",
        "| framework | version | controls | decided by checks | manual | not covered |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for framework in frameworks:
        controls = framework.controls
        mapped = sum(1 for c in controls if c.checks)
        manual = sum(1 for c in controls if c.manual is not None)
        uncovered = sum(1 for c in controls if c.not_covered is not None)
        lines.append(
            f"| {cell(framework.name)} (`{framework.id}`) | {cell(framework.version)} "
            f"| {len(controls)} | {mapped} | {manual} | {uncovered} |"
        )
    lines += [
        "",
        "### Controls no shipped check decides yet",
        "",
        "| framework | control | title | why not |",
        "|---|---|---|---|",
    ]
    for framework in frameworks:
        lines += [
            f"| `{framework.id}` | {cell(c.id)} | {cell(c.title)} | {cell(c.not_covered)} |"
            for c in framework.controls
            if c.not_covered is not None
        ]
    return [*lines, ""]


def render() -> str:
    mine, peer, prowler = ours(), peer_counts(), prowler_counts()
    services = sorted(set(mine) | set(peer) | set(prowler))
    covered = [s for s in services if mine[s]]
    missing = [s for s in services if not mine[s]]
    lines = [
        "# Coverage: shipped checks per AWS service",
        "",
        "Generated by `python -m tests.policy.coverage_doc` from the shipped bundles, the",
        "peer's check list (`tests/policy/data/peer_aws_checks.tsv`, its `aws` variant: checks",
        "on live accounts) and Prowler's AWS checks (`tests/policy/data/prowler_aws_checks.tsv`,",
        "from Prowler's `prowler/providers/aws/services/*/*/*.metadata.json` at commit 3e000fa,",
        "2026-08-21).",
        "The suite fails when this file is out of date. A count says where the gaps are, not",
        "how good a check is; `account` holds the account-wide checks (the CIS monitoring",
        "alarms, the password policy, the root user, contacts), which the others file under",
        "IAM and CloudWatch.",
        "",
        f"**{sum(mine.values())} checks on {len(covered)} services**; the peer has "
        f"{sum(peer.values())} on {len(peer)}, Prowler {sum(prowler.values())} on {len(prowler)}.",
        "",
        "## Services we check",
        "",
        "| service | cloudwarden | peer | Prowler |",
        "|---|---:|---:|---:|",
        *(f"| {s} | {mine[s]} | {peer[s]} | {prowler[s]} |" for s in covered),
        "",
        "## Services the peer or Prowler check and we do not yet",
        "",
        "| service | peer | Prowler |",
        "|---|---:|---:|",
        *(f"| {s} | {peer[s]} | {prowler[s]} |" for s in missing),
        "",
        *framework_lines(),
        "## Every check",
        "",
        "| service | topic (what must hold) | check | resource type | severity |",
        "|---|---|---|---|---|",
        *(
            f"| {check_id.split('-')[1]} | {cell(check.title)} | `{check_id}` "
            f"| `{check.resource}` | {check.severity.value} |"
            for check_id, check in sorted(load().checks.items())
        ),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            sys.stderr.write(
                "docs/coverage.md is out of date: run python -m tests.policy.coverage_doc\n"
            )
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
