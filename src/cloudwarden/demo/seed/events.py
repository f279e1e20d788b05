"""EventBridge: a bus shared with one partner account, and one any account may put events on.

The default bus keeps no policy (a fresh account's state).
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

PRIVATE_BUS = "cw-demo-orders"
PARTNER_BUS = "cw-demo-partner-events"
PARTNER_ACCOUNT = "210987654321"
OPEN_BUS = "cw-demo-webhooks"
TAGS = {"owner": "integrations"}


def seed(ctx: SeedContext) -> None:
    events = ctx.client("events", ctx.home)
    tags = [{"Key": key, "Value": value} for key, value in TAGS.items()]
    events.create_event_bus(Name=PRIVATE_BUS, Tags=tags)
    events.create_event_bus(Name=PARTNER_BUS, Tags=tags)
    events.put_permission(
        EventBusName=PARTNER_BUS,
        Action="events:PutEvents",
        Principal=PARTNER_ACCOUNT,
        StatementId="partner-put-events",
    )
    events.create_event_bus(Name=OPEN_BUS)
    events.put_permission(
        EventBusName=OPEN_BUS,
        Action="events:PutEvents",
        Principal="*",
        StatementId="anyone-put-events",
    )
