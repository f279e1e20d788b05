"""Envelope-encrypted secrets; the plaintext exists only in memory, for the call that needs it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudwarden.platform.db.models import Secret, new_id
from cloudwarden.platform.security.envelope import Keyring, Sealed


def put(session: Session, keyring: Keyring, plaintext: str) -> str:
    secret_id = new_id()
    sealed = keyring.seal(plaintext.encode("utf-8"), secret_id)
    session.add(
        Secret(
            id=secret_id,
            key_id=sealed.key_id,
            wrapped_key=sealed.wrapped_key,
            nonce=sealed.nonce,
            ciphertext=sealed.ciphertext,
        )
    )
    session.flush()
    return secret_id


def read(session: Session, keyring: Keyring, secret_id: str) -> str | None:
    row = session.get(Secret, secret_id)
    if row is None:
        return None
    sealed = Sealed(row.key_id, row.wrapped_key, row.nonce, row.ciphertext)
    return keyring.open(sealed, row.id).decode("utf-8")


def delete(session: Session, secret_id: str) -> None:
    row = session.get(Secret, secret_id)
    if row is not None:
        session.delete(row)


def rewrap_all(session: Session, keyring: Keyring) -> int:
    """Re-wrap every data key not wrapped by the current master key; how many were."""
    count = 0
    for row in session.scalars(select(Secret).where(Secret.key_id != keyring.current_id)):
        sealed = keyring.rewrap(Sealed(row.key_id, row.wrapped_key, row.nonce, row.ciphertext))
        row.key_id, row.wrapped_key = sealed.key_id, sealed.wrapped_key
        count += 1
    return count
