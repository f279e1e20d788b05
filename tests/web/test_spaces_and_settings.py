"""A new space's welcome page and the space switcher; an integration's settings and its
credentials rotated through the Configure tab."""

from __future__ import annotations

import re

from tests.web.conftest import screenshot
from tests.web.test_integrations import add_access_key_integration, scanning_key, unique


def test_a_new_space_welcomes_and_the_switcher_goes_back(web_console, owner_page):
    page = owner_page
    name = unique("team")
    page.get_by_role("link", name="New space").click()
    page.get_by_label("Space name").fill(name)
    page.get_by_role("button", name="Create space").click()
    page.wait_for_url(re.compile(r"/spaces/[0-9a-f]{32}$"))
    assert page.get_by_role("heading", name=f"Welcome to {name}").is_visible()
    screenshot(page, "new-space-welcome")
    page.get_by_role("link", name="Browse integrations").click()
    assert page.get_by_role("heading", name="Add an integration").is_visible()
    switcher = page.get_by_label("Space", exact=True)
    assert f"{name} (owner)" in switcher.inner_text()
    switcher.select_option(web_console.space_id)
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(re.compile(web_console.space_id))
    assert switcher.input_value() == web_console.space_id


def test_configure_interval_regions_and_rotate_the_key(web_console, owner_page):
    page = owner_page
    url = add_access_key_integration(page, web_console, unique("settings"))
    page.get_by_role("link", name="Configure").click()
    page.get_by_label("Scan", exact=True).select_option("24")
    page.get_by_label("Regions to skip").fill("eu-west-1")
    new_id, new_secret = scanning_key(web_console)
    page.get_by_label("Replace the credentials with these").check()
    page.get_by_label("New access key ID").fill(new_id)
    page.get_by_label("New secret access key").fill(new_secret)
    screenshot(page, "configure")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"notice=saved"))
    assert new_secret not in page.content()
    page.goto(url)
    facts = page.locator(".facts").inner_text()
    assert "every 24 hours" in facts
    assert "us-east-1, except eu-west-1" in facts
    assert f"Access key {new_id}" in facts
    assert "configuring" in page.get_by_role("heading", level=1).inner_text(), (
        "new credentials are unproven until the next ping or scan"
    )

    page.get_by_role("link", name="Configure").click()
    page.get_by_label("Regions to skip").fill("us-east-1")
    page.get_by_role("button", name="Save").click()
    assert "both allowed and denied" in page.get_by_role("alert").inner_text()
