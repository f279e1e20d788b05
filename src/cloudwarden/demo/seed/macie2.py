"""Macie: enabled in the home region, switched off in the second region.

moto treats Macie as enabled in a region it was never asked about, and implements none of
GetAutomatedDiscoveryConfiguration, GetFindingsPublicationConfiguration or
GetClassificationExportConfiguration: those checks are ``error`` on the demo account.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

PUBLISHING_FREQUENCY = "FIFTEEN_MINUTES"


def seed(ctx: SeedContext) -> None:
    ctx.client("macie2", ctx.home).enable_macie(
        findingPublishingFrequency=PUBLISHING_FREQUENCY, status="ENABLED"
    )
    if len(ctx.regions) > 1:
        ctx.client("macie2", ctx.regions[1]).disable_macie()
