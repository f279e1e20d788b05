"""The messages of the agent protocol (see AGENT_CONTRACT.md), as strict pydantic models.

Every model forbids unknown fields: a message either means exactly what the contract says or is
refused, on both sides. The platform treats every field as hostile input from a scanned account.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CommandName = Literal[
    "scan_now", "ping", "update", "pause", "unpause", "clear_queue", "diagnostics"
]
"""What the platform may ask of an agent (the EventBridge detail-type)."""

AGENT_COMMANDS: tuple[str, ...] = get_args(CommandName)

AlertKind = Literal[
    "update_refused", "update_failed", "throttled", "job_failed", "registration_failed"
]
"""What an agent may warn the platform about; the platform shows it on the integration."""

_Short = Annotated[str, StringConstraints(min_length=1, max_length=200)]
_AccountId = Annotated[str, StringConstraints(pattern=r"^[0-9]{12}$")]
_Region = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[a-z]+)+-[0-9]$")]
_ServiceGroup = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]
_Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Registration(Message):
    """The agent's first request: the registration token, exchanged for an agent id."""

    token: Annotated[str, StringConstraints(min_length=16, max_length=200)]
    public_key_pem: Annotated[str, StringConstraints(min_length=40, max_length=1000)]
    """Ed25519 public key (SubjectPublicKeyInfo PEM); the private key never leaves the account."""
    agent_version: _Short
    account_id: _AccountId
    region: _Region
    """The stack's region: where the agent's event bus takes the platform's commands."""
    stack_name: _Short


class Registered(Message):
    """The platform's answer to a registration: who the agent is from now on."""

    agent_id: str
    integration_id: str


class CheckIn(Message):
    """Sent every 10 minutes by the schedule; the platform marks the integration active."""

    agent_version: _Short
    paused_until: datetime | None = None
    """Set while a throttling pause holds every scan job."""
    queue_depth: int = Field(default=0, ge=0)


class SliceReport(Message):
    """One slice of a scan: the normalised inventory of one (region, service group).

    The agent sends inventory slices, not evaluated reports: the platform merges every slice of
    ``scan_id`` and evaluates once, so cross-resource checks see the whole account. The
    inventory is the scan package's serialised :class:`~cloudwarden.inventory.Inventory`
    (normalised resources and collection errors), never a raw API response.
    """

    scan_id: _Id
    slice_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_:.-]{1,128}$")]
    slices_total: int = Field(ge=1, le=10_000)
    inventory: dict[str, Any]


class Alert(Message):
    """Something the platform should show on the integration (an update refused, ...)."""

    kind: AlertKind
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class ScanJob(Message):
    """One SQS job: scan one service group in one region, as part of scan ``scan_id``."""

    scan_id: _Id
    region: _Region
    service_group: _ServiceGroup
    slices_total: int = Field(ge=1, le=10_000)
    attempt: int = Field(default=0, ge=0)

    @property
    def slice_id(self) -> str:
        return f"{self.region}:{self.service_group}"


class Command(Message):
    """A platform command as the agent reads it from an EventBridge event."""

    name: CommandName
    detail: dict[str, Any] = Field(default_factory=dict)
