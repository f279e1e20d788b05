"""An integration in ``error`` shows the status beside its name with the message saying what
to fix; the message comes from a real failed ping (AWS unreachable: a closed local port)."""

from __future__ import annotations

from cloudwarden.demo.emulator import free_port
from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn
from cloudwarden.platform.services import console, integrations
from tests.web.conftest import PASSWORD, log_in, screenshot

HOSTILE = "<b>bold</b>"


def test_an_error_status_shows_its_message(fresh_console, open_page):
    rt = fresh_console.platform.runtime
    rt.aws_endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    owner = console.set_up_first_owner(
        rt, "ops@example.com", PASSWORD, f"ops {HOSTILE}", password_again=PASSWORD
    ).actor
    space_id = console_space(rt, owner)
    created = integrations.create(
        rt,
        owner,
        space_id,
        IntegrationIn(
            name="unreachable",
            credentials=AccessKeyIn(
                type="access_key",
                access_key_id="AKIAUNREACHABLE00000",
                secret_access_key="unreachable-secret-unreachable",
            ),
            regions_allow=["us-east-1"],
        ),
    )
    page = open_page(fresh_console.url)
    log_in(page, "ops@example.com")
    page.goto(f"/spaces/{space_id}/integrations/{created.id}")
    page.get_by_role("button", name="Ping the integration").click()
    page.wait_for_url(lambda url: "notice=ping-failed" in url)
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.split() == ["unreachable", "error"], "the status is beside the name"
    message = page.get_by_role("alert").inner_text()
    assert message.startswith("Error: ")
    assert len(message) > len("Error: ") + 10, "a sentence saying what is wrong"
    assert "(failed)" in page.locator(".ping").inner_text()
    assert f"ops {HOSTILE} (owner)" in page.get_by_label("Space", exact=True).inner_text()
    screenshot(page, "integration-error")


def console_space(rt, actor) -> str:
    from cloudwarden.platform.services import spaces  # noqa: PLC0415

    return spaces.list_spaces(rt, actor).items[0].id
