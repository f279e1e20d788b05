"""Integrations through the console in Chromium: the catalogue, an access-key and a WIF
integration added with the form, ping, scan now with live progress, policies, remove."""

from __future__ import annotations

import json
import re
import time
import uuid
from urllib.parse import urlencode

from tests.web.conftest import PLATFORM_ACCOUNT, PLATFORM_PRINCIPAL, screenshot

HOSTILE = '<img src=x onerror="document.title=1">'


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def scanning_key(web_console) -> tuple[str, str]:
    iam = web_console.account.client("iam")
    name = unique("scanner")
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    web_console.secrets.add(key["SecretAccessKey"])
    return key["AccessKeyId"], key["SecretAccessKey"]


def add_access_key_integration(page, web_console, name: str) -> str:
    """Through the catalogue and the form; the integration page's URL."""
    key_id, secret = scanning_key(web_console)
    page.goto(f"/spaces/{web_console.space_id}/integrations/catalogue")
    page.get_by_role("link", name="AWS", exact=True).click()
    page.get_by_role("link", name="Select hosted integration").click()
    page.get_by_label("Choose an integration name").fill(name)
    page.get_by_role("radio", name="Access key").check()
    page.get_by_label("Access key ID").fill(key_id)
    page.get_by_label("AWS secret access key").fill(secret)
    page.get_by_label("Regions to scan").fill("us-east-1")
    page.get_by_role("button", name="Create integration").click()
    page.wait_for_url(re.compile(r"/integrations/[0-9a-f]{32}\?notice=created"))
    assert secret not in page.content(), "the secret is never shown after creation"
    return page.url.split("?")[0]


