"""Users and their memberships in spaces."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Membership, User
from cloudwarden.platform.repositories.paging import page_rows


def get_user(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.lower()))


def add_user(session: Session, email: str, password_hash: str | None = None) -> User:
    user = User(email=email.lower(), password_hash=password_hash)
    session.add(user)
    session.flush()
    return user


def membership(session: Session, space_id: str, user_id: str) -> Membership | None:
    return session.scalar(
        select(Membership).where(Membership.space_id == space_id, Membership.user_id == user_id)
    )


def add(session: Session, space_id: str, user_id: str, role: str) -> Membership:
    member = Membership(space_id=space_id, user_id=user_id, role=role)
    session.add(member)
    session.flush()
    return member


def list_members(
    session: Session, space_id: str, role: str | None, offset: int, limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The space's members by email, only those with ``role`` if given."""
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.space_id == space_id)
        .order_by(User.email, User.id)
    )
    if role is not None:
        query = query.where(Membership.role == role)
    return page_rows(session, query, offset, limit)


def count_owners(session: Session, space_id: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.space_id == space_id, Membership.role == "owner")
        )
        or 0
    )
