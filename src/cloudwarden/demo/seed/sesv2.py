"""SES: a sending domain shared with one application account, and one open to anyone.

moto never completes DKIM verification, so both domains read as not DKIM-signed.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext, public_policy

SHARED_DOMAIN = "mail.cw-demo.example.com"
OPEN_DOMAIN = "news.cw-demo.example.com"
APP_ACCOUNT = "210987654321"


def seed(ctx: SeedContext) -> None:
    ses = ctx.client("sesv2", ctx.home)
    for domain in (SHARED_DOMAIN, OPEN_DOMAIN):
        ses.create_email_identity(EmailIdentity=domain)
    arn = f"arn:aws:ses:{ctx.home}:{ctx.account_id}:identity/"
    shared = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{APP_ACCOUNT}:root"},
                "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                "Resource": arn + SHARED_DOMAIN,
            }
        ],
    }
    ses.create_email_identity_policy(
        EmailIdentity=SHARED_DOMAIN, PolicyName="app-account", Policy=json.dumps(shared)
    )
    ses.create_email_identity_policy(
        EmailIdentity=OPEN_DOMAIN,
        PolicyName="anyone",
        Policy=public_policy(["ses:SendEmail"], arn + OPEN_DOMAIN),
    )
