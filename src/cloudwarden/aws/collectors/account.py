"""The account itself: IAM account settings, the root user, alternate contacts, S3 account BPA.

One global document per account (``id`` = the account id). Each setting comes from its own
call, so one denied or failed call leaves only its own fields uncollected.

The root user's credentials are only visible in the IAM credential report: it is generated,
polled until complete, and its ``<root_account>`` row read. A report without that row is a
failure (:class:`CredentialReportError`), never a root user without MFA or keys.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, chain, flag, nonempty, one, required
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.s3 import PUBLIC_ACCESS_BLOCK, PublicAccessBlock
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.aws.errors import DataUnavailableError
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

ROOT_ROW = "<root_account>"
REPORT_POLLS = 12
"""GenerateCredentialReport calls before giving up on a report that is still being built."""
REPORT_POLL_DELAY = 0.25
"""First wait between polls, in seconds; it doubles up to :data:`REPORT_POLL_DELAY_MAX`."""
REPORT_POLL_DELAY_MAX = 4.0
NO_VALUE = frozenset({"", "N/A", "no_information", "not_supported"})
"""Credential report cells that mean 'no value'."""
CONTACT_TYPES = ("SECURITY", "BILLING", "OPERATIONS")


class CredentialReportError(DataUnavailableError):
    """The credential report could not be read (not ready, or no root user row in it)."""


class PasswordPolicy(Document):
    """The account's password policy for IAM users."""

    minimum_password_length: int | None = Field(
        default=None, description="The minimum number of characters."
    )
    require_symbols: bool = Field(default=False, description="A symbol is required.")
    require_numbers: bool = Field(default=False, description="A digit is required.")
    require_uppercase_characters: bool = Field(
        default=False, description="An uppercase letter is required."
    )
    require_lowercase_characters: bool = Field(
        default=False, description="A lowercase letter is required."
    )
    allow_users_to_change_password: bool = Field(
        default=False, description="Users may change their own password."
    )
    expire_passwords: bool = Field(default=False, description="Passwords expire.")
    max_password_age: int | None = Field(
        default=None, description="Days after which a password expires; null if never."
    )
    password_reuse_prevention: int | None = Field(
        default=None, description="How many previous passwords cannot be reused; null if any."
    )
    hard_expiry: bool = Field(
        default=False, description="Users cannot set a new password once theirs expired."
    )


class AlternateContact(Document):
    """An alternate contact of the account (security, billing or operations)."""

    name: str | None = Field(default=None, description="The contact's name.")
    title: str | None = Field(default=None, description="The contact's title.")
    email_address: str | None = Field(default=None, description="The contact's email address.")
    phone_number: str | None = Field(default=None, description="The contact's phone number.")


def _contact_field(kind: str) -> Any:
    return Field(default=None, description=f"The {kind} alternate contact; null if none is set.")


def _root_field(description: str) -> Any:
    return Field(
        default=None,
        description=f"{description} From the credential report; null when it has no root row.",
    )


@resource_type(
    "aws.account",
    "The AWS account: IAM account summary and password policy, root user credentials, "
    "alternate contacts and account-level S3 Block Public Access.",
    account_asset=True,
)
class Account(Resource):
    """The scanned account; ``id`` is the account id, ``arn`` its root user."""

    summary: dict[str, int] = Field(
        default_factory=dict,
        description="IAM GetAccountSummary: entity counts and quotas (Users, MFADevices, "
        "AccountMFAEnabled, AccountAccessKeysPresent, ...).",
    )
    account_mfa_enabled: bool | None = Field(
        default=None, description="The root user has MFA enabled (AccountMFAEnabled)."
    )
    account_access_keys_present: bool | None = Field(
        default=None, description="The root user has access keys (AccountAccessKeysPresent)."
    )
    password_policy: PasswordPolicy | None = Field(
        default=None, description="The IAM password policy; null if none is set (AWS defaults)."
    )
    root_mfa_is_virtual: bool | None = Field(
        default=None,
        description="A virtual MFA device is assigned to the root user (so its MFA is not a "
        "hardware device). False also when the root user has no MFA at all.",
    )
    root_mfa_active: bool | None = _root_field("The root user has MFA enabled.")
    root_access_key_1_active: bool | None = _root_field("The root user's first key is active.")
    root_access_key_2_active: bool | None = _root_field("The root user's second key is active.")
    root_password_last_used: datetime | None = _root_field(
        "When the root user last signed in with its password."
    )
    root_access_key_1_last_used: datetime | None = _root_field(
        "When the root user's first access key was last used."
    )
    root_access_key_2_last_used: datetime | None = _root_field(
        "When the root user's second access key was last used."
    )
    security_contact: AlternateContact | None = _contact_field("security")
    billing_contact: AlternateContact | None = _contact_field("billing")
    operations_contact: AlternateContact | None = _contact_field("operations")
    s3_public_access_block: PublicAccessBlock | None = Field(
        default=None,
        description="The account-level S3 Block Public Access settings; null if never set.",
    )


def _account(_item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": ctx.account_id,
        "arn": f"arn:{ctx.partition}:iam::{ctx.account_id}:root",
    }


# -- IAM account settings --------------------------------------------------------------------


def _counts(summary: Any) -> dict[str, int]:
    return {str(key): int(value) for key, value in summary.items()}


_SUMMARY = Map(
    {
        "summary": ("SummaryMap", chain(required, _counts)),
        "account_mfa_enabled": ("SummaryMap.AccountMFAEnabled", flag),
        "account_access_keys_present": ("SummaryMap.AccountAccessKeysPresent", flag),
    }
)


