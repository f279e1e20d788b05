"""Console sessions (only their digests) and failed logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import ConsoleSession, LoginFailure, User


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def add_session(
    session: Session, user_id: str, digest: str, now: datetime, expires_at: datetime
) -> ConsoleSession:
    row = ConsoleSession(
        user_id=user_id, token_hash=digest, created_at=now, last_seen_at=now, expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return row


def find_session(
    session: Session, digest: str, now: datetime, idle_since: datetime
) -> ConsoleSession | None:
    """The session of that digest, unless it expired or sat idle since ``idle_since``."""
    return session.scalar(
        select(ConsoleSession).where(
            ConsoleSession.token_hash == digest,
            ConsoleSession.expires_at > now,
            ConsoleSession.last_seen_at > idle_since,
        )
    )


def delete_session(session: Session, digest: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == digest))


def delete_expired_sessions(session: Session, now: datetime, idle_since: datetime) -> None:
    session.execute(
        delete(ConsoleSession).where(
            (ConsoleSession.expires_at <= now) | (ConsoleSession.last_seen_at <= idle_since)
        )
    )


def add_failure(session: Session, email: str, client: str, at: datetime) -> None:
    session.add(LoginFailure(email=email, client=client, at=at))


def count_failures(session: Session, *, client: str, since: datetime, email: str | None) -> int:
    """Failures from ``client`` since then: for one account, or (None) for any."""
    query = select(func.count()).where(LoginFailure.client == client, LoginFailure.at > since)
    if email is not None:
        query = query.where(LoginFailure.email == email)
    return session.scalar(query) or 0


def clear_failures(session: Session, email: str, client: str) -> None:
    session.execute(
        delete(LoginFailure).where(LoginFailure.email == email, LoginFailure.client == client)
    )


def prune_failures(session: Session, before: datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.at <= before))
