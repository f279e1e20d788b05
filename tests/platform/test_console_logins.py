"""Console logins on each database: the first owner's setup, the declared login limits,
session idle and absolute expiry (a simulated clock), log out; only digests are stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cloudwarden.platform.errors import (
    ConflictError,
    InvalidInputError,
    NotAuthenticatedError,
    TooManyRequestsError,
)
from cloudwarden.platform.runtime import build_runtime
from cloudwarden.platform.services import console
from tests.platform.conftest import stored_bytes

PASSWORD = "a long enough password"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clocked(settings):
    clock = Clock()
    rt = build_runtime(settings, clock)
    yield rt, clock
    rt.engine.dispose()


def test_setup_happens_once_and_checks_what_it_is_given(clocked):
    rt, _clock = clocked
    assert console.needs_setup(rt)
    for email, password, again, space in (
        ("not-an-email", PASSWORD, PASSWORD, "acme"),
        ("ada@example.com", "short", "short", "acme"),
        ("ada@example.com", PASSWORD, PASSWORD + "!", "acme"),
        ("ada@example.com", PASSWORD, PASSWORD, "  "),
    ):
        with pytest.raises(InvalidInputError):
            console.set_up_first_owner(rt, email, password, space, password_again=again)
    assert console.needs_setup(rt), "nothing was created by a refused setup"
    session = console.set_up_first_owner(
        rt, "Ada@Example.com", PASSWORD, "acme", password_again=PASSWORD
    )
    assert session.actor.email == "ada@example.com"
    assert console.authenticate_session(rt, session.token) == session.actor
    assert not console.needs_setup(rt)
    with pytest.raises(ConflictError):
        console.set_up_first_owner(rt, "eve@example.com", PASSWORD, "x", password_again=PASSWORD)


def test_login_limits_per_account_and_client(clocked, settings):
    rt, clock = clocked
    console.set_up_first_owner(rt, "ada@example.com", PASSWORD, "acme", password_again=PASSWORD)
    limit = next(x for x in console.LOGIN_LIMITS if x.scope is console.LimitScope.ACCOUNT_CLIENT)
    for _ in range(limit.failures):
        with pytest.raises(NotAuthenticatedError, match="e-mail address or the password"):
            console.log_in(rt, "ada@example.com", "wrong", "10.0.0.1")
    with pytest.raises(TooManyRequestsError) as refused:
        console.log_in(rt, "ada@example.com", PASSWORD, "10.0.0.1")
    assert refused.value.retry_after == int(limit.window.total_seconds())
    other_client = console.log_in(rt, "ADA@example.com", PASSWORD, "10.0.0.2")
    assert other_client.actor.email == "ada@example.com", "another client is not refused"
    with pytest.raises(NotAuthenticatedError):
        console.log_in(rt, "nobody@example.com", PASSWORD, "10.0.0.3")
    clock.now += limit.window + timedelta(seconds=1)
    assert console.log_in(rt, "ada@example.com", PASSWORD, "10.0.0.1").token
    stored = stored_bytes(settings)
    assert other_client.token.encode() not in stored, "only the session's digest is stored"
    assert PASSWORD.encode() not in stored


def test_a_client_spraying_many_accounts_is_refused(clocked):
    rt, _clock = clocked
    console.set_up_first_owner(rt, "ada@example.com", PASSWORD, "acme", password_again=PASSWORD)
    limit = next(x for x in console.LOGIN_LIMITS if x.scope is console.LimitScope.CLIENT)
    for n in range(limit.failures):
        with pytest.raises(NotAuthenticatedError):
            console.log_in(rt, f"user{n}@example.com", "guess", "10.9.9.9")
    with pytest.raises(TooManyRequestsError):
        console.log_in(rt, "ada@example.com", PASSWORD, "10.9.9.9")


def test_sessions_end_when_idle_when_old_and_on_log_out(clocked):
    rt, clock = clocked
    first = console.set_up_first_owner(
        rt, "ada@example.com", PASSWORD, "acme", password_again=PASSWORD
    )
    clock.now += console.SESSION_IDLE - timedelta(minutes=1)
    console.authenticate_session(rt, first.token)  # used: its idle time starts again
    clock.now += console.SESSION_IDLE - timedelta(minutes=1)
    console.authenticate_session(rt, first.token)
    clock.now += console.SESSION_IDLE + timedelta(minutes=1)
    with pytest.raises(NotAuthenticatedError, match="session is over"):
        console.authenticate_session(rt, first.token)

    old = console.log_in(rt, "ada@example.com", PASSWORD, "10.0.0.1")
    end = clock.now + console.SESSION_LIFETIME
    while clock.now + console.SESSION_IDLE / 2 < end:
        clock.now += console.SESSION_IDLE / 2
        console.authenticate_session(rt, old.token)
    clock.now = end
    with pytest.raises(NotAuthenticatedError):
        console.authenticate_session(rt, old.token)

    current = console.log_in(rt, "ada@example.com", PASSWORD, "10.0.0.1")
    console.log_out(rt, current.token)
    with pytest.raises(NotAuthenticatedError):
        console.authenticate_session(rt, current.token)
    assert "token" not in repr(current)
