"""Console logins: the first owner's setup, password login under declared rate limits,
server-side sessions, log out.

A session's token lives only in the browser's cookie; the database keeps its SHA-256. Failed
logins are rows, so the limits hold across processes and restarts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cloudwarden.platform.errors import (
    ConflictError,
    InvalidInputError,
    NotAuthenticatedError,
    TooManyRequestsError,
)
from cloudwarden.platform.repositories import audit, console, members, spaces
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.security.passwords import hash_password, verify_password
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.security.tokens import generate_token, token_digest
from cloudwarden.platform.services.access import Actor

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
MIN_PASSWORD_LENGTH = 12
SESSION_IDLE = timedelta(hours=12)
"""A session nobody used for this long is over."""
SESSION_LIFETIME = timedelta(days=7)
"""A session is over this long after the login, used or not."""
SEEN_RESOLUTION = timedelta(minutes=1)
"""last_seen_at is written at most this often (not on every request)."""
_DUMMY_HASH = hash_password("cloudwarden: no such user, verified anyway")
"""Verified when the e-mail is unknown, so an unknown account costs the same time."""


class LimitScope(StrEnum):
    ACCOUNT_CLIENT = "account+client"
    """Failures for one e-mail address from one client address: guessing one password."""
    CLIENT = "client"
    """Failures from one client address over every account: spraying one password."""


@dataclass(frozen=True)
class LoginLimit:
    scope: LimitScope
    failures: int
    window: timedelta


LOGIN_LIMITS = (
    LoginLimit(LimitScope.ACCOUNT_CLIENT, failures=5, window=timedelta(minutes=15)),
    LoginLimit(LimitScope.CLIENT, failures=50, window=timedelta(minutes=15)),
)
"""A client that failed this often within the window is refused until it is older."""


@dataclass(frozen=True)
class NewSession:
    """The cookie's token, shown to the browser once."""

    token: str
    actor: Actor

    def __repr__(self) -> str:
        return f"NewSession(user={self.actor.user_id!r})"


def needs_setup(rt: Runtime) -> bool:
    """No user exists yet: the console offers the first owner's setup."""
    with rt.sessions.begin() as session:
        return console.count_users(session) == 0


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(f"choose a password of at least {MIN_PASSWORD_LENGTH} characters")


def _open_session(rt: Runtime, user_id: str, email: str) -> NewSession:
    new = generate_token()
    now = rt.clock()
    with rt.sessions.begin() as session:
        console.delete_expired_sessions(session, now, now - SESSION_IDLE)
        console.add_session(session, user_id, new.digest, now, now + SESSION_LIFETIME)
    return NewSession(new.plaintext, Actor(user_id, email))


def set_up_first_owner(
    rt: Runtime, email: str, password: str, space_name: str, *, password_again: str
) -> NewSession:
    """The first user, owner of a first space, logged in; refused once any user exists."""
    if password != password_again:
        raise InvalidInputError("the two passwords differ: type the same one twice")
    _check_password(password)
    if not EMAIL.fullmatch(email.strip()):
        raise InvalidInputError("enter an e-mail address, like you@example.com")
    if not 1 <= len(space_name.strip()) <= 200:
        raise InvalidInputError("name the first space (1 to 200 characters)")
    password_hash = hash_password(password)
    with rt.sessions.begin() as session:
        if console.count_users(session) > 0:
            raise ConflictError("the platform is set up already: log in instead")
        user = members.add_user(session, email.strip(), password_hash)
        space = spaces.add(session, space_name.strip())
        members.add(session, space.id, user.id, Role.OWNER.value)
        audit.record(session, space.id, user.id, "space.create", space.id)
        audit.record(session, space.id, user.id, "member.setup", user.id, details={"role": "owner"})
        user_id, user_email = user.id, user.email
    return _open_session(rt, user_id, user_email)


def set_password(rt: Runtime, email: str, password: str) -> None:
    """From the host ('cloudwarden admin create-user --password'): the user's console password."""
    _check_password(password)
    password_hash = hash_password(password)
    with rt.sessions.begin() as session:
        user = members.get_user_by_email(session, email)
        if user is None:
            raise ConflictError(f"there is no user {email}: create it first")
        user.password_hash = password_hash


def _refusal(rt: Runtime, email: str, client: str, now: datetime) -> TooManyRequestsError | None:
    with rt.sessions.begin() as session:
        for limit in LOGIN_LIMITS:
            account = email if limit.scope is LimitScope.ACCOUNT_CLIENT else None
            since = now - limit.window
            failures = console.count_failures(session, client=client, since=since, email=account)
            if failures >= limit.failures:
                minutes = int(limit.window.total_seconds() // 60)
                return TooManyRequestsError(
                    f"too many failed logins ({limit.failures} in {minutes} minutes, per "
                    f"{limit.scope.value}): wait {minutes} minutes and try again",
                    retry_after=int(limit.window.total_seconds()),
                )
    return None


def log_in(rt: Runtime, email: str, password: str, client: str) -> NewSession:
    """A new session for the right password, unless a login limit refuses this client first.

    ``client`` is the caller's network address. The same sentence answers an unknown e-mail
    and a wrong password: which accounts exist never leaks."""
    email = email.strip().lower()
    now = rt.clock()
    refusal = _refusal(rt, email, client, now)
    if refusal is not None:
        raise refusal
    with rt.sessions.begin() as session:
        user = members.get_user_by_email(session, email)
        stored = user.password_hash if user is not None else None
        ok = verify_password(stored or _DUMMY_HASH, password) and stored is not None
        if not ok or user is None:
            ok = False
            console.prune_failures(session, now - max(limit.window for limit in LOGIN_LIMITS))
            console.add_failure(session, email, client, now)
        else:
            console.clear_failures(session, email, client)
            user_id, user_email = user.id, user.email
    if not ok:
        raise NotAuthenticatedError("the e-mail address or the password is wrong")
    return _open_session(rt, user_id, user_email)


def authenticate_session(rt: Runtime, token: str) -> Actor:
    """The user of a live session; refreshes its last use at most once a minute."""
    now = rt.clock()
    with rt.sessions.begin() as session:
        row = console.find_session(session, token_digest(token), now, now - SESSION_IDLE)
        user = members.get_user(session, row.user_id) if row is not None else None
        if row is None or user is None:
            raise NotAuthenticatedError("your session is over: log in again")
        if now - row.last_seen_at >= SEEN_RESOLUTION:
            row.last_seen_at = now
        return Actor(user.id, user.email)


def log_out(rt: Runtime, token: str) -> None:
    with rt.sessions.begin() as session:
        console.delete_session(session, token_digest(token))
