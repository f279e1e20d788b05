"""The trust verifier on many documents: only a statement pinned to this integration passes."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from cloudwarden.platform.wif.trust_policy import RoleRef, RoleTrust, WifTrust, trust_policy
from cloudwarden.platform.wif.trust_verifier import CRITICAL, parse_document, verify

ISSUER = "https://auth.cloudwarden.example"
HOST = "auth.cloudwarden.example"
WIF = WifTrust.of(
    integration_id="int1",
    space_id="space1",
    role_arn="arn:aws:iam::111122223333:role/scan/Cloudwarden",
    audience="cloudwarden",
    issuer_url=ISSUER,
)
SUBJECT = f"int1@integrations.space1.spaces.{HOST}"
PROVIDER = f"arn:aws:iam::111122223333:oidc-provider/{HOST}"
GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
ROLE = RoleTrust(
    RoleRef.parse("arn:aws:iam::111122223333:role/Cloudwarden"),
    "cw-abc",
    "arn:aws:iam::999999999999:role/cloudwarden-platform",
)


def wif_statement(condition=None, **extra):
    statement = {
        "Effect": "Allow",
        "Principal": {"Federated": PROVIDER},
        "Action": "sts:AssumeRoleWithWebIdentity",
        **extra,
    }
    if condition is not None:
        statement["Condition"] = condition
    return statement


def role_statement(condition=None, principal=None, **extra):
    statement = {
        "Effect": "Allow",
        "Principal": principal or {"AWS": ROLE.principal_arn},
        "Action": "sts:AssumeRole",
        **extra,
    }
    if condition is not None:
        statement["Condition"] = condition
    return statement


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


PINNED = {"StringEquals": {f"{HOST}:sub": SUBJECT, f"{HOST}:aud": "cloudwarden"}}
EXTERNAL = {"StringEquals": {"sts:ExternalId": "cw-abc"}}


def test_the_generated_policies_pass():
    assert verify(trust_policy(WIF), WIF) == []
    assert verify(trust_policy(ROLE), ROLE) == []
    assert trust_policy(WIF)["Statement"][0]["Principal"] == {"Federated": PROVIDER}
    assert trust_policy(WIF)["Statement"][0]["Condition"] == PINNED
    assert trust_policy(ROLE)["Statement"][0]["Condition"] == EXTERNAL


GOOD_WIF = {
    "seed shape": doc(wif_statement(PINNED)),
    "statement as an object, not a list": {
        "Version": "2012-10-17",
        "Statement": wif_statement(PINNED),
    },
    "subject as a one-element list": doc(
        wif_statement({"StringEquals": {f"{HOST}:sub": [SUBJECT]}})
    ),
    "condition key in another case": doc(
        wif_statement({"StringEquals": {f"{HOST.upper()}:SUB": SUBJECT}})
    ),
    "exact StringLike": doc(wif_statement({"StringLike": {f"{HOST}:sub": SUBJECT}})),
    "pinned plus an extra StringLike": doc(
        wif_statement({**PINNED, "StringLike": {f"{HOST}:sub": "*"}})
    ),
    "action list": doc(
        wif_statement(PINNED, Action=["sts:AssumeRoleWithWebIdentity", "sts:TagSession"])
    ),
    "another provider, open: not this platform's": doc(
        wif_statement(PINNED),
        {
            "Effect": "Allow",
            "Principal": {"Federated": GITHUB},
            "Action": "sts:AssumeRoleWithWebIdentity",
        },
    ),
    "a Deny without condition": doc(wif_statement(PINNED), {**wif_statement(), "Effect": "Deny"}),
    "a service principal": doc(
        wif_statement(PINNED),
        {
            "Effect": "Allow",
            "Principal": {"Service": "ec2.amazonaws.com"},
            "Action": "sts:AssumeRole",
        },
    ),
}


@pytest.mark.parametrize("name", GOOD_WIF)
def test_good_wif_documents(name):
    assert verify(GOOD_WIF[name], WIF) == []


BAD_WIF = {
    "no condition": (doc(wif_statement()), "it has no condition"),
    "empty condition": (doc(wif_statement({})), "it has no condition"),
    "only the audience": (
        doc(wif_statement({"StringEquals": {f"{HOST}:aud": "cloudwarden"}})),
        f"no StringEquals on {HOST}:sub",
    ),
    "StringLike with *": (
        doc(wif_statement({"StringLike": {f"{HOST}:sub": "*@integrations.*"}})),
        "wildcard",
    ),
    "StringLike with ?": (
        doc(wif_statement({"StringLike": {f"{HOST}:sub": SUBJECT[:-1] + "?"}})),
        "wildcard",
    ),
    "wrong subject": (
        doc(
            wif_statement({"StringEquals": {f"{HOST}:sub": "other@integrations.x.spaces." + HOST}})
        ),
        f"equal to {SUBJECT}",
    ),
    "ours and another tenant's": (
        doc(wif_statement({"StringEquals": {f"{HOST}:sub": [SUBJECT, "evil@integrations.x"]}})),
        "no StringEquals",
    ),
    "ForAnyValue trick": (
        doc(wif_statement({"ForAnyValue:StringEquals": {f"{HOST}:sub": SUBJECT}})),
        "no StringEquals",
    ),
    "ForAllValues trick (true when the key is absent)": (
        doc(wif_statement({"ForAllValues:StringEquals": {f"{HOST}:sub": SUBJECT}})),
        "no StringEquals",
    ),
    "IfExists": (
        doc(wif_statement({"StringEqualsIfExists": {f"{HOST}:sub": SUBJECT}})),
        "no StringEquals",
    ),
    "StringNotEquals is not a pin": (
        doc(wif_statement({"StringNotEquals": {f"{HOST}:sub": "evil"}})),
        "no StringEquals",
    ),
    "one good, one open": (doc(wif_statement(PINNED), wif_statement()), "statement 2"),
    "provider ARN of another account, same host": (
        doc(
            wif_statement(
                Principal={"Federated": [f"arn:aws:iam::444455556666:oidc-provider/{HOST}"]}
            )
        ),
        "any other tenant",
    ),
    "Federated *": (doc(wif_statement(Principal={"Federated": "*"})), "any other tenant"),
    "wildcard action": (doc(wif_statement(Action="sts:*")), "no condition"),
    "NotAction": (
        doc({"Effect": "Allow", "Principal": {"Federated": PROVIDER}, "NotAction": "s3:*"}),
        "no condition",
    ),
    "AWS *": (
        doc(wif_statement(PINNED), role_statement(principal={"AWS": "*"})),
        "every AWS principal",
    ),
    "Principal *": (doc(role_statement(principal="*")), "every AWS principal"),
    "NotPrincipal": (
        doc(
            {
                "Effect": "Allow",
                "NotPrincipal": {"AWS": "arn:aws:iam::1:root"},
                "Action": "sts:AssumeRole",
            }
        ),
        "every AWS principal",
    ),
}


@pytest.mark.parametrize("name", BAD_WIF)
def test_bad_wif_documents(name):
    document, expected = BAD_WIF[name]
    findings = verify(document, WIF)
    assert len(findings) == 1, findings
    (finding,) = findings
    assert finding.severity == CRITICAL
    assert expected in finding.message
    assert finding.fixed_policy == trust_policy(WIF)
    assert verify(finding.fixed_policy, WIF) == []


GOOD_ROLE = {
    "generated": doc(role_statement(EXTERNAL)),
    "external id list": doc(role_statement({"StringEquals": {"sts:ExternalId": ["cw-abc"]}})),
    "account root principal": doc(
        role_statement(EXTERNAL, principal={"AWS": ["arn:aws:iam::999999999999:root"]})
    ),
    "key in lower case": doc(role_statement({"StringEquals": {"sts:externalid": "cw-abc"}})),
    "deny anyone": doc(
        role_statement(EXTERNAL), {**role_statement(principal={"AWS": "*"}), "Effect": "Deny"}
    ),
    "federated statements are not the role's concern": doc(
        role_statement(EXTERNAL), wif_statement()
    ),
}


@pytest.mark.parametrize("name", GOOD_ROLE)
def test_good_role_documents(name):
    assert verify(GOOD_ROLE[name], ROLE) == []


BAD_ROLE = {
    "no condition": (doc(role_statement()), "no condition"),
    "other condition only": (
        doc(role_statement({"Bool": {"aws:MultiFactorAuthPresent": "true"}})),
        "no StringEquals on sts:ExternalId",
    ),
    "wrong external id": (
        doc(role_statement({"StringEquals": {"sts:ExternalId": "guessable"}})),
        "equal to cw-abc",
    ),
    "StringLike *": (doc(role_statement({"StringLike": {"sts:ExternalId": "*"}})), "wildcard"),
    "ForAnyValue": (
        doc(role_statement({"ForAnyValue:StringEquals": {"sts:ExternalId": "cw-abc"}})),
        "no StringEquals",
    ),
    "AWS * even with the ExternalId": (
        doc(role_statement(EXTERNAL, principal={"AWS": "*"})),
        "every AWS principal",
    ),
    "AWS * in a list": (
        doc(role_statement(EXTERNAL, principal={"AWS": ["arn:aws:iam::1:root", "*"]})),
        "every AWS principal",
    ),
    "one good, one open": (doc(role_statement(EXTERNAL), role_statement()), "statement 2"),
    "action *": (doc(role_statement(Action="*")), "no condition"),
}


@pytest.mark.parametrize("name", BAD_ROLE)
def test_bad_role_documents(name):
    document, expected = BAD_ROLE[name]
    (finding,) = verify(document, ROLE)
    assert finding.severity == CRITICAL
    assert expected in finding.message
    assert "confused deputy" in finding.message or "every AWS principal" in finding.message
    assert finding.fixed_policy == trust_policy(ROLE)


def test_the_wire_form_is_url_decoded():
    good = doc(wif_statement(PINNED))
    assert parse_document(quote(json.dumps(good))) == good
    assert parse_document(json.dumps(good)) == good
    assert parse_document(good) is good
    with pytest.raises(TypeError):
        parse_document(json.dumps([good]))


def test_a_role_arn_with_a_path():
    ref = RoleRef.parse("arn:aws-us-gov:iam::111122223333:role/a/b/Scan")
    assert (ref.partition, ref.account, ref.path, ref.name) == (
        "aws-us-gov",
        "111122223333",
        "/a/b/",
        "Scan",
    )
    assert RoleRef.parse("arn:aws:iam::111122223333:role/Scan").path == "/"
