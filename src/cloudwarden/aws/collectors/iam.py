"""IAM principals: users, groups and roles, with their credentials and every policy they carry.

IAM is global: each type is listed once, in the partition's home region. The listing calls
return only part of a principal (no tags, no permissions boundary), so a ``Get<Kind>`` detail
completes it. Inline policies are listed by name (stage 0) and then fetched one by one (stage 1),
as are the last-used dates of access keys. Managed policies, certificates and identity
providers live in :mod:`cloudwarden.aws.collectors.iam_policies`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import (
    Map,
    Source,
    chain,
    each,
    pairs,
    present,
    required,
    strings,
)
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

SERVICE_LINKED_PATH = "/aws-service-role/"
NOT_AVAILABLE = "N/A"
"""What GetAccessKeyLastUsed answers for the service and region of a key never used."""


class AttachedPolicy(Document):
    """A managed policy attached to a user, group or role."""

    name: str = Field(description="The policy name, e.g. AdministratorAccess.")
    arn: str = Field(
        description="The policy ARN; AWS managed policies are arn:aws:iam::aws:policy/...."
    )


class InlinePolicy(Document):
    """A policy embedded in one user, group or role."""

    name: str = Field(description="The inline policy name.")
    document: dict[str, Any] | None = Field(
        default=None, description="The policy document, parsed from JSON."
    )


class MfaDevice(Document):
    """An MFA device enabled for a user."""

    serial_number: str = Field(
        description="The device serial: an ARN (arn:...:mfa/... or :u2f/...) or a hardware serial."
    )
    enable_date: datetime | None = Field(default=None, description="When it was enabled.")
    type: str = Field(
        description="'virtual' (an :mfa/ ARN), 'u2f' (security key or passkey, a :u2f/ ARN) or "
        "'hardware' (a hardware TOTP token's serial number)."
    )


class AccessKey(Document):
    """An access key of a user."""

    id: str = Field(description="The access key id (AKIA...).")
    status: str = Field(description="Active or Inactive.")
    create_date: datetime | None = Field(default=None, description="When the key was created.")
    last_used_date: datetime | None = Field(
        default=None, description="When the key was last used; null if never (or not known)."
    )
    last_used_service: str | None = Field(
        default=None, description="The service the key last called (e.g. s3); null if never used."
    )
    last_used_region: str | None = Field(
        default=None, description="The region the key was last used in; null if never used."
    )


ATTACHED_POLICIES = "Managed policies (customer or AWS managed) attached directly."
INLINE_POLICIES = "Inline policies, each with its parsed document."


@resource_type(
    "aws.iam.user",
    "An IAM user with its console password, MFA devices, access keys, groups and policies.",
)
class IamUser(Resource):
    """An IAM user; ``id`` and ``name`` are the user name (unique in the account)."""

    user_id: str = Field(description="The stable unique id of the user (AIDA...).")
    path: str = Field(default="/", description="The IAM path of the user.")
    create_date: datetime | None = Field(default=None, description="When the user was created.")
    password_last_used: datetime | None = Field(
        default=None,
        description="When the console password was last used; null if never or no password.",
    )
    has_console_password: bool | None = Field(
        default=None, description="The user has a console password (a login profile)."
    )
    login_profile_create_date: datetime | None = Field(
        default=None, description="When the console password was created; null without one."
    )
    password_reset_required: bool | None = Field(
        default=None, description="The user must set a new password at next sign-in."
    )
    mfa_devices: list[MfaDevice] = Field(
        default_factory=list, description="MFA devices enabled for the user; empty if none."
    )
    access_keys: list[AccessKey] = Field(
        default_factory=list, description="The user's access keys (at most two) and their use."
    )
    attached_policies: list[AttachedPolicy] = Field(
        default_factory=list, description=ATTACHED_POLICIES
    )
    inline_policies: list[InlinePolicy] = Field(default_factory=list, description=INLINE_POLICIES)
    groups: list[str] = Field(
        default_factory=list, description="Names of the groups the user is a member of."
    )
    permissions_boundary: str | None = Field(
        default=None, description="The ARN of the permissions boundary policy, if any."
    )


@resource_type(
    "aws.iam.group",
    "An IAM group with its members and policies.",
)
class IamGroup(Resource):
    """An IAM group; ``id`` and ``name`` are the group name."""

    group_id: str = Field(description="The stable unique id of the group (AGPA...).")
    path: str = Field(default="/", description="The IAM path of the group.")
    create_date: datetime | None = Field(default=None, description="When the group was created.")
    members: list[str] = Field(
        default_factory=list, description="Names of the users in the group; empty if none."
    )
    attached_policies: list[AttachedPolicy] = Field(
        default_factory=list, description=ATTACHED_POLICIES
    )
    inline_policies: list[InlinePolicy] = Field(default_factory=list, description=INLINE_POLICIES)


@resource_type(
    "aws.iam.role",
    "An IAM role with its trust policy, last use, permissions boundary and policies.",
)
class IamRole(Resource):
    """An IAM role; ``id`` and ``name`` are the role name."""

    role_id: str = Field(description="The stable unique id of the role (AROA...).")
    path: str = Field(default="/", description="The IAM path of the role.")
    description: str | None = Field(default=None, description="The role description.")
    create_date: datetime | None = Field(default=None, description="When the role was created.")
    is_service_linked: bool = Field(
        default=False,
        description="A service-linked role (path /aws-service-role/), managed by an AWS service.",
    )
    assume_role_policy: dict[str, Any] | None = Field(
        default=None,
        description="The trust policy: who may assume the role, parsed from JSON (Principal, "
        "Condition such as sts:ExternalId).",
    )
    max_session_duration: int | None = Field(
        default=None, description="The longest session, in seconds, when the role is assumed."
    )
    last_used_date: datetime | None = Field(
        default=None, description="When the role was last assumed; null if never (last 400 days)."
    )
    last_used_region: str | None = Field(
        default=None, description="The region the role was last used in."
    )
    permissions_boundary: str | None = Field(
        default=None, description="The ARN of the permissions boundary policy, if any."
    )
    attached_policies: list[AttachedPolicy] = Field(
        default_factory=list, description=ATTACHED_POLICIES
    )
    inline_policies: list[InlinePolicy] = Field(default_factory=list, description=INLINE_POLICIES)


# -- normalise -------------------------------------------------------------------------------


def _common(item: Any, name_key: str) -> Doc:
    name = item[name_key]
    return {
        "id": name,
        "name": name,
        "arn": item["Arn"],
        "path": item.get("Path", "/"),
        "create_date": item.get("CreateDate"),
    }


def _user(item: Any, _ctx: RegionContext) -> Doc:
    doc = _common(item, "UserName")
    doc["user_id"] = item["UserId"]
    doc["password_last_used"] = item.get("PasswordLastUsed")
    return doc


def _group(item: Any, _ctx: RegionContext) -> Doc:
    doc = _common(item, "GroupName")
    doc["group_id"] = item["GroupId"]
    return doc


def _role(item: Any, _ctx: RegionContext) -> Doc:
    doc = _common(item, "RoleName")
    doc["role_id"] = item["RoleId"]
    doc["description"] = item.get("Description")
    doc["is_service_linked"] = doc["path"].startswith(SERVICE_LINKED_PATH)
    doc["assume_role_policy"] = policy_document(item.get("AssumeRolePolicyDocument"))
    doc["max_session_duration"] = item.get("MaxSessionDuration")
    return doc


def _by(param: str) -> Callable[[Doc], dict[str, Any]]:
    """Request parameters naming the principal: ``{"UserName": "alice"}``."""

    def params(doc: Doc) -> dict[str, Any]:
        return {param: doc["name"]}

    return params


_user_params = _by("UserName")


# -- policies of a principal (shared by users, groups and roles) -----------------------------


_ATTACHED_POLICY = Map({"name": ("PolicyName", required), "arn": ("PolicyArn", required)})


def _apply_inline_names(doc: Doc, response: Any) -> None:
    doc["inline_policies"] = [
        {"name": name, "document": None} for name in response.get("PolicyNames", [])
    ]


def _apply_inline_document(target: Doc, response: Any) -> None:
    target["item"]["document"] = policy_document(response["PolicyDocument"])


def owned_items(field: str) -> Callable[[Doc], list[Doc]]:
    """Fan out over the items of a list field, each paired with its owner's name.

    The pair is transient: ``apply`` writes into ``target["item"]``, the item in the document.
    """

    def items(doc: Doc) -> list[Doc]:
        return [{"owner": doc["name"], "item": item} for item in doc.get(field) or []]

    return items


def policy_details(kind: str) -> tuple[Detail, ...]:
    """Attached and inline policies of a principal; ``kind`` is User, Group or Role."""
    name_param = f"{kind}Name"
    by_name = _by(name_param)

    def inline_params(target: Doc) -> dict[str, Any]:
        return {name_param: target["owner"], "PolicyName": target["item"]["name"]}

    return (
        Detail(
            Call(f"ListAttached{kind}Policies", by_name),
            Map({"attached_policies": ("AttachedPolicies", each(_ATTACHED_POLICY))}),
        ),
        Detail(
            Call(f"List{kind}Policies", by_name),
            _apply_inline_names,
            ("inline_policies",),
        ),
        Detail(
            Call(f"Get{kind}Policy", inline_params),
            _apply_inline_document,
            ("inline_policies",),
            stage=1,
            for_each=owned_items("inline_policies"),
        ),
    )


def _principal(key: str) -> dict[str, Source]:
    """GetUser's or GetRole's tags and permissions boundary."""
    return {
        "tags": (f"{key}.Tags", pairs()),
        "permissions_boundary": f"{key}.PermissionsBoundary.PermissionsBoundaryArn",
    }


def _reset_required(profile: Any) -> bool | None:
    return bool(profile.get("PasswordResetRequired")) if profile else None


_LOGIN_PROFILE = Map(
    {
        "has_console_password": ("LoginProfile", present),
        "login_profile_create_date": "LoginProfile.CreateDate",
        "password_reset_required": ("LoginProfile", _reset_required),
    }
)


def mfa_type(serial: str) -> str:
    """virtual, u2f or hardware, from the serial number of an MFA device."""
    if serial.startswith("arn:") and ":u2f/" in serial:
        return "u2f"
    if serial.startswith("arn:"):
        return "virtual"
    return "hardware"


_MFA_DEVICE = Map(
    {
        "serial_number": ("SerialNumber", required),
        "enable_date": "EnableDate",
        "type": ("SerialNumber", chain(required, mfa_type)),
    }
)
_ACCESS_KEY = Map(
    {
        "id": ("AccessKeyId", required),
        "status": ("Status", required),
        "create_date": "CreateDate",
    }
)


def _access_keys(doc: Doc) -> list[Doc]:
    return list(doc.get("access_keys") or [])


def _known(value: Any) -> str | None:
    return None if value in (None, "", NOT_AVAILABLE) else str(value)


_KEY_LAST_USED = Map(
    {
        "last_used_date": "AccessKeyLastUsed.LastUsedDate",
        "last_used_service": ("AccessKeyLastUsed.ServiceName", _known),
        "last_used_region": ("AccessKeyLastUsed.Region", _known),
    }
)
"""One access key's last use (a fan-out item of the user's ``access_keys``)."""


# -- groups ----------------------------------------------------------------------------------


# -- roles -----------------------------------------------------------------------------------


_ROLE = Map(
    {
        **_principal("Role"),
        "last_used_date": "Role.RoleLastUsed.LastUsedDate",
        "last_used_region": "Role.RoleLastUsed.Region",
    }
)


collectors.register(
    ResourceSpec(
        model=IamUser,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListUsers"),
        items="Users",
        normalize=_user,
        details=(
            Detail(Call("GetUser", _user_params), Map(_principal("User"))),
            Detail(
                Call("GetLoginProfile", _user_params),
                _LOGIN_PROFILE,
                absent={"NoSuchEntity": {}},
            ),
            Detail(
                Call("ListMFADevices", _user_params),
                Map({"mfa_devices": ("MFADevices", each(_MFA_DEVICE))}),
            ),
            Detail(
                Call("ListAccessKeys", _user_params),
                Map({"access_keys": ("AccessKeyMetadata", each(_ACCESS_KEY))}),
            ),
            Detail(
                Call("GetAccessKeyLastUsed", lambda key: {"AccessKeyId": key["id"]}),
                _KEY_LAST_USED,
                ("access_keys",),
                stage=1,
                for_each=_access_keys,
            ),
            Detail(
                Call("ListGroupsForUser", _user_params),
                Map({"groups": ("Groups[].GroupName", strings)}),
            ),
            *policy_details("User"),
        ),
    ),
    ResourceSpec(
        model=IamGroup,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListGroups"),
        items="Groups",
        normalize=_group,
        details=(
            Detail(
                Call("GetGroup", _by("GroupName")), Map({"members": ("Users[].UserName", strings)})
            ),
            *policy_details("Group"),
        ),
    ),
    ResourceSpec(
        model=IamRole,
        service="iam",
        scope=Scope.GLOBAL,
        list=Call("ListRoles"),
        items="Roles",
        normalize=_role,
        details=(
            Detail(
                Call("GetRole", _by("RoleName")),
                _ROLE,
            ),
            *policy_details("Role"),
        ),
    ),
)
