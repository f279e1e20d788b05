"""API tokens (only their digests)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import ApiToken
from cloudwarden.platform.repositories.paging import page


def add(
    session: Session, user_id: str, *, name: str, digest: str, prefix: str, expires_at: datetime
) -> ApiToken:
    token = ApiToken(
        user_id=user_id, name=name, token_hash=digest, prefix=prefix, expires_at=expires_at
    )
    session.add(token)
    session.flush()
    return token


def find_valid(session: Session, digest: str, now: datetime) -> ApiToken | None:
    return session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == digest,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
        )
    )


def list_for_user(
    session: Session, user_id: str, offset: int, limit: int
) -> tuple[list[ApiToken], int]:
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user_id)
        .order_by(ApiToken.created_at, ApiToken.id)
    )
    return page(session, query, offset, limit)


def get_for_user(session: Session, user_id: str, token_id: str) -> ApiToken | None:
    return session.scalar(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    )
