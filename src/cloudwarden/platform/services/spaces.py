"""Spaces, members and API tokens, and the first owner's bootstrap."""

from __future__ import annotations

from datetime import timedelta

from cloudwarden.platform.errors import ConflictError, NotAuthenticatedError, NotFoundError
from cloudwarden.platform.repositories import audit, members, spaces, tokens
from cloudwarden.platform.runtime import Runtime
from cloudwarden.platform.schemas import (
    AuditOut,
    MemberIn,
    MemberOut,
    NewTokenOut,
    Page,
    SpaceIn,
    SpaceOut,
    TokenIn,
    TokenOut,
)
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.security.tokens import generate_token, token_digest
from cloudwarden.platform.services.access import Actor, authorize


def authenticate(rt: Runtime, plaintext: str) -> Actor:
    """The user of a valid (unexpired, unrevoked) API token."""
    with rt.sessions.begin() as session:
        now = rt.clock()
        token = tokens.find_valid(session, token_digest(plaintext), now)
        user = members.get_user(session, token.user_id) if token else None
        if token is None or user is None:
            raise NotAuthenticatedError(
                "the API token is unknown, expired or revoked; create a new one"
            )
        token.last_used_at = now
        return Actor(user.id, user.email)


def _new_token(rt: Runtime, user_id: str, data: TokenIn) -> NewTokenOut:
    with rt.sessions.begin() as session:
        new = generate_token()
        days = data.days or rt.settings.token_days
        row = tokens.add(
            session,
            user_id,
            name=data.name,
            digest=new.digest,
            prefix=new.prefix,
            expires_at=rt.clock() + timedelta(days=days),
        )
        return NewTokenOut.model_validate(
            {**TokenOut.model_validate(row).model_dump(), "token": new.plaintext}
        )


def bootstrap_user(rt: Runtime, email: str, space_name: str, role: Role) -> NewTokenOut:
    """'cloudwarden admin create-user': the user (if new), the space (if new), a token."""
    with rt.sessions.begin() as session:
        user = members.get_user_by_email(session, email) or members.add_user(session, email)
        space = spaces.get_by_name(session, space_name) or spaces.add(session, space_name)
        existing = members.membership(session, space.id, user.id)
        if existing is None:
            members.add(session, space.id, user.id, role.value)
        else:
            existing.role = role.value
        audit.record(
            session, space.id, None, "member.bootstrap", user.id, details={"role": role.value}
        )
        user_id = user.id
    return _new_token(rt, user_id, TokenIn(name="created by cloudwarden admin create-user"))


def create_token(rt: Runtime, actor: Actor, data: TokenIn) -> NewTokenOut:
    return _new_token(rt, actor.user_id, data)


def list_tokens(rt: Runtime, actor: Actor, *, offset: int = 0, limit: int = 50) -> Page[TokenOut]:
    with rt.sessions.begin() as session:
        rows, total = tokens.list_for_user(session, actor.user_id, offset, limit)
        items = [TokenOut.model_validate(t) for t in rows]
        return Page(items=items, total=total, offset=offset, limit=limit)


def revoke_token(rt: Runtime, actor: Actor, token_id: str) -> None:
    with rt.sessions.begin() as session:
        token = tokens.get_for_user(session, actor.user_id, token_id)
        if token is None:
            raise NotFoundError(f"you have no API token {token_id}")
        token.revoked_at = token.revoked_at or rt.clock()


def create_space(rt: Runtime, actor: Actor, data: SpaceIn) -> SpaceOut:
    with rt.sessions.begin() as session:
        if spaces.get_by_name(session, data.name) is not None:
            raise ConflictError(f"a space named {data.name!r} exists already; choose another name")
        space = spaces.add(session, data.name)
        members.add(session, space.id, actor.user_id, Role.OWNER.value)
        audit.record(session, space.id, actor.user_id, "space.create", space.id)
        return SpaceOut(id=space.id, name=space.name, created_at=space.created_at, role=Role.OWNER)


