"""The CIS AWS Foundations v5.0.0 control view of an integration's latest report, and the
overview's charts (server-rendered SVG with text alternatives) in Chromium."""

from __future__ import annotations

from tests.web.conftest import HOSTILE_NAME, screenshot


def test_cis_controls_with_status_and_failing_resources(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/frameworks?integration={scanned.integration_id}")
    cis = page.locator("section.framework").first
    heading = cis.get_by_role("heading").inner_text()
    assert heading == "CIS Amazon Web Services Foundations Benchmark v5.0.0"
    rows = cis.locator("table.controls tbody tr")
    assert rows.count() > 50
    statuses = set(cis.locator("tbody td:nth-child(2)").all_inner_texts())
    assert statuses <= {"PASS", "FAIL", "ERROR", "MANUAL"}
    assert {"FAIL", "MANUAL"} <= statuses
    manual = cis.locator("tr.control-manual").first
    assert manual.locator("td p.muted").inner_text(), "a manual control says why"
    failing = cis.locator("tr.control-fail ul.resources li")
    assert failing.count() >= 1, "a failed control lists its failing resources"
    summary = cis.locator("ul.summary").inner_text()
    assert "FAIL" in summary
    screenshot(page, "frameworks")

    page.goto(f"/spaces/{web_console.space_id}/frameworks?report={scanned.first_report}")
    assert page.locator("section.framework").count() >= 1


def test_overview_charts_have_text_alternatives(web_console, scanned, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/overview")
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 3
    titles = charts.locator("title[id$='-title']").all_text_contents()
    assert titles == [
        "Assets per grade",
        "Failures by severity over time",
        "Score trend per integration",
    ]
    for n in range(3):
        labelled = charts.nth(n).get_attribute("aria-labelledby")
        desc = page.locator(f"[id='{labelled.split()[1]}']").text_content()
        assert desc
        assert any(ch.isdigit() for ch in desc)
    assert charts.nth(0).locator("rect").count() >= 6
    assert charts.nth(2).locator("circle").count() >= 2, "both scans are points of the trend"
    assert HOSTILE_NAME in charts.nth(2).locator("text").all_text_contents()
    page.get_by_text("The numbers").first.click()
    assert page.locator("table.compact").first.is_visible()
    screenshot(page, "overview")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "charts scroll inside"
    screenshot(page, "overview-phone")
