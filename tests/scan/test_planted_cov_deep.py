"""End to end: the planted identity, messaging and file-transfer resources get their verdicts.

Seeds only this slice's services so the scan stays quick.
"""

from __future__ import annotations

import pytest

from cloudwarden.demo.account import emulated_account
from cloudwarden.demo.seed import cognito, events, fsx, mq, sesv2, transfer
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.policy.results import Result, Status
from cloudwarden.scan.discover import DiscoveryScope, discover
from cloudwarden.scan.pipeline import PolicySelection, evaluate, plan_discovery, select
from tests.support.engine import EMULATOR_ENGINE

SEEDERS = frozenset({"cognito", "events", "fsx", "mq", "sesv2", "transfer"})
SERVICES = ("cognito", "events", "fsx", "mq", "sesv2", "transfer")

# (check id, planted resource name, verdict)
EXPECTED = [
    ("aws-cognito-user-pool-mfa-required", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-mfa-required", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-password-min-length-14", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-min-length-14", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-password-requires-uppercase", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-requires-uppercase", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-password-requires-lowercase", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-requires-lowercase", cognito.LEGACY_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-requires-number", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-requires-number", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-password-requires-symbol", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-password-requires-symbol", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-temporary-password-expires", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-temporary-password-expires", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-threat-protection-enforced", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-threat-protection-enforced", cognito.LEGACY_POOL, Status.FAIL),
    # moto lacks DescribeRiskConfiguration: the hardened pool's risk actions are uncollected.
    ("aws-cognito-user-pool-blocks-compromised-credentials", cognito.SECURE_POOL, Status.ERROR),
    ("aws-cognito-user-pool-blocks-compromised-credentials", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-challenges-risky-sign-ins", cognito.SECURE_POOL, Status.ERROR),
    ("aws-cognito-user-pool-challenges-risky-sign-ins", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-deletion-protection", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-deletion-protection", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-self-sign-up-disabled", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-self-sign-up-disabled", cognito.LEGACY_POOL, Status.FAIL),
    (
        "aws-cognito-user-pool-client-prevents-user-existence-errors",
        cognito.SECURE_POOL,
        Status.PASS,
    ),
    (
        "aws-cognito-user-pool-client-prevents-user-existence-errors",
        cognito.LEGACY_POOL,
        Status.FAIL,
    ),
    ("aws-cognito-user-pool-client-token-revocation", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-client-token-revocation", cognito.LEGACY_POOL, Status.FAIL),
    ("aws-cognito-user-pool-client-no-plain-password-flow", cognito.SECURE_POOL, Status.PASS),
    ("aws-cognito-user-pool-client-no-plain-password-flow", cognito.LEGACY_POOL, Status.FAIL),
    (
        "aws-cognito-identity-pool-no-unauthenticated-access",
        cognito.AUTHENTICATED_IDENTITY_POOL,
        Status.PASS,
    ),
    (
        "aws-cognito-identity-pool-no-unauthenticated-access",
        cognito.GUEST_IDENTITY_POOL,
        Status.FAIL,
    ),
    # moto drops AllowClassicFlow (docs/moto-gaps.md): every emulated pool reads as off.
    (
        "aws-cognito-identity-pool-classic-flow-disabled",
        cognito.AUTHENTICATED_IDENTITY_POOL,
        Status.PASS,
    ),
    ("aws-events-event-bus-policy-not-public", events.PRIVATE_BUS, Status.PASS),
    ("aws-events-event-bus-policy-not-public", events.PARTNER_BUS, Status.PASS),
    ("aws-events-event-bus-policy-not-public", events.OPEN_BUS, Status.FAIL),
    ("aws-events-event-bus-no-cross-account-access", events.PRIVATE_BUS, Status.PASS),
    ("aws-events-event-bus-no-cross-account-access", events.PARTNER_BUS, Status.FAIL),
    ("aws-events-event-bus-no-cross-account-access", events.OPEN_BUS, Status.FAIL),
    ("aws-events-event-bus-encrypted-cmk", events.OPEN_BUS, Status.FAIL),
    ("aws-mq-broker-not-publicly-accessible", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-not-publicly-accessible", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-mq-broker-auto-minor-version-upgrade", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-auto-minor-version-upgrade", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-mq-broker-general-logging", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-general-logging", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-mq-broker-audit-logging", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-audit-logging", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-mq-broker-highly-available", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-highly-available", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-mq-broker-encrypted-cmk", mq.PRIVATE_BROKER, Status.PASS),
    ("aws-mq-broker-encrypted-cmk", mq.PUBLIC_BROKER, Status.FAIL),
    ("aws-transfer-server-no-plain-ftp", transfer.SECURE_SERVER, Status.PASS),
    ("aws-transfer-server-no-plain-ftp", transfer.LEGACY_SERVER, Status.FAIL),
    ("aws-transfer-server-vpc-endpoint", transfer.SECURE_SERVER, Status.PASS),
    ("aws-transfer-server-vpc-endpoint", transfer.LEGACY_SERVER, Status.FAIL),
    ("aws-transfer-server-logging-enabled", transfer.SECURE_SERVER, Status.PASS),
    ("aws-transfer-server-logging-enabled", transfer.LEGACY_SERVER, Status.FAIL),
    ("aws-transfer-server-security-policy-current", transfer.SECURE_SERVER, Status.PASS),
    ("aws-transfer-server-security-policy-current", transfer.LEGACY_SERVER, Status.FAIL),
    ("aws-fsx-file-system-automatic-backups", fsx.WINDOWS, Status.PASS),
    ("aws-fsx-file-system-copy-tags-to-backups", fsx.WINDOWS, Status.PASS),
    ("aws-fsx-windows-file-system-multi-az", fsx.WINDOWS, Status.PASS),
    ("aws-sesv2-email-identity-policy-not-public", sesv2.SHARED_DOMAIN, Status.PASS),
    ("aws-sesv2-email-identity-policy-not-public", sesv2.OPEN_DOMAIN, Status.FAIL),
    # moto never verifies DKIM: both planted domains are unsigned.
    ("aws-sesv2-email-identity-dkim-enabled", sesv2.SHARED_DOMAIN, Status.FAIL),
]


@pytest.fixture(scope="module")
def scanned() -> tuple[Inventory, list[Result]]:
    """The shipped baseline over this slice's services, as the scan pipeline runs it.

    The steps are run one by one (not ``scan``) to keep the inventory, whose names map the
    planted resources onto the generated ids the results carry.
    """
    selected = select(PolicySelection())
    with emulated_account(only=SEEDERS) as account:
        plan = plan_discovery(selected, DiscoveryScope(regions=account.regions, services=SERVICES))
        inventory = discover(
            account.session,
            account.identity,
            plan.scope,
            needed_fields=plan.needed_fields,
            endpoint_for=account.endpoint_for,
            settings=EMULATOR_ENGINE,
        )
    return inventory, evaluate(selected, inventory)


@pytest.mark.parametrize(("check_id", "name", "status"), EXPECTED)
def test_planted_configuration_gets_its_verdict(
    scanned: tuple[Inventory, list[Result]], check_id: str, name: str, status: Status
) -> None:
    inventory, results = scanned
    # Transfer servers have generated ids: the seeder names them with a Name tag.
    ids = {r.id for r in inventory.resources if name in (r.name, r.tags.get("Name"))}
    assert len(ids) == 1, name
    verdicts = [r.status for r in results if r.check_id == check_id and r.resource_id in ids]
    assert verdicts == [status]


def test_errors_name_the_call_that_failed(scanned: tuple[Inventory, list[Result]]) -> None:
    _inventory, results = scanned
    errors = [r for r in results if r.status is Status.ERROR]
    assert errors
    assert all(r.reason.startswith("not collected: ") for r in errors), errors
