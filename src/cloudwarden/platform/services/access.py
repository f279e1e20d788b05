"""Who is calling, and what their role in a space lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from cloudwarden.platform.errors import ForbiddenError, NotFoundError
from cloudwarden.platform.repositories import members
from cloudwarden.platform.security.roles import Role

ACTION_WORDS = {Role.VIEWER: "read", Role.EDITOR: "change", Role.OWNER: "manage members of"}


@dataclass(frozen=True)
class Actor:
    user_id: str
    email: str


def authorize(session: Session, actor: Actor, space_id: str, needed: Role) -> Role:
    """The caller's role; a space they are not in is 'not found' (its existence never leaks)."""
    membership = members.membership(session, space_id, actor.user_id)
    if membership is None:
        raise NotFoundError(f"there is no space {space_id} you are a member of")
    role = Role(membership.role)
    if not role.allows(needed):
        raise ForbiddenError(
            f"your role in this space is {role.value}; ask an owner for the {needed.value} role "
            f"to {ACTION_WORDS[needed]} this space"
        )
    return role