_PASSWORD_POLICY = Map(
    {
        "minimum_password_length": "MinimumPasswordLength",
        "require_symbols": ("RequireSymbols", flag),
        "require_numbers": ("RequireNumbers", flag),
        "require_uppercase_characters": ("RequireUppercaseCharacters", flag),
        "require_lowercase_characters": ("RequireLowercaseCharacters", flag),
        "allow_users_to_change_password": ("AllowUsersToChangePassword", flag),
        "expire_passwords": ("ExpirePasswords", flag),
        "max_password_age": ("MaxPasswordAge", nonempty),
        "password_reuse_prevention": ("PasswordReusePrevention", nonempty),
        "hard_expiry": ("HardExpiry", flag),
    }
)


def _apply_virtual_mfa(doc: Doc, response: Any) -> None:
    doc["root_mfa_is_virtual"] = any(
        str(device.get("User", {}).get("Arn", "")).endswith(":root")
        or device["SerialNumber"].endswith(":mfa/root-account-mfa-device")
        for device in response.get("VirtualMFADevices", [])
    )


# -- the root user, from the credential report -----------------------------------------------


def root_row(content: bytes | str) -> dict[str, str]:
    """The ``<root_account>`` row of a credential report CSV."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("user") == ROOT_ROW:
            return row
    raise CredentialReportError(
        f"the IAM credential report has no {ROOT_ROW} row: root user credentials "
        "(MFA, access keys, last use) cannot be read"
    )


def credential_report_root(client: Any, _params: Mapping[str, Any]) -> dict[str, str]:
    """Generate the credential report, wait until it is complete, return its root row."""
    delay = REPORT_POLL_DELAY
    for _ in range(REPORT_POLLS):
        if client.generate_credential_report().get("State") == "COMPLETE":
            break
        time.sleep(delay)
        delay = min(delay * 2, REPORT_POLL_DELAY_MAX)
    else:
        raise CredentialReportError(
            f"the IAM credential report was still not complete after {REPORT_POLLS} polls"
        )
    return root_row(client.get_credential_report()["Content"])


def _flag(row: Mapping[str, str], column: str) -> bool | None:
    value = row.get(column, "")
    return None if value in NO_VALUE else value.lower() == "true"


def _date(row: Mapping[str, str], column: str) -> datetime | None:
    value = row.get(column, "")
    return None if value in NO_VALUE else datetime.fromisoformat(value)


def _apply_root(doc: Doc, row: Any) -> None:
    doc["root_mfa_active"] = _flag(row, "mfa_active")
    doc["root_access_key_1_active"] = _flag(row, "access_key_1_active")
    doc["root_access_key_2_active"] = _flag(row, "access_key_2_active")
    doc["root_password_last_used"] = _date(row, "password_last_used")
    doc["root_access_key_1_last_used"] = _date(row, "access_key_1_last_used_date")
    doc["root_access_key_2_last_used"] = _date(row, "access_key_2_last_used_date")


ROOT_FIELDS = (
    "root_mfa_active",
    "root_access_key_1_active",
    "root_access_key_2_active",
    "root_password_last_used",
    "root_access_key_1_last_used",
    "root_access_key_2_last_used",
)


# -- alternate contacts and S3 Block Public Access -------------------------------------------


_CONTACT = Map(
    {
        "name": "Name",
        "title": "Title",
        "email_address": "EmailAddress",
        "phone_number": "PhoneNumber",
    }
)


def _contact_detail(contact_type: str) -> Detail:
    field = f"{contact_type.lower()}_contact"

    return Detail(
        Call(
            "GetAlternateContact",
            lambda _doc: {"AlternateContactType": contact_type},
            service="account",
        ),
        Map({field: ("AlternateContact", one(_CONTACT))}),
        absent={"ResourceNotFoundException": {}},
    )


collectors.register(
    ResourceSpec(
        model=Account,
        service="iam",
        scope=Scope.GLOBAL,
        list=None,
        normalize=_account,
        details=(
            Detail(
                Call("GetAccountSummary", service="iam"),
                _SUMMARY,
            ),
            Detail(
                Call("GetAccountPasswordPolicy", service="iam"),
                Map({"password_policy": ("PasswordPolicy", one(_PASSWORD_POLICY))}),
                absent={"NoSuchEntity": {}},
            ),
            Detail(
                Call(
                    "ListVirtualMFADevices",
                    lambda _doc: {"AssignmentStatus": "Assigned"},
                    service="iam",
                ),
                _apply_virtual_mfa,
                ("root_mfa_is_virtual",),
            ),
            Detail(
                Call(
                    "GetCredentialReport",
                    service="iam",
                    fetch=credential_report_root,
                    extra_permissions=("iam:GenerateCredentialReport",),
                ),
                _apply_root,
                ROOT_FIELDS,
            ),
            *(_contact_detail(contact_type) for contact_type in CONTACT_TYPES),
            Detail(
                Call(
                    "GetPublicAccessBlock",
                    lambda doc: {"AccountId": doc["id"]},
                    service="s3control",
                    permission="s3:GetAccountPublicAccessBlock",
                ),
                Map(
                    {
                        "s3_public_access_block": (
                            "PublicAccessBlockConfiguration",
                            one(PUBLIC_ACCESS_BLOCK),
                        )
                    }
                ),
                absent={"NoSuchPublicAccessBlockConfiguration": {}},
            ),
        ),
    ),
)
