"""One sentence per way AssumeRoleWithWebIdentity fails: the seed's WIF checklist, as data.

AWS tells some failures apart only by its message text; each rule names the error code and
a fragment of the message (empty: any message), checked in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from cloudwarden.platform.wif.subject import issuer_host


@dataclass(frozen=True)
class Context:
    role_arn: str
    issuer_url: str
    subject: str
    audience: str

    @property
    def host(self) -> str:
        return issuer_host(self.issuer_url)

    @property
    def account(self) -> str:
        return self.role_arn.split(":")[4]


def _provider_missing(c: Context) -> str:
    return (
        f"account {c.account} has no IAM OIDC identity provider whose URL is byte-equal to "
        f"the issuer {c.issuer_url}: create one with exactly that URL (no trailing slash) and "
        f"client id {c.audience}"
    )


def _audience(c: Context) -> str:
    return (
        f"the token's audience {c.audience!r} is not a client id of the IAM OIDC provider "
        f"{c.host}: add it to the provider's audiences, or set the integration's audience to "
        "one of them"
    )


def _not_assumable(c: Context) -> str:
    return (
        f"AWS refused AssumeRoleWithWebIdentity on {c.role_arn}: the role does not exist, or "
        f"its trust policy does not allow the provider {c.host} with StringEquals "
        f"{c.host}:sub = {c.subject} and {c.host}:aud = {c.audience}; check the role ARN and "
        "the trust policy"
    )


def _subject(c: Context) -> str:
    return (
        f"the role's trust policy rejected the token's claims: its {c.host}:sub condition must "
        f"be StringEquals {c.subject} (this integration's subject) and {c.host}:aud "
        f"{c.audience}"
    )


def _unreachable(c: Context) -> str:
    return (
        f"AWS could not fetch the issuer's keys from {c.issuer_url}/.well-known/"
        "openid-configuration: the issuer must answer from the internet over TLS with a "
        "publicly trusted certificate"
    )


def _expired(_c: Context) -> str:
    return (
        "AWS STS found the token expired or not yet valid: this host's clock is off by "
        "minutes; synchronize it (NTP)"
    )


SENTENCES = (
    ("InvalidIdentityToken", "no openidconnect provider", _provider_missing),
    ("InvalidIdentityToken", "audience", _audience),
    ("InvalidIdentityToken", "verification key", _unreachable),
    ("InvalidIdentityToken", "expired", _expired),
    ("InvalidIdentityToken", "not yet valid", _expired),
    ("IDPCommunicationError", "", _unreachable),
    ("IDPRejectedClaim", "", _subject),
    ("ExpiredTokenException", "", _expired),
    ("ExpiredToken", "", _expired),
    ("AccessDenied", "", _not_assumable),
    ("NoSuchEntity", "", _not_assumable),
)
"""(error code, lower-case message fragment, sentence), first match wins."""


def explain(code: str, message: str, context: Context) -> str:
    lowered = message.lower()
    for rule_code, fragment, sentence in SENTENCES:
        if code == rule_code and fragment in lowered:
            return sentence(context)
    return f"AWS STS refused the web identity token for {context.role_arn}: {code}"
