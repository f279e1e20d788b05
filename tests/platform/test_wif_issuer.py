"""The OIDC issuer against a verifier doing what AWS STS documents, over real HTTP: real
tokens verify, attack tokens are refused, rotation keeps every live token's key published."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from joserfc.jwk import RSAKey

from cloudwarden.platform.repositories import integrations as integration_repo
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import aws
from cloudwarden.platform.services.spaces import bootstrap_user
from cloudwarden.platform.wif import keys, tokens
from tests.platform.sts_verifier import Refused, StsVerifier

ROLE = "arn:aws:iam::123456789012:role/CloudwardenScanner"


@pytest.fixture
def issuer(live_without_worker):
    """The running app as issuer, at its own 127.0.0.1 URL (the URL rules are serve's)."""
    live_without_worker.platform.runtime.settings.issuer_url = live_without_worker.url
    return live_without_worker


@pytest.fixture
def owner(issuer):
    token = bootstrap_user(issuer.platform.runtime, "owner@example.com", "acme", Role.OWNER)
    client = issuer.as_user(token.token)
    return client, client.get("/api/v1/spaces").json()["items"][0]["id"]


def create_wif(client, space, name="prod", **credentials):
    body = {"name": name, "credentials": {"type": "wif", "role_arn": ROLE, **credentials}}
    response = client.post(f"/api/v1/spaces/{space}/integrations", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def minter(rt, integration):
    with rt.sessions.begin() as session:
        row = integration_repo.get_any(session, integration["id"])
    return aws.token_minter(rt, row)[1]


def verifier(live, **kwargs):
    return StsVerifier(live.url, ["cloudwarden"], **kwargs)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def test_the_discovery_document_and_jwks_are_public_and_cacheable(issuer):
    client = issuer.as_user(None)
    discovery = client.get("/.well-known/openid-configuration")
    assert discovery.status_code == 200
    document = discovery.json()
    assert document["issuer"] == issuer.url
    assert document["jwks_uri"] == issuer.url + "/.well-known/jwks.json"
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert {"sub", "aud", "exp", "jti"} <= set(document["claims_supported"])
    assert document["response_types_supported"]
    assert document["subject_types_supported"]
    assert discovery.headers["cache-control"].startswith("public, max-age=")
    jwks = client.get("/.well-known/jwks.json")
    assert jwks.headers["cache-control"].startswith("public, max-age=")
    (key,) = jwks.json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert key["kid"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_the_issuer_is_off_without_an_issuer_url(live_without_worker):
    response = live_without_worker.as_user(None).get("/.well-known/openid-configuration")
    assert response.status_code == 404
    assert "CLOUDWARDEN_ISSUER_URL" in response.json()["detail"]


def test_a_wif_integration_shows_its_subject_and_an_update_cannot_set_it(issuer, owner):
    client, space = owner
    integration = create_wif(client, space)
    host = issuer.url.removeprefix("http://")
    assert integration["credentials"] == {
        "type": "wif",
        "role_arn": ROLE,
        "audience": "cloudwarden",
        "subject": f"{integration['id']}@integrations.{space}.spaces.{host}",
    }
    url = f"/api/v1/spaces/{space}/integrations/{integration['id']}"
    forged = {"credentials": {"type": "wif", "role_arn": ROLE, "subject": "other@x"}}
    assert client.patch(url, json=forged).status_code == 422
    changed = client.patch(
        url,
        json={"credentials": {"type": "wif", "role_arn": ROLE, "audience": "sts.amazonaws.com"}},
    ).json()
    assert changed["credentials"]["audience"] == "sts.amazonaws.com"
    assert changed["credentials"]["subject"] == integration["credentials"]["subject"]
    assert changed["status"] == "configuring"


def test_no_wif_integration_without_an_issuer_url(live_without_worker):
    rt = live_without_worker.platform.runtime
    token = bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER)
    client = live_without_worker.as_user(token.token)
    space = client.get("/api/v1/spaces").json()["items"][0]["id"]
    body = {"name": "prod", "credentials": {"type": "wif", "role_arn": ROLE}}
    response = client.post(f"/api/v1/spaces/{space}/integrations", json=body)
    assert response.status_code == 422
    assert "CLOUDWARDEN_ISSUER_URL" in response.json()["detail"]


def test_a_minted_token_verifies_with_every_claim(issuer, owner, caplog):
    client, space = owner
    integration = create_wif(client, space)
    mint = minter(issuer.platform.runtime, integration)
    first, second = mint(), mint()
    check = verifier(issuer)
    claims = check.verify(first, trusted_subject=integration["credentials"]["subject"])
    assert claims["iss"] == issuer.url
    assert claims["aud"] == "cloudwarden"
    assert claims["nbf"] == claims["iat"]
    assert 0 < claims["exp"] - claims["iat"] <= 15 * 60, "minutes, not hours"
    assert claims["jti"] != check.verify(second)["jti"], "a fresh token per call"
    minted = [r.msg for r in caplog.records if "wif.token_minted" in str(r.msg)]
    assert len(minted) == 2
    assert claims["jti"] in str(minted[0]), "logged by jti and integration"
    assert integration["id"] in str(minted[0])


def attacks(token: str, public_pem: bytes, other_kid: str) -> dict[str, str]:
    header, payload, signature = parts(token)
    body = lambda h, p: b64(json.dumps(h).encode()) + "." + b64(json.dumps(p).encode())  # noqa: E731
    hs_header = {**header, "alg": "HS256"}
    hs = body(hs_header, payload)
    # Constructing the attack (a forger's HMAC over the public key), not verifying anything.
    hs_signature = b64(hmac.new(public_pem, hs.encode(), hashlib.sha256).digest())
    return {
        "alg none": body({**header, "alg": "none"}, payload) + ".",
        "HS256 with the public key": f"{hs}.{hs_signature}",
        "tampered payload": body(header, {**payload, "sub": "someone-else"}) + "." + signature,
        "unknown kid": body({**header, "kid": other_kid}, payload) + "." + signature,
    }


def test_attack_tokens_are_refused(issuer, owner):
    client, space = owner
    rt = issuer.platform.runtime
    integration = create_wif(client, space)
    token = minter(rt, integration)()
    with rt.sessions.begin() as session:
        signer = keys.signer(session, rt.keyring, rt.clock())
    public_pem = signer.key.as_pem(private=False)
    check = verifier(issuer)
    check.verify(token)
    reasons = {
        "alg none": "algorithm 'none'",
        "HS256 with the public key": "algorithm 'HS256'",
        "tampered payload": "signature",
        "unknown kid": "unknown kid",
    }
    for name, forged in attacks(token, public_pem, "not-a-kid").items():
        with pytest.raises(Refused, match=reasons[name]):
            check.verify(forged)

    _, claims, _ = parts(token)
    now = rt.clock()
    who = tokens.Audience(integration["id"], claims["sub"], "cloudwarden")
    outsider = RSAKey.generate_key(2048, private=True)
    forged_by_outsider = tokens.sign(keys.Signer(signer.kid, outsider), claims)
    resigned = {
        "wrong aud": tokens.claims(
            issuer.url, tokens.Audience(who.integration_id, who.subject, "x"), now, "j1"
        ),
        "wrong iss": tokens.claims("https://evil.example.com", who, now, "j2"),
        "expired": tokens.claims(issuer.url, who, now - timedelta(minutes=11), "j3"),
        "future nbf": {
            **tokens.claims(issuer.url, who, now, "j4"),
            "nbf": int(now.timestamp()) + 3600,
        },
    }
    for payload in resigned.values():
        with pytest.raises(Refused, match="claims"):
            check.verify(tokens.sign(signer, payload))
    with pytest.raises(Refused, match="signature"):
        check.verify(forged_by_outsider)


def test_a_token_of_integration_a_is_refused_for_integration_b(issuer, owner):
    client, space = owner
    a, b = create_wif(client, space, "a"), create_wif(client, space, "b")
    token_of_a = minter(issuer.platform.runtime, a)()
    check = verifier(issuer)
    check.verify(token_of_a, trusted_subject=a["credentials"]["subject"])
    with pytest.raises(Refused, match="sub condition"):
        check.verify(token_of_a, trusted_subject=b["credentials"]["subject"])


def test_rotation_keeps_a_live_tokens_key_until_it_retires(issuer, owner):
    client, space = owner
    rt = issuer.platform.runtime
    integration = create_wif(client, space)
    start = rt.clock()
    moment = {"now": start}
    rt.clock = lambda: moment["now"]
    before = minter(rt, integration)()
    old_kid = parts(before)[0]["kid"]
    with rt.sessions.begin() as session:
        new, _ = keys.rotate(session, rt.keyring, start)
        new_kid = new.kid
    check = verifier(issuer, now=lambda: int(moment["now"].timestamp()))
    after = minter(rt, integration)()
    assert parts(after)[0]["kid"] == new_kid, "the new key signs at once"
    assert check.verify(before)
    assert check.verify(after)

    life = keys.TOKEN_LIFETIME + keys.STS_CLOCK_SKEW
    jwks = issuer.as_user(None)
    for seconds in range(0, int(life.total_seconds()) + 120, 30):
        moment["now"] = start + timedelta(seconds=seconds)
        published = {k["kid"] for k in jwks.get("/.well-known/jwks.json").json()["keys"]}
        live_token = moment["now"] < start + life
        assert (old_kid in published) == live_token, seconds
        assert new_kid in published

    moment["now"] = start + life + timedelta(seconds=1)
    fresh = verifier(issuer, now=lambda: int(moment["now"].timestamp()))
    with pytest.raises(Refused, match="unknown kid"):
        fresh.verify(before)
    with rt.sessions.begin() as session:
        _, dropped = keys.rotate(session, rt.keyring, moment["now"])
    assert dropped == [old_kid], "the retired key and its private part leave the database"
