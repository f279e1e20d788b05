"""Spaces."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Membership, Space
from cloudwarden.platform.repositories.paging import page_rows


def get(session: Session, space_id: str) -> Space | None:
    return session.get(Space, space_id)


def get_by_name(session: Session, name: str) -> Space | None:
    return session.scalar(select(Space).where(Space.name == name))


def add(session: Session, name: str) -> Space:
    space = Space(name=name)
    session.add(space)
    session.flush()
    return space


def list_for_user(
    session: Session, user_id: str, offset: int, limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The user's spaces with their role in each, by name."""
    query = (
        select(Space, Membership.role)
        .join(Membership, Membership.space_id == Space.id)
        .where(Membership.user_id == user_id)
        .order_by(Space.name, Space.id)
    )
    return page_rows(session, query, offset, limit)
