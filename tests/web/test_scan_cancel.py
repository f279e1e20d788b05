"""A running scan's live progress and its cancel button, in Chromium.

The scan is held at its first progress event (a progress listener of the runtime waits) so it
is deterministically running while the browser looks at it; no timing is asserted."""

from __future__ import annotations

import threading

import pytest

from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn
from cloudwarden.platform.services import integrations
from tests.platform.conftest import HANG_GUARD
from tests.web.conftest import screenshot
from tests.web.test_integrations import scanning_key, unique


@pytest.fixture
def held_scans(web_console):
    """Every scan of this process waits at its first progress event until released."""
    release = threading.Event()

    def hold(_job_id, _event):
        release.wait(HANG_GUARD)

    listeners = web_console.platform.runtime.progress_listeners
    listeners.append(hold)
    yield release
    release.set()
    listeners.remove(hold)


def test_cancel_a_running_scan_from_its_live_progress(web_console, owner_page, held_scans):
    rt = web_console.platform.runtime
    key_id, secret = scanning_key(web_console)
    created = integrations.create(
        rt,
        web_console.owner,
        web_console.space_id,
        IntegrationIn(
            name=unique("cancelled"),
            credentials=AccessKeyIn(
                type="access_key", access_key_id=key_id, secret_access_key=secret
            ),
            regions_allow=["us-east-1"],
        ),
    )
    for uid, enabled in (("cw-test-s3-only", True), ("aws-security-baseline", False)):
        integrations.toggle_policy(
            rt, web_console.owner, web_console.space_id, created.id, uid=uid, enabled=enabled
        )
    page = owner_page
    page.goto(f"/spaces/{web_console.space_id}/integrations/{created.id}")
    page.get_by_role("button", name="Scan now").click()
    progress = page.locator("#scan-progress")
    progress.get_by_text("Scan running").wait_for()
    assert progress.get_by_role("progressbar", name="Scan progress").is_visible()
    assert "units" in progress.inner_text()
    screenshot(page, "scan-running")
    progress.get_by_role("button", name="Cancel scan").click()
    progress.get_by_text("(cancelling)").wait_for()
    held_scans.set()
    page.locator("#scan-progress").get_by_text("Last scan cancelled").wait_for()
    page.get_by_role("link", name="Scan history").click()
    assert "cancelled" in page.locator("tbody tr").first.inner_text()