def test_catalogue_and_a_serverless_integration_shows_its_launch_once(web_console, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/integrations/catalogue")
    screenshot(page, "catalogue")
    page.get_by_role("link", name="AWS", exact=True).click()
    assert page.get_by_role("heading", name="Hosted integration").is_visible()
    screenshot(page, "aws-options")
    page.get_by_role("link", name="Select serverless integration").click()
    screenshot(page, "aws-serverless")
    name = f"agent {HOSTILE}"
    page.get_by_label("Choose an integration name").fill(name)
    page.get_by_label("Regions to scan").fill("us-east-1, eu-west-1")
    page.get_by_role("button", name="Create integration and launch parameters").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith(name), "shown as text"
    token = page.locator("#registration-token").inner_text()
    assert token.startswith("cwr_")
    params = page.locator("table").inner_text()
    assert PLATFORM_ACCOUNT in params, "the only account the agent's bus accepts commands from"
    assert "us-east-1,eu-west-1" in params
    quick = page.get_by_role("link", name="CloudFormation quick-create link")
    assert "param_RegistrationToken=" + token in (quick.get_attribute("href") or "")
    template_url = page.get_by_role("link", name="agent template").get_attribute("href")
    template = page.request.get(template_url or "")
    assert template.ok
    assert '"AWS::Lambda::Function"' in template.text()
    screenshot(page, "serverless-launch")

    page.get_by_role("link", name="Go to the integration").click()
    assert "configuring" in page.get_by_role("heading", level=1).inner_text()
    assert token not in page.content(), "the token is shown once, never on the page again"
    page.get_by_role("button", name="New registration token and launch parameters").click()
    renewed = page.locator("#registration-token").inner_text()
    assert renewed.startswith("cwr_")
    assert renewed != token


def test_access_key_integration_ping_scan_progress_and_history(web_console, owner_page):
    page = owner_page
    name = f"prod {HOSTILE}"
    url = add_access_key_integration(page, web_console, name)
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().startswith(name), "a hostile name is shown as text"
    assert "configuring" in heading.inner_text(), "the status is beside the name, in words"
    assert page.title() != "1", "the name's markup did not run"
    screenshot(page, "integration-created")

    page.get_by_role("button", name="Ping the integration").click()
    page.wait_for_url(re.compile(r"notice=ping-ok"))
    assert "active" in page.get_by_role("heading", level=1).inner_text()
    assert re.search(r"Last ping: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(succeeded\)", page.content())
    assert "123456789012" in page.locator(".facts").inner_text()

    # Only the S3 policy: the scan collects only what its checks read.
    page.get_by_role("link", name="Recommended policies").click()
    page.get_by_role("switch", name="S3 only (test) enabled").click()
    page.locator(".policy").filter(has_text="S3 only (test)").get_by_text("Enabled").wait_for()
    recommended = page.locator(".policy").filter(has_text="recommended")
    recommended.get_by_role("switch").click()
    recommended.get_by_text("Disabled").wait_for()
    page.get_by_role("navigation", name="Integration").get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Scan now").click()  # htmx: the progress fragment
    progress = page.locator("#scan-progress")
    progress.get_by_text("Last scan succeeded").wait_for()
    units = re.search(r"(\d+) / (\d+) units", progress.inner_text())
    assert units is not None
    assert units.group(1) == units.group(2) != "0", "every unit done"
    assert "notice=scan" not in page.url, "htmx posted and polled: no form navigation"
    page.locator(".facts .grade").wait_for()  # the page reloaded itself once the scan ended
    screenshot(page, "integration-scanned")

    page.get_by_role("link", name="Scan history").click()
    row = page.locator("tbody tr").first
    cells = [c.inner_text() for c in row.locator("td").all()]
    assert cells[1:3] == ["manual", "succeeded"]
    assert re.fullmatch(r"\d+(\.\d)? s|\d+ min \d+ s", cells[4]), cells
    assert int(cells[5]) > 0, "API calls counted"
    assert cells[6].isdigit()
    screenshot(page, "scan-history")

    # A policy toggle changes the next report: the recommended baseline on again, one more scan.
    page.goto(f"{url}?tab=policies")
    recommended = page.locator(".policy").filter(has_text="recommended")
    recommended.get_by_role("switch").click()
    recommended.get_by_text("Enabled").wait_for()
    page.get_by_role("navigation", name="Integration").get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Scan now").click()
    reports = f"/spaces/{web_console.space_id}/reports?" + urlencode(
        {"integration": url.rsplit("/", 1)[1]}
    )
    rows = page.locator("tbody tr")
    deadline = time.monotonic() + 120  # a bound on waiting, not a measurement
    while rows.count() < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        page.goto(reports)
    newest, s3_only = (
        sum(int(cell.inner_text()) for cell in row.locator("td").all()[2:5])
        for row in rows.all()[:2]
    )
    assert newest > s3_only, "the baseline's checks are in the report after the toggle"
    screenshot(page, "reports-after-toggle")

    page.goto(f"/spaces/{web_console.space_id}/integrations")
    listed = page.get_by_role("row").filter(has_text="prod")
    text = listed.inner_text()
    assert "active" in text
    assert "123456789012" in text
    assert re.search(r"\b[A-F]\b \d+/100", text), "score and grade of the last scan"
    screenshot(page, "integrations-list")
    for body in (page.content(),):
        assert all(secret not in body for secret in web_console.secrets)


def test_wif_integration_subject_copied_policy_pinned_and_verified(web_console, owner_page):
    page = owner_page
    iam = web_console.account.client("iam")
    role = iam.create_role(
        RoleName=unique("CwScan"),
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )["Role"]["Arn"]
    page.goto(f"/spaces/{web_console.space_id}/integrations/add/aws/hosted")
    assert page.get_by_role("radio", name="Workload Identity Federation").is_checked(), (
        "WIF is the default"
    )
    assert page.locator("#provider-url").inner_text() == web_console.url
    assert page.locator("#provider-audience").inner_text() == "cloudwarden"
    assert not page.get_by_label("Access key ID").is_visible(), "only WIF's fields show"
    screenshot(page, "add-wif")
    page.get_by_label("Choose an integration name").fill(unique("wif"))
    page.get_by_role("textbox", name="Role ARN").fill(role)
    page.get_by_label("Regions to scan").fill("us-east-1")
    page.get_by_role("button", name="Create integration").click()
    page.wait_for_url(re.compile(r"notice=created"))
    integration_id = page.url.split("?")[0].rsplit("/", 1)[1]

    subject = page.locator("#wif-subject").inner_text()
    assert subject.startswith(f"{integration_id}@integrations.")
    page.get_by_role("button", name="Copy WIF subject").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == subject
    policy = json.loads(page.locator("#trust-policy").inner_text())
    conditions = policy["Statement"][0]["Condition"]["StringEquals"]
    assert subject in conditions.values(), "the trust policy pins this integration's subject"
    assert "cloudwarden" in conditions.values()
    screenshot(page, "wif-steps")

    with page.expect_download() as download:
        page.get_by_role("link", name="CloudFormation template").click()
    template = download.value.path().read_text(encoding="utf-8")
    assert subject in template
    assert "AWS::IAM::Role" in template
    with page.expect_download() as download:
        page.get_by_role("link", name="Terraform").click()
    assert subject in download.value.path().read_text(encoding="utf-8")

    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(re.compile(r"notice=ping-ok"))
    assert "active" in page.get_by_role("heading", level=1).inner_text()


def test_role_integration_shows_its_external_id_and_trust_policy(web_console, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/integrations/add/aws/hosted?auth=role")
    assert page.get_by_role("radio", name="IAM role with an ExternalId").is_checked()
    page.get_by_label("Choose an integration name").fill(unique("role"))
    page.get_by_role("textbox", name="Role ARN").fill("arn:aws:iam::123456789012:role/CwAssumed")
    page.get_by_role("button", name="Create integration").click()
    page.wait_for_url(re.compile(r"notice=created"))
    external_id = page.locator("#external-id").inner_text()
    assert external_id.startswith("cw-")
    policy = json.loads(page.locator("#trust-policy").inner_text())
    statement = policy["Statement"][0]
    assert statement["Principal"] == {"AWS": PLATFORM_PRINCIPAL}
    assert statement["Condition"]["StringEquals"]["sts:ExternalId"] == external_id
    screenshot(page, "role-trust")


def test_form_refusals_name_the_fields_and_keep_no_secret(web_console, owner_page):
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/integrations/add/aws/hosted")
    page.get_by_label("Choose an integration name").fill("broken")
    page.get_by_role("radio", name="Access key").check()
    page.get_by_label("Access key ID").fill("not-a-key")
    page.get_by_label("AWS secret access key").fill("tiny")
    page.get_by_role("button", name="Create integration").click()
    alert = page.get_by_role("alert").inner_text()
    assert "Access key ID" in alert
    assert "Secret access key" in alert
    assert page.get_by_label("Choose an integration name").input_value() == "broken"
    assert page.get_by_label("AWS secret access key").input_value() == ""
    screenshot(page, "add-refused")


def test_toggle_a_policy(web_console, owner_page):
    page = owner_page
    url = add_access_key_integration(page, web_console, unique("policies"))
    page.goto(f"{url}?tab=policies")
    custom = page.get_by_role("switch", name="S3 only (test) enabled")
    baseline = page.locator(".policy").filter(has_text="recommended").get_by_role("switch")
    assert custom.get_attribute("aria-checked") == "false", "an extra policy starts disabled"
    assert baseline.get_attribute("aria-checked") == "true", "a recommended one starts enabled"
    baseline.click()
    assert "this would disable every policy" in page.get_by_role("alert").inner_text()
    assert baseline.get_attribute("aria-checked") == "true", "refused: still enabled"
    custom.click()
    page.get_by_role("switch", name="S3 only (test) enabled").and_(
        page.locator("[aria-checked=true]")
    ).wait_for()
    screenshot(page, "policies")
    page.reload()
    assert (
        page.get_by_role("switch", name="S3 only (test) enabled").get_attribute("aria-checked")
        == "true"
    ), "the change is stored"
    row = page.locator(".policy").filter(has_text="S3 only (test)")
    assert row.locator(".state").inner_text() == "Enabled", "the state is written, not only drawn"


def test_viewer_sees_no_controls_and_a_forged_post_is_refused(web_console, owner_page, viewer_page):
    url = add_access_key_integration(owner_page, web_console, unique("viewed"))
    path = url.removeprefix(web_console.url)
    page = viewer_page
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    for control in ("Scan now", "Ping the integration", "Remove"):
        assert page.get_by_role("button", name=control).count() == 0
        assert page.get_by_role("link", name=control).count() == 0
    assert page.get_by_role("link", name="Configure").count() == 0
    assert page.get_by_role("link", name="Add new integration").count() == 0
    page.get_by_role("link", name="Recommended policies").click()
    assert page.get_by_role("switch").count() == 0
    assert page.locator(".policy .state").count() > 0, "the viewer reads the policies"
    screenshot(page, "viewer-integration")

    csrf = page.locator("form.logout input[name=csrf_token]").input_value()
    for action in ("/scan", "/ping", "/remove", "/policies/cw-test-s3-only"):
        answer = page.request.post(
            f"{path}{action}", form={"csrf_token": csrf, "enabled": "true"}, max_redirects=0
        )
        assert answer.status == 403, action
        assert "your role in this space is viewer" in answer.text()
    page.goto(f"{path}?tab=scans")
    assert page.get_by_text("No scans yet.").is_visible(), "the forged scan never started"


def test_remove_asks_naming_the_integration(web_console, owner_page):
    page = owner_page
    name = unique("doomed")
    url = add_access_key_integration(page, web_console, name)
    page.get_by_role("link", name=f"Remove {name}").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Remove the integration “{name}”?"
    )
    screenshot(page, "remove-confirm")
    page.get_by_role("link", name="Keep it").click()
    assert page.url.startswith(url)
    page.get_by_role("link", name=f"Remove {name}").click()
    page.get_by_role("button", name=f"Remove “{name}”").click()
    page.wait_for_url(re.compile(r"/integrations\?notice=removed"))
    assert "was removed" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name=name).count() == 0
    assert page.request.get(url).status == 404


def test_phone_width(web_console, open_page, owner_state):
    page = open_page(web_console.url, width=390, height=844, state=owner_state)
    url = add_access_key_integration(page, web_console, unique("phone"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing wider than the phone"
    screenshot(page, "phone-integration")
    page.goto(f"/spaces/{web_console.space_id}/integrations/add/aws/hosted")
    screenshot(page, "phone-add")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(url.removeprefix(web_console.url) + "?tab=policies")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
