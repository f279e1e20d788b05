"""AWS WAF (v2): web ACLs and rule groups, with their rules, logging, metrics and associations.

Every region has REGIONAL web ACLs and rule groups (for load balancers, API Gateway, AppSync,
Cognito...); CloudFront's live in us-east-1 with scope CLOUDFRONT, so they are listed with the
regional ones of that region and carry ``scope`` to tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, flag, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

CLOUDFRONT_SCOPE_REGION = "us-east-1"
"""The only region that answers for scope CLOUDFRONT."""

ASSOCIABLE_TYPES = (
    "APPLICATION_LOAD_BALANCER",
    "API_GATEWAY",
    "APPSYNC",
    "COGNITO_USER_POOL",
    "APP_RUNNER_SERVICE",
    "VERIFIED_ACCESS_INSTANCE",
    "AMPLIFY",
)
"""Resource types a REGIONAL web ACL can protect: ListResourcesForWebACL answers one at a time
(and only load balancers when none is named)."""


def first_key(value: Any) -> str | None:
    """The one key of an AWS union (``{"Block": {}}`` -> ``Block``), or ``None``."""
    return next(iter(value), None) if isinstance(value, dict) and value else None


class Rule(Document):
    """A rule of a web ACL or rule group (top-level statement only)."""

    name: str = Field(description="The rule name.")
    priority: int | None = Field(default=None, description="Evaluation order (lowest first).")
    statement_type: str | None = Field(
        default=None,
        description="Its top-level statement, e.g. ManagedRuleGroupStatement, "
        "RateBasedStatement, SqliMatchStatement, XssMatchStatement, RuleGroupReferenceStatement.",
    )
    managed_rule_group: str | None = Field(
        default=None,
        description="For managed rule groups, 'Vendor/Name', e.g. "
        "AWS/AWSManagedRulesCommonRuleSet.",
    )
    rule_group_arn: str | None = Field(
        default=None, description="For rule group references, the rule group's ARN."
    )
    action: str | None = Field(
        default=None,
        description="Allow, Block, Count, Captcha or Challenge; for rule groups the override "
        "action (None keeps the group's actions, Count only counts).",
    )
    metrics_enabled: bool = Field(
        default=False, description="The rule publishes CloudWatch metrics."
    )
    sampled_requests_enabled: bool = Field(
        default=False, description="Requests matching the rule are sampled."
    )


def _managed_group(statement: Any) -> str | None:
    managed = (statement or {}).get("ManagedRuleGroupStatement")
    return f"{managed.get('VendorName')}/{managed.get('Name')}" if managed else None


_RULE = Map(
    {
        "name": ("Name", default("")),
        "priority": "Priority",
        "statement_type": ("Statement", first_key),
        "managed_rule_group": ("Statement", _managed_group),
        "rule_group_arn": "Statement.RuleGroupReferenceStatement.ARN",
        "action": ("Action || OverrideAction", first_key),
        "metrics_enabled": ("VisibilityConfig.CloudWatchMetricsEnabled", flag),
        "sampled_requests_enabled": ("VisibilityConfig.SampledRequestsEnabled", flag),
    }
)


@resource_type("aws.wafv2.web_acl", "An AWS WAF web ACL (REGIONAL, or CLOUDFRONT in us-east-1).")
class WebAcl(Resource):
    """A WAFv2 web ACL; its id is its ARN."""

    scope: str = Field(description="REGIONAL or CLOUDFRONT.")
    acl_id: str = Field(description="The web ACL's own id (the last part of its ARN).")
    default_action: str | None = Field(
        default=None, description="What happens to requests no rule matches: Allow or Block."
    )
    rules: list[Rule] = Field(default_factory=list, description="Its rules, in priority order.")
    metrics_enabled: bool | None = Field(
        default=None, description="The web ACL publishes CloudWatch metrics."
    )
    sampled_requests_enabled: bool | None = Field(
        default=None, description="AWS WAF keeps samples of the requests it inspects."
    )
    capacity: int | None = Field(default=None, description="Web ACL capacity units used.")
    logging_destinations: list[str] = Field(
        default_factory=list,
        description="Where full logs go (CloudWatch Logs, S3 or Firehose ARNs); empty if none.",
    )
    associated_resources: list[str] = Field(
        default_factory=list,
        description="The regional resources it protects (load balancers, API stages, ...); "
        "always empty for CLOUDFRONT ACLs, whose distributions name them instead.",
    )


@resource_type("aws.wafv2.rule_group", "An AWS WAF rule group of the account.")
class RuleGroup(Resource):
    """A WAFv2 rule group (the account's own; managed ones are not listed); its id is its ARN."""

    scope: str = Field(description="REGIONAL or CLOUDFRONT.")
    group_id: str = Field(description="The rule group's own id.")
    rules: list[Rule] = Field(default_factory=list, description="Its rules.")
    capacity: int | None = Field(default=None, description="Capacity units it reserves.")
    metrics_enabled: bool | None = Field(
        default=None, description="The rule group publishes CloudWatch metrics."
    )


def scoped_listing(operation: str, key: str) -> Callable[[Any, Mapping[str, Any]], Any]:
    """A listing over REGIONAL, and in us-east-1 CLOUDFRONT too; each item says its scope."""

    def fetch(client: Any, _params: Mapping[str, Any]) -> dict[str, Any]:
        scopes = ["REGIONAL"]
        if client.meta.region_name == CLOUDFRONT_SCOPE_REGION:
            scopes.append("CLOUDFRONT")
        items: list[Any] = []
        for scope in scopes:
            params: dict[str, Any] = {"Scope": scope}
            while True:
                page = getattr(client, operation)(**params)
                items.extend({**item, "Scope": scope} for item in page.get(key, []))
                if not page.get("NextMarker") or not page.get(key):
                    break
                params["NextMarker"] = page["NextMarker"]
        return {key: items}

    return fetch


def list_associated_resources(client: Any, params: Mapping[str, Any]) -> dict[str, Any]:
    """The resources of every associable type that a REGIONAL web ACL protects."""
    arns: list[str] = []
    for resource_type_name in ASSOCIABLE_TYPES:
        response = client.list_resources_for_web_acl(**params, ResourceType=resource_type_name)
        arns.extend(response.get("ResourceArns", []))
    return {"ResourceArns": arns}


def listed_as(id_field: str) -> Callable[[Any, RegionContext], Doc]:
    """A listed web ACL or rule group, identified by its ARN; its own id goes in ``id_field``."""

    def normalize(item: Any, _ctx: RegionContext) -> Doc:
        return {
            "id": item["ARN"],
            "arn": item["ARN"],
            "name": item["Name"],
            "scope": item["Scope"],
            id_field: item["Id"],
        }

    return normalize


def _acl_params(doc: Doc) -> dict[str, Any]:
    return {"Name": doc["name"], "Scope": doc["scope"], "Id": doc["acl_id"]}


def _tags() -> Detail:
    return Detail(
        Call("ListTagsForResource", lambda doc: {"ResourceARN": doc["arn"]}),
        Tags("TagInfoForResource.TagList"),
    )


collectors.register(
    ResourceSpec(
        model=WebAcl,
        service="wafv2",
        list=Call("ListWebACLs", fetch=scoped_listing("list_web_acls", "WebACLs")),
        items="WebACLs",
        normalize=listed_as("acl_id"),
        details=(
            Detail(
                Call("GetWebACL", _acl_params),
                Map(
                    {
                        "default_action": ("WebACL.DefaultAction", first_key),
                        "rules": ("sort_by(WebACL.Rules || `[]`, &Priority)", each(_RULE)),
                        "metrics_enabled": "WebACL.VisibilityConfig.CloudWatchMetricsEnabled",
                        "sampled_requests_enabled": (
                            "WebACL.VisibilityConfig.SampledRequestsEnabled"
                        ),
                        "capacity": "WebACL.Capacity",
                    }
                ),
            ),
            Detail(
                Call("GetLoggingConfiguration", lambda doc: {"ResourceArn": doc["arn"]}),
                Map(
                    {
                        "logging_destinations": (
                            "LoggingConfiguration.LogDestinationConfigs",
                            strings,
                        )
                    }
                ),
                absent={"WAFNonexistentItemException": {}},
            ),
            Detail(
                Call(
                    "ListResourcesForWebACL",
                    lambda doc: {"WebACLArn": doc["arn"]},
                    fetch=list_associated_resources,
                ),
                Map({"associated_resources": ("ResourceArns", strings)}),
                when=lambda doc: doc["scope"] == "REGIONAL",
            ),
            _tags(),
        ),
    ),
    ResourceSpec(
        model=RuleGroup,
        service="wafv2",
        list=Call("ListRuleGroups", fetch=scoped_listing("list_rule_groups", "RuleGroups")),
        items="RuleGroups",
        normalize=listed_as("group_id"),
        details=(
            Detail(
                Call(
                    "GetRuleGroup",
                    lambda doc: {"Name": doc["name"], "Scope": doc["scope"], "Id": doc["group_id"]},
                ),
                Map(
                    {
                        "rules": ("RuleGroup.Rules", each(_RULE)),
                        "capacity": "RuleGroup.Capacity",
                        "metrics_enabled": "RuleGroup.VisibilityConfig.CloudWatchMetricsEnabled",
                    }
                ),
            ),
            _tags(),
        ),
    ),
)
