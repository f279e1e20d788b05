"""Every console page over real HTTP: the security headers, and no inline script, style or
event handler (the Content-Security-Policy would refuse them); static files versioned by
content and cached long."""

from __future__ import annotations

import re

import httpx

from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn
from cloudwarden.platform.services import integrations
from cloudwarden.platform.web.security import CONTENT_SECURITY_POLICY
from tests.platform.conftest import HANG_GUARD
from tests.web.conftest import OWNER, log_in_over_http

INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
STATIC = re.compile(r'(?:src|href)="(/static/[0-9a-f]{16}/[^"]+)"')


def check_headers(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_every_page_has_the_headers_and_no_inline_code(web_console):
    rt = web_console.platform.runtime
    created = integrations.create(
        rt,
        web_console.owner,
        web_console.space_id,
        IntegrationIn(
            name="headers <script>alert(1)</script>",
            credentials=AccessKeyIn(
                type="access_key",
                access_key_id="AKIAHEADERSHEADERS00",
                secret_access_key="headers-secret-headers-secret",
            ),
        ),
    )
    space = f"/spaces/{web_console.space_id}"
    one = f"{space}/integrations/{created.id}"
    anonymous = httpx.Client(base_url=web_console.url, timeout=HANG_GUARD)
    client = log_in_over_http(web_console.url, OWNER)
    pages = [
        (anonymous, "/login", 200),
        (anonymous, f"{space}/integrations", 303),
        (client, f"{space}/integrations", 200),
        (client, f"{space}/integrations/catalogue", 200),
        (client, f"{space}/integrations/add/aws", 200),
        (client, f"{space}/integrations/add/aws/hosted", 200),
        (client, f"{space}/integrations/add/aws/hosted?auth=role", 200),
        (client, f"{space}/integrations/add/aws/serverless", 200),
        *((client, f"{one}?tab={tab}", 200) for tab in ("overview", "policies", "scans")),
        (client, f"{one}?tab=configure", 200),
        (client, f"{one}/progress", 200),
        (client, f"{one}/remove", 200),
        (client, f"{space}/integrations/no-such-integration", 404),
        (client, "/no/such/page", 404),
    ]
    assets: set[str] = set()
    for who, path, status in pages:
        response = who.get(path)
        assert response.status_code == status, path
        check_headers(response)
        assert response.headers["cache-control"] == "no-store", path
        for what, pattern in INLINE.items():
            assert pattern.search(response.text) is None, f"{path} has an {what}"
        assert "<script>alert(1)</script>" not in response.text, f"{path} did not escape"
        assets |= set(STATIC.findall(response.text))

    assert {a.rsplit("/", 1)[1] for a in assets} >= {
        "console.css",
        "console.js",
        "htmx-2.0.11.min.js",
    }
    for asset in assets:
        response = anonymous.get(asset)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["x-content-type-options"] == "nosniff"
        stale = re.sub(r"/static/[0-9a-f]{16}/", "/static/0000000000000000/", asset)
        assert anonymous.get(stale).status_code == 404, "an old version is not served as new"
