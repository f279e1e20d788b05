"""First run, log in and out, wrong passwords and the login limit, CSRF refusals: in
Chromium and over plain HTTP against the running app."""

from __future__ import annotations

import re

import httpx

from cloudwarden.platform.services.console import LOGIN_LIMITS, LimitScope
from tests.platform.conftest import HANG_GUARD
from tests.web.conftest import OWNER, PASSWORD, csrf_of, log_in, log_in_over_http, screenshot


def test_first_run_sets_up_the_owner_and_then_only_login_remains(fresh_console, open_page):
    page = open_page(fresh_console.url)
    page.goto("/")
    assert page.url.endswith("/setup")
    screenshot(page, "setup")
    page.get_by_label("Your e-mail address").fill("first@example.com")
    page.get_by_label("Password (at least 12 characters)").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_label("Name of the first space").fill("first space")
    page.get_by_role("button", name="Create owner").click()
    page.wait_for_url(re.compile(r"/spaces/[0-9a-f]{32}$"))
    assert page.get_by_role("heading", name="Welcome to first space").is_visible()
    assert page.get_by_role("link", name="Browse integrations").is_visible()
    assert page.get_by_label("Space", exact=True).input_value()  # the switcher shows the space
    screenshot(page, "welcome")

    page.goto("/setup")
    assert page.url.endswith("/login"), "setup is gone once a user exists"
    again = httpx.post(
        f"{fresh_console.url}/setup",
        data={
            "email": "intruder@example.com",
            "password": PASSWORD,
            "password_again": PASSWORD,
            "space_name": "mine",
            "csrf_token": "x",
        },
        cookies={"cw_presession": "x"},
        timeout=HANG_GUARD,
    )
    assert again.status_code == 409, "a second first owner is refused"


def test_log_in_and_out(web_console, open_page):
    page = open_page(web_console.url)
    page.goto(f"/spaces/{web_console.space_id}/integrations")
    assert "/login" in page.url, "the console asks who you are first"
    screenshot(page, "login")
    log_in(page, OWNER)
    cookie = next(c for c in page.context.cookies() if c["name"] == "cw_session")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["secure"] is False, "served over http: Secure only over https"
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login$"))
    page.goto(f"/spaces/{web_console.space_id}/integrations")
    assert "/login" in page.url, "the session is over after logging out"
    replayed = httpx.get(
        f"{web_console.url}/spaces/{web_console.space_id}/integrations",
        cookies={"cw_session": cookie["value"]},
        timeout=HANG_GUARD,
    )
    assert replayed.status_code == 303, "the old cookie opens nothing: its session is deleted"


def test_wrong_password_then_the_login_limit(web_console, open_page):
    rt = web_console.platform.runtime
    from cloudwarden.platform.services import console  # noqa: PLC0415

    email = "limited@example.com"
    from cloudwarden.platform.repositories import members  # noqa: PLC0415

    with rt.sessions.begin() as session:
        members.add_user(session, email)
    console.set_password(rt, email, PASSWORD)
    limit = next(x for x in LOGIN_LIMITS if x.scope is LimitScope.ACCOUNT_CLIENT)

    page = open_page(web_console.url)
    for _ in range(limit.failures):
        page.goto("/login")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
        assert page.get_by_role("alert").inner_text() == (
            "the e-mail address or the password is wrong"
        )
    screenshot(page, "login-wrong-password")
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_response(
        lambda r: r.url.endswith("/login") and r.request.method == "POST"
    ) as answer:
        page.get_by_role("button", name="Log in").click()
    assert answer.value.status == 429
    assert "too many failed logins" in page.get_by_role("alert").inner_text()
    assert answer.value.headers["retry-after"] == str(int(limit.window.total_seconds()))

    other = log_in_over_http(web_console.url, OWNER)  # other accounts still log in
    assert other.get(f"/spaces/{web_console.space_id}").status_code in {200, 303}


def test_unsafe_requests_without_the_csrf_token_are_refused(web_console):
    client = log_in_over_http(web_console.url, OWNER)
    space = web_console.space_id
    form = client.get(f"/spaces/{space}/integrations/add/aws/hosted")
    token = csrf_of(form.text)
    body = {
        "name": "forged",
        "auth": "access_key",
        "access_key_id": "AKIAFORGEDFORGED0000",
        "secret_access_key": "forged-secret-forged-secret",
        "interval": "12",
    }
    url = f"/spaces/{space}/integrations/add/aws/hosted"
    assert client.post(url, data=body).status_code == 403
    assert client.post(url, data={**body, "csrf_token": "0" * 64}).status_code == 403
    other = log_in_over_http(web_console.url, OWNER)
    foreign = csrf_of(other.get(f"/spaces/{space}/integrations/add/aws/hosted").text)
    assert foreign != token, "each session has its own token"
    assert client.post(url, data={**body, "csrf_token": foreign}).status_code == 403
    assert client.post("/logout").status_code == 403
    listed = client.get(f"/spaces/{space}/integrations")
    assert "forged" not in listed.text, "no refused post created anything"
    # The header htmx sends is as good as the field, and nothing else is.
    done = client.post(url, data=body, headers={"X-CSRF-Token": token})
    assert done.status_code == 303
    assert client.post("/login", data={"email": OWNER, "password": PASSWORD}).status_code == 422
    no_cookie = httpx.post(
        f"{web_console.url}/login",
        data={"email": OWNER, "password": PASSWORD, "csrf_token": "guess"},
        timeout=HANG_GUARD,
    )
    assert no_cookie.status_code == 403, "a login form posted from elsewhere is refused"
