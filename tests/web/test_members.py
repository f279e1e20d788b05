"""Members (the owner adds by e-mail, changes roles, removes; a viewer sees no control and
the server refuses a viewer's forged posts), API tokens (the secret shown once, revoked
tokens stop working) and the audit log, in Chromium and over plain HTTP."""

from __future__ import annotations

import re
import uuid

import httpx

from tests.platform.conftest import HANG_GUARD
from tests.web.conftest import VIEWER, csrf_of, log_in_over_http, screenshot


def test_owner_adds_changes_and_removes_a_member_and_the_audit_log_says_so(web_console, owner_page):
    page = owner_page
    email = f"new-{uuid.uuid4().hex[:6]}@example.com"
    page.goto(f"/spaces/{web_console.space_id}/members")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Role", exact=True).select_option("viewer")
    page.get_by_role("button", name="Add member").click()
    page.wait_for_url(re.compile(r"/members\?notice=added"))
    assert page.get_by_role("status").first.inner_text() == "The member was added."
    row = page.locator("table.members tr", has_text=email)
    assert row.locator("td").first.inner_text() == "viewer"

    page.get_by_label(f"Role of {email}").select_option("editor")
    page.get_by_role("button", name=f"Change role of {email}").click()
    page.wait_for_url(re.compile(r"notice=role"))
    assert page.locator("table.members tr", has_text=email).locator("td").first.inner_text() == (
        "editor"
    )
    screenshot(page, "members")

    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Add member").click()
    assert page.get_by_role("alert").inner_text().startswith(f"{email} is already a member")

    page.get_by_role("button", name=f"Remove {email}").click()
    page.wait_for_url(re.compile(r"notice=removed"))
    assert page.locator("table.members tr", has_text=email).count() == 0

    page.get_by_role("link", name="Audit log").click()
    actions = page.locator("tbody td:nth-child(3)").all_inner_texts()[:3]
    assert actions == ["member.remove", "member.role", "member.add"]
    assert page.locator("tbody tr").first.locator("td").nth(2).inner_text() == email
    screenshot(page, "audit-log")


def test_a_viewer_sees_no_member_controls_and_the_server_refuses_them(web_console, viewer_page):
    page = viewer_page
    page.goto(f"/spaces/{web_console.space_id}/members")
    assert page.get_by_text("Only an owner of this space").is_visible()
    assert page.locator("form[action$='/members']").count() == 0
    assert page.get_by_role("button", name=re.compile("^(Change role|Remove)")).count() == 0
    screenshot(page, "members-viewer")

    client = log_in_over_http(web_console.url, VIEWER)
    try:
        members = client.get(f"/spaces/{web_console.space_id}/members")
        csrf = csrf_of(members.text)
        user_id = re.search(r"/members/([0-9a-f]{32})/", members.text)
        assert user_id is None, "no member action is even linked for a viewer"
        refused = client.post(
            f"/spaces/{web_console.space_id}/members",
            data={"email": "sneaky@example.com", "role": "owner", "csrf_token": csrf},
        )
        assert refused.status_code == 403
        assert (
            "sneaky@example.com" not in client.get(f"/spaces/{web_console.space_id}/members").text
        )
        no_csrf = client.post(
            f"/spaces/{web_console.space_id}/tokens", data={"name": "without a token"}
        )
        assert no_csrf.status_code == 403, "a post without the CSRF token is refused"
    finally:
        client.close()


def test_an_api_token_is_shown_once_and_stops_working_when_revoked(web_console, owner_page):
    page = owner_page
    name = f"ci-{uuid.uuid4().hex[:6]}"
    page.goto(f"/spaces/{web_console.space_id}/tokens")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Valid for days (empty: the default)").fill("7")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("Token", exact=True).inner_text().strip()
    assert len(secret) > 20
    screenshot(page, "token-created")
    api = httpx.Client(base_url=web_console.url, timeout=HANG_GUARD)
    with api:
        me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert me.status_code == 200

        page.goto(f"/spaces/{web_console.space_id}/tokens")
        assert secret not in page.content(), "the secret is shown on its creation only"
        assert page.locator("table tr", has_text=name).count() == 1
        page.get_by_role("button", name=f"Revoke {name}").click()
        page.wait_for_url(re.compile(r"notice=revoked"))
        assert "revoked" in page.locator("table tr", has_text=name).inner_text()
        gone = api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert gone.status_code == 401
    screenshot(page, "tokens")
