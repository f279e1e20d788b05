"""RAM: a subnet share restricted to the organization, and one open to external accounts.

moto reports every principal association as ``external: false``, so the external-principal
association check passes on the demo account; it is tested with fixtures.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

INTERNAL_SHARE = "cw-demo-shared-subnets"
EXTERNAL_SHARE = "cw-demo-partner-share"
PARTNER_ACCOUNT = "210987654321"


def seed(ctx: SeedContext) -> None:
    ram = ctx.client("ram", ctx.home)
    ram.create_resource_share(
        name=INTERNAL_SHARE,
        allowExternalPrincipals=False,
        tags=[{"key": "owner", "value": "network"}],
    )
    ram.create_resource_share(
        name=EXTERNAL_SHARE, allowExternalPrincipals=True, principals=[PARTNER_ACCOUNT]
    )