def list_spaces(rt: Runtime, actor: Actor, *, offset: int = 0, limit: int = 50) -> Page[SpaceOut]:
    with rt.sessions.begin() as session:
        rows, total = spaces.list_for_user(session, actor.user_id, offset, limit)
        items = [
            SpaceOut(id=s.id, name=s.name, created_at=s.created_at, role=Role(role))
            for s, role in rows
        ]
        return Page(items=items, total=total, offset=offset, limit=limit)


def get_space(rt: Runtime, actor: Actor, space_id: str) -> SpaceOut:
    with rt.sessions.begin() as session:
        role = authorize(session, actor, space_id, Role.VIEWER)
        space = spaces.get(session, space_id)
        assert space is not None
        return SpaceOut(id=space.id, name=space.name, created_at=space.created_at, role=role)


def list_members(
    rt: Runtime,
    actor: Actor,
    space_id: str,
    *,
    role: Role | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[MemberOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = members.list_members(session, space_id, role, offset, limit)
        items = [MemberOut(user_id=u.id, email=u.email, role=Role(m.role)) for m, u in rows]
        return Page(items=items, total=total, offset=offset, limit=limit)


def add_member(rt: Runtime, actor: Actor, space_id: str, data: MemberIn) -> MemberOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.OWNER)
        user = members.get_user_by_email(session, data.email) or members.add_user(
            session, data.email
        )
        if members.membership(session, space_id, user.id) is not None:
            raise ConflictError(f"{user.email} is already a member; change their role instead")
        members.add(session, space_id, user.id, data.role.value)
        audit.record(
            session,
            space_id,
            actor.user_id,
            "member.add",
            user.id,
            details={"role": data.role.value},
        )
        return MemberOut(user_id=user.id, email=user.email, role=data.role)


def _keeps_an_owner(rt: Runtime, space_id: str, user_id: str, new_role: Role | None) -> None:
    with rt.sessions.begin() as session:
        member = members.membership(session, space_id, user_id)
        if (
            member is not None
            and member.role == Role.OWNER.value
            and new_role is not Role.OWNER
            and members.count_owners(session, space_id) == 1
        ):
            raise ConflictError("a space needs an owner: make another member owner first")


def set_role(rt: Runtime, actor: Actor, space_id: str, user_id: str, role: Role) -> MemberOut:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.OWNER)
    _keeps_an_owner(rt, space_id, user_id, role)
    with rt.sessions.begin() as session:
        member = members.membership(session, space_id, user_id)
        user = members.get_user(session, user_id)
        if member is None or user is None:
            raise NotFoundError(f"there is no member {user_id} in this space")
        member.role = role.value
        audit.record(
            session, space_id, actor.user_id, "member.role", user_id, details={"role": role.value}
        )
        return MemberOut(user_id=user.id, email=user.email, role=role)


def remove_member(rt: Runtime, actor: Actor, space_id: str, user_id: str) -> None:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.OWNER)
    _keeps_an_owner(rt, space_id, user_id, None)
    with rt.sessions.begin() as session:
        member = members.membership(session, space_id, user_id)
        if member is None:
            raise NotFoundError(f"there is no member {user_id} in this space")
        session.delete(member)
        audit.record(session, space_id, actor.user_id, "member.remove", user_id)


def audit_log(
    rt: Runtime, actor: Actor, space_id: str, *, action: str | None, offset: int, limit: int
) -> Page[AuditOut]:
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        rows, total = audit.list_events(session, space_id, action, offset, limit)
        return Page(
            items=[AuditOut.model_validate(r) for r in rows],
            total=total,
            offset=offset,
            limit=limit,
        )


def audit_emails(
    rt: Runtime, actor: Actor, space_id: str, events: list[AuditOut]
) -> dict[str, str]:
    """The e-mail of each user an audit page names (actor or target), members or not: a
    removed member is still named in the events about them."""
    ids = {e.actor_id for e in events if e.actor_id} | {e.target for e in events}
    with rt.sessions.begin() as session:
        authorize(session, actor, space_id, Role.VIEWER)
        users = (members.get_user(session, user_id) for user_id in sorted(ids))
        return {u.id: u.email for u in users if u is not None}
