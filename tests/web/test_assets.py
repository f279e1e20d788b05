"""Assets in Chromium: the list of a space (filters, search, paging through the server) and an
asset's page with its failed checks first, their risk and remediation; the scan diff."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from tests.web.conftest import FIXED_ALARM, HOSTILE_ALARM, NEW_ALARM, screenshot

ALARM = "aws.cloudwatch.alarm"
ACTIONS = "aws-cloudwatch-alarm-actions-enabled"


def test_asset_list_filters_search_and_pages(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/assets")
    assert page.get_by_role("heading", name="Assets", exact=True).is_visible()
    screenshot(page, "assets-list")
    status = page.get_by_role("navigation", name="Assets pages").first.get_by_role("status")
    total = int(re.search(r"of (\d+)", status.inner_text()).group(1))
    assert total > 3

    page.get_by_label("Type").select_option(ALARM)
    page.get_by_label("Failing check").select_option(ACTIONS)
    page.get_by_role("button", name="Filter").click()
    query = parse_qs(urlparse(page.url).query)
    assert query["type"] == [ALARM]
    assert query["check"] == [ACTIONS]
    names = page.locator("table.assets tbody th").all_inner_texts()
    assert sorted(names) == sorted([HOSTILE_ALARM, NEW_ALARM]), "fixed alarm passes now"
    assert page.get_by_label("Type").input_value() == ALARM, "the form keeps the filters"

    page.get_by_label("Search resource id").fill("FIXED-between")
    page.get_by_label("Failing check").select_option("")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("table.assets tbody th").all_inner_texts() == [FIXED_ALARM]
    page.get_by_role("link", name="Clear filters").click()
    assert "type=" not in page.url


def test_asset_list_pages_through_the_server(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/assets?limit=10")
    first = page.locator("table.assets tbody tr").all_inner_texts()
    assert len(first) == 10
    pager = page.get_by_role("navigation", name="Assets pages").first
    assert pager.get_by_role("status").inner_text().startswith("1\u201310 of ")
    pager.get_by_role("link", name="Next").click()
    assert parse_qs(urlparse(page.url).query) == {"limit": ["10"], "offset": ["10"]}
    second = page.locator("table.assets tbody tr").all_inner_texts()
    assert second
    assert not set(first) & set(second)
    assert (
        page.get_by_role("navigation", name="Assets pages")
        .first.get_by_role("status")
        .inner_text()
        .startswith("11\u2013")
    )


def test_asset_page_shows_failed_checks_first_with_remediation(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/assets?type={ALARM}")
    page.get_by_role("link", name=HOSTILE_ALARM, exact=True).click()
    assert page.get_by_role("heading", name=HOSTILE_ALARM, exact=True).is_visible()
    failed = page.locator("details.finding-fail")
    assert failed.count() >= 1
    first = failed.first
    assert "CloudWatch alarm has actions enabled" in first.locator("summary").inner_text()
    body = first.inner_text()
    for label in ("Risk", "Remediation", "Console", "AWS CLI"):
        assert label in body
    assert "notified" in body, "the check's risk text is shown"
    order = page.locator("details.finding").evaluate_all(
        "els => els.map(e => e.className.includes('finding-fail'))"
    )
    assert order == sorted(order, reverse=True), "failures come first"
    screenshot(page, "asset-page")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scroll"
    screenshot(page, "asset-page-phone")


def test_scan_diff_shows_new_failures_and_fixed(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/reports?integration={scanned.integration_id}")
    screenshot(page, "reports-list")
    page.locator(f"a[href$='/reports/{scanned.second_report}/diff']").click()
    assert page.get_by_role("heading", name=re.compile("^Changes")).is_visible()
    new = page.locator("h2:has-text('New failures') + div table tbody th").all_inner_texts()
    fixed = page.locator("h2:has-text('Fixed') + div table tbody th").all_inner_texts()
    assert any(t.startswith(NEW_ALARM) for t in new)
    assert any(t.startswith(FIXED_ALARM) for t in fixed)
    assert not any(t.startswith(HOSTILE_ALARM) for t in new), "still failing is not new"
    screenshot(page, "scan-diff")

    page.goto(f"/spaces/{web_console.space_id}/reports/{scanned.first_report}/diff")
    assert page.get_by_text("first report: there is nothing to compare").is_visible()
