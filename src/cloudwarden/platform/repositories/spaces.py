"""Spaces."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Membership, Space


def get(session: Session, space_id: str) -> Space | None:
    return session.get(Space, space_id)


def get_by_name(session: Session, name: str) -> Space | None:
    return session.scalar(select(Space).where(Space.name == name))


def add(session: Session, name: str) -> Space:
    space = Space(name=name)
    session.add(space)
    session.flush()
    return space


def list_for_user(session: Session, user_id: str) -> list[tuple[Space, str]]:
    rows = session.execute(
        select(Space, Membership.role)
        .join(Membership, Membership.space_id == Space.id)
        .where(Membership.user_id == user_id)
        .order_by(Space.name)
    )
    return [(space, role) for space, role in rows]
