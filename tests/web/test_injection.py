"""Hostile names from the scanned account (CloudWatch alarm names, IAM tags, security group
and SSM descriptions), from users (an integration's name, a member's e-mail, a token's name)
and from the URL (search, an unknown asset) are shown as text on every part-B page: no dialog
opens, no injected element exists, no CSP violation is reported (``open_page`` fails on one)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from tests.web.conftest import (
    HOSTILE_ALARM,
    HOSTILE_IMG,
    HOSTILE_NAME,
    HOSTILE_SCRIPT,
    NEW_ALARM,
    OWNER,
    csrf_of,
    log_in,
    log_in_over_http,
    screenshot,
)

HOSTILE_EMAIL = '"><svg/onload=alert(3)>@example.com'
INJECTED = "img[src='x'], script:not([src]), svg[onload], [onerror], [onload]"


def assert_inert(page, dialogs: list[str], *texts: str) -> None:
    """Each text is on the page as text; nothing it carries became an element or ran."""
    assert page.locator(INJECTED).count() == 0, "an injected element exists"
    assert dialogs == [], f"a dialog opened: {dialogs}"
    body = page.locator("body").inner_text()
    for text in texts:
        assert text in body, f"{text!r} is not shown as text"


def test_hostile_values_are_text_on_every_page(web_console, scanned, open_page):
    page = open_page(web_console.url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(15_000)
    log_in(page, OWNER)
    space = f"/spaces/{web_console.space_id}"

    page.goto(f"{space}/assets?type=aws.cloudwatch.alarm")
    assert_inert(page, dialogs, HOSTILE_ALARM, NEW_ALARM, HOSTILE_NAME)
    screenshot(page, "injection-assets")

    page.get_by_role("link", name=HOSTILE_ALARM, exact=True).click()
    assert_inert(page, dialogs, HOSTILE_ALARM, HOSTILE_NAME)
    assert page.title().startswith(f"Asset {HOSTILE_ALARM}")

    page.goto(f"{space}/assets?{urlencode({'q': HOSTILE_SCRIPT})}")
    assert page.get_by_label("Search resource id").input_value() == HOSTILE_SCRIPT
    assert_inert(page, dialogs)

    page.goto(f"{space}/reports/{scanned.second_report}/diff")
    assert_inert(page, dialogs, NEW_ALARM, HOSTILE_NAME)
    page.goto(f"{space}/reports")
    assert_inert(page, dialogs, HOSTILE_NAME)
    page.goto(f"{space}/frameworks?integration={scanned.integration_id}")
    assert_inert(page, dialogs, HOSTILE_NAME)
    page.goto(f"{space}/overview")
    assert_inert(page, dialogs)
    legend = page.locator("svg.chart text.legend").all_text_contents()
    assert HOSTILE_NAME in legend, "the integration's name is the trend's legend, as text"
    screenshot(page, "injection-overview")

    unknown = {"report": scanned.second_report, "type": HOSTILE_IMG, "id": "x", "region": "r"}
    answer = page.goto(f"{space}/assets/view?{urlencode(unknown)}")
    assert answer.status == 404
    assert_inert(page, dialogs, HOSTILE_IMG)

    client = log_in_over_http(web_console.url, OWNER)
    try:  # the browser's e-mail field refuses it; the API's e-mail pattern does not
        csrf = csrf_of(client.get(f"{space}/members").text)
        added = client.post(
            f"{space}/members", data={"email": HOSTILE_EMAIL, "role": "viewer", "csrf_token": csrf}
        )
        assert added.status_code == 303
    finally:
        client.close()
    page.goto(f"{space}/members")
    assert_inert(page, dialogs, HOSTILE_EMAIL)
    page.get_by_role("button", name=f"Remove {HOSTILE_EMAIL}").click()
    page.wait_for_url(re.compile(r"notice=removed"))
    page.goto(f"{space}/audit")
    assert_inert(page, dialogs, HOSTILE_EMAIL)

    page.goto(f"{space}/tokens")
    page.get_by_label("Name").fill(HOSTILE_SCRIPT)
    page.get_by_role("button", name="Create token").click()
    assert_inert(page, dialogs, HOSTILE_SCRIPT)
    page.get_by_role("button", name=f"Revoke {HOSTILE_SCRIPT}").click()
    page.wait_for_url(re.compile(r"notice=revoked"))
    assert_inert(page, dialogs, HOSTILE_SCRIPT)
