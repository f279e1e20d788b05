"""Console fixtures: the real app over real HTTP on 127.0.0.1 (a free port), scanning a
moto-backed emulated account (a moto_server, as ``serve --demo`` uses), driven by Debian's
headless Chromium through Playwright.

One browser per test process and one seeded app shared by the tests that do not interfere
(each works on integrations of its own); the first-run test gets a fresh, empty app.
"""

from __future__ import annotations

import base64
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from cloudwarden.demo.account import DemoAccount, emulated_account
from cloudwarden.platform.schemas import MemberIn
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.server import Platform, assemble
from cloudwarden.platform.services import console, spaces
from cloudwarden.platform.services.access import Actor
from cloudwarden.platform.settings import Mode, PlatformSettings
from tests.platform.conftest import CUSTOM_POLICY, HANG_GUARD, Live, SecretWatch, served
from tests.support.engine import EMULATOR_ENGINE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
PASSWORD = "correct horse battery staple"
OWNER = "owner@example.com"
VIEWER = "viewer@example.com"
SPACE = "acme"
PLATFORM_PRINCIPAL = "arn:aws:iam::999999999999:role/cloudwarden-platform"
PLATFORM_ACCOUNT = "999999999999"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (required when CI=true; .ci/run installs it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless; Playwright never downloads a browser here."""
    _require_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - dev extra

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def web_settings(data_dir: Path) -> PlatformSettings:
    policy = data_dir.parent / "custom-policy.yaml"
    policy.write_text(CUSTOM_POLICY, encoding="utf-8")
    return PlatformSettings(
        mode=Mode.DEV,
        data_dir=data_dir,
        master_key=base64.b64encode(os.urandom(32)).decode(),
        policy_files=[policy],
        worker_threads=1,
        worker_poll_seconds=0.2,
        aws_max_attempts=EMULATOR_ENGINE.max_attempts,
        platform_principal_arn=PLATFORM_PRINCIPAL,
        platform_account_id=PLATFORM_ACCOUNT,
    )


@dataclass
class Console:
    """The served app, its emulated account, and the users the tests log in as."""

    live: Live
    account: DemoAccount | None
    space_id: str
    owner: Actor | None = None
    secrets: set[str] = field(default_factory=set)
    """Secrets typed into forms: no page may show them again."""

    @property
    def url(self) -> str:
        return self.live.url

    @property
    def platform(self) -> Platform:
        return self.live.platform


@pytest.fixture(scope="session")
def web_console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """The app with its worker over an emulated account (S3 seeded); an owner and a viewer
    with passwords in space 'acme'. The issuer is the served URL (as with ``serve --demo``):
    moto's STS accepts the platform's WIF tokens."""
    with emulated_account(only=frozenset({"s3"})) as account:
        settings = web_settings(tmp_path_factory.mktemp("web") / "data")
        platform = assemble(settings)
        platform.runtime.aws_endpoint = account.endpoint_url
        rt = platform.runtime
        actor = console.set_up_first_owner(
            rt, OWNER, PASSWORD, SPACE, password_again=PASSWORD
        ).actor
        space_id = spaces.list_spaces(rt, actor).items[0].id
        spaces.add_member(rt, actor, space_id, MemberIn(email=VIEWER, role=Role.VIEWER))
        console.set_password(rt, VIEWER, PASSWORD)
        with served(platform, SecretWatch()) as live:
            settings.issuer_url = live.url
            platform.worker.start()
            try:
                yield Console(live, account, space_id, actor)
            finally:
                platform.worker.stop()
        platform.runtime.engine.dispose()


@pytest.fixture
def fresh_console(tmp_path: Path) -> Iterator[Console]:
    """An app nobody has set up yet (no user), without an AWS account."""
    platform = assemble(web_settings(tmp_path / "data"))
    with served(platform, SecretWatch()) as live:
        yield Console(live, None, "")
    platform.runtime.engine.dispose()


def log_in_over_http(base_url: str, email: str, password: str = PASSWORD) -> httpx.Client:
    """A plain HTTP client logged in through the login form (pre-session CSRF included)."""
    client = httpx.Client(base_url=base_url, timeout=HANG_GUARD)
    form = client.get("/login")
    token = CSRF_INPUT.search(form.text)
    assert token is not None, "the login form carries no CSRF token"
    done = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token.group(1)}
    )
    assert done.status_code == 303, done.text
    return client


def csrf_of(html: str) -> str:
    found = CSRF_INPUT.search(html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


@dataclass
class PageWatch:
    """What the browser reported: CSP violations, script errors and a static file that did not
    load fail the test (a 4xx answer to a page or a form is the test's own business)."""

    problems: list[str] = field(default_factory=list)

    def console_message(self, message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(message.text)

    def response(self, response: Any) -> None:
        if "/static/" in response.url and response.status != 200:
            self.problems.append(f"{response.url} answered {response.status}")

    def page_error(self, error: Any) -> None:
        self.problems.append(str(error))


def _open_page(
    browser: Any, base_url: str, width: int, height: int, state: dict[str, Any] | None = None
) -> tuple[Any, Any, PageWatch]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": height}, storage_state=state
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD * 1000)
    watch = PageWatch()
    page.on("console", watch.console_message)
    page.on("pageerror", watch.page_error)
    page.on("response", watch.response)
    return context, page, watch


def log_in(page: Any, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/spaces/"))


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Opens a page of its own browser context (cookies, clipboard) at a viewport size; every
    page closes after the test, which fails if a page reported a CSP violation or error."""
    opened: list[tuple[Any, PageWatch]] = []

    def make(
        base_url: str, width: int = 1280, height: int = 900, state: dict[str, Any] | None = None
    ) -> Any:
        context, page, watch = _open_page(browser, base_url, width, height, state)
        opened.append((context, watch))
        return page

    yield make
    problems = [p for _context, watch in opened for p in watch.problems]
    for context, _watch in opened:
        context.close()
    assert problems == [], f"the browser reported: {problems}"


def _logged_in_state(browser: Any, web_console: Console, email: str) -> dict[str, Any]:
    context, page, _watch = _open_page(browser, web_console.url, 1280, 900)
    log_in(page, email)
    state: dict[str, Any] = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="session")
def owner_state(browser: Any, web_console: Console) -> dict[str, Any]:
    """The owner's session cookie, logged in once through the form for every test."""
    return _logged_in_state(browser, web_console, OWNER)


@pytest.fixture(scope="session")
def viewer_state(browser: Any, web_console: Console) -> dict[str, Any]:
    return _logged_in_state(browser, web_console, VIEWER)


@pytest.fixture
def owner_page(web_console: Console, open_page: Any, owner_state: dict[str, Any]) -> Any:
    page = open_page(web_console.url, state=owner_state)
    page.goto(f"/spaces/{web_console.space_id}")
    return page


@pytest.fixture
def viewer_page(web_console: Console, open_page: Any, viewer_state: dict[str, Any]) -> Any:
    page = open_page(web_console.url, state=viewer_state)
    page.goto(f"/spaces/{web_console.space_id}")
    return page


def screenshot(page: Any, name: str) -> None:
    """The page as a person sees it, kept in tests/web/artifacts/ (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = '"><script>alert(2)</script>'
HOSTILE_NAME = f"{HOSTILE_SCRIPT} prod {HOSTILE_IMG}"
"""The scanned integration's name: typed by a user, shown on every part-B page."""
HOSTILE_ALARM = f"cpu {HOSTILE_IMG} {HOSTILE_SCRIPT}"
"""A CloudWatch alarm's name (any character is allowed): a resource id in the reports."""
FIXED_ALARM = "fixed-between-scans"
NEW_ALARM = f"new {HOSTILE_IMG}"


@dataclass(frozen=True)
class Scanned:
    """An access-key integration scanned twice over the emulated account with hostile names
    planted (alarms, IAM tags, a security group and SSM descriptions); between the scans one
    alarm was fixed and a failing one added."""

    integration_id: str
    first_report: str
    second_report: str


def _plant_hostile(account: DemoAccount) -> None:
    cloudwatch = account.client("cloudwatch")
    for name in (HOSTILE_ALARM, FIXED_ALARM):
        cloudwatch.put_metric_alarm(
            AlarmName=name,
            AlarmDescription=HOSTILE_SCRIPT,
            MetricName="CPUUtilization",
            Namespace="AWS/EC2",
            Statistic="Average",
            Period=300,
            EvaluationPeriods=1,
            Threshold=90.0,
            ComparisonOperator="GreaterThanThreshold",
            ActionsEnabled=False,
        )
    iam = account.client("iam")
    iam.create_user(UserName="hostile-tags", Tags=[{"Key": HOSTILE_IMG, "Value": HOSTILE_SCRIPT}])
    iam.create_role(
        RoleName="hostile-role",
        AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}',
        Description=HOSTILE_IMG,
        Tags=[{"Key": "Name", "Value": HOSTILE_SCRIPT}],
    )
    account.client("ec2").create_security_group(GroupName="hostile-sg", Description=HOSTILE_IMG)
    account.client("ssm").put_parameter(
        Name="/hostile/param", Value="x", Type="String", Description=HOSTILE_SCRIPT
    )


def _scan(rt: Any, actor: Any, space_id: str, integration_id: str) -> str:
    from cloudwarden.platform.schemas import ACTIVE_JOB_STATES  # noqa: PLC0415
    from cloudwarden.platform.services import scans  # noqa: PLC0415

    job, _ = scans.scan_now(rt, actor, space_id, integration_id)
    deadline = time.monotonic() + 120
    while (job := scans.get(rt, actor, space_id, job.id)).state in ACTIVE_JOB_STATES:
        assert time.monotonic() < deadline, "the scan did not finish in 2 minutes"
        time.sleep(0.2)
    assert job.report_id is not None, f"the scan ended {job.state} without a report"
    return job.report_id


@pytest.fixture(scope="session")
def scanned(web_console: Console) -> Scanned:
    """Created and scanned through the services the API calls (the integration pages are
    tested in test_integrations.py)."""
    from cloudwarden.platform.schemas import AccessKeyIn, IntegrationIn  # noqa: PLC0415
    from cloudwarden.platform.services import integrations  # noqa: PLC0415

    account = web_console.account
    assert account is not None
    _plant_hostile(account)
    rt = web_console.platform.runtime
    actor = spaces.authenticate(rt, spaces.bootstrap_user(rt, OWNER, SPACE, Role.OWNER).token)
    iam = account.client("iam")
    iam.create_user(UserName="console-part-b")
    key = iam.create_access_key(UserName="console-part-b")["AccessKey"]
    web_console.secrets.add(key["SecretAccessKey"])
    credentials = AccessKeyIn(
        type="access_key",
        access_key_id=key["AccessKeyId"],
        secret_access_key=key["SecretAccessKey"],
    )
    created = integrations.create(
        rt,
        actor,
        web_console.space_id,
        IntegrationIn(name=HOSTILE_NAME, credentials=credentials, regions_allow=["us-east-1"]),
    )
    first = _scan(rt, actor, web_console.space_id, created.id)
    cloudwatch = account.client("cloudwatch")
    topic = account.client("sns").create_topic(Name="alarms")["TopicArn"]
    cpu_alarm = {
        "MetricName": "CPUUtilization",
        "Namespace": "AWS/EC2",
        "Statistic": "Average",
        "Period": 300,
        "EvaluationPeriods": 1,
        "Threshold": 90.0,
        "ComparisonOperator": "GreaterThanThreshold",
    }
    cloudwatch.put_metric_alarm(
        AlarmName=FIXED_ALARM, ActionsEnabled=True, AlarmActions=[topic], **cpu_alarm
    )
    cloudwatch.put_metric_alarm(AlarmName=NEW_ALARM, ActionsEnabled=False, **cpu_alarm)
    second = _scan(rt, actor, web_console.space_id, created.id)
    return Scanned(created.id, first, second)
