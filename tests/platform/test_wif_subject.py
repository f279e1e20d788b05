"""The WIF subject and issuer host, as IAM names them."""

from __future__ import annotations

import pytest

from cloudwarden.platform.wif.subject import issuer_host, wif_subject


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://auth.example.com", "auth.example.com"),
        ("https://example.com/cloudwarden", "example.com/cloudwarden"),
        ("http://127.0.0.1:8000", "127.0.0.1:8000"),
    ],
)
def test_the_issuer_host_is_the_url_without_its_scheme(url, host):
    assert issuer_host(url) == host


def test_the_subject_names_the_integration_its_space_and_the_issuer():
    assert (
        wif_subject("i1", "s1", "https://auth.example.com")
        == "i1@integrations.s1.spaces.auth.example.com"
    )
