"""Envelope encryption: each secret gets its own AES-256-GCM data key, wrapped by a master key.

The id of the master key that wrapped a data key is stored beside it, so rotating the master
key re-wraps data keys (a few bytes each) and never re-encrypts the secrets themselves.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cloudwarden.platform.errors import ConfigurationError

NONCE_BYTES = 12


def key_id(master_key: bytes) -> str:
    """A public fingerprint of a master key (never the key)."""
    return hashlib.sha256(b"cloudwarden-master-key:" + master_key).hexdigest()[:16]


@dataclass(frozen=True)
class Sealed:
    key_id: str
    wrapped_key: bytes
    nonce: bytes
    ciphertext: bytes

    def __repr__(self) -> str:
        return f"Sealed(key_id={self.key_id!r})"


class Keyring:
    """The current master key (wraps new data keys) and old ones (still unwrap)."""

    def __init__(self, current: bytes, old: list[bytes] | None = None) -> None:
        self.current_id = key_id(current)
        self._keys = {key_id(key): AESGCM(key) for key in [*(old or []), current]}

    def __repr__(self) -> str:
        return f"Keyring(current_id={self.current_id!r}, keys={len(self._keys)})"

    def seal(self, plaintext: bytes, context: str) -> Sealed:
        """Encrypt under a fresh data key; ``context`` (the owner's id) is bound as AAD."""
        data_key = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(NONCE_BYTES)
        ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, context.encode())
        return Sealed(self.current_id, self._wrap(data_key), nonce, ciphertext)

    def open(self, sealed: Sealed, context: str) -> bytes:
        data_key = self._unwrap(sealed)
        try:
            return AESGCM(data_key).decrypt(sealed.nonce, sealed.ciphertext, context.encode())
        except InvalidTag:
            raise ConfigurationError(
                "a stored secret does not decrypt: the database was altered or copied between "
                "records"
            ) from None

    def rewrap(self, sealed: Sealed) -> Sealed:
        """The same secret with its data key wrapped by the current master key."""
        if sealed.key_id == self.current_id:
            return sealed
        return Sealed(
            self.current_id, self._wrap(self._unwrap(sealed)), sealed.nonce, sealed.ciphertext
        )

    def _wrap(self, data_key: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._keys[self.current_id].encrypt(
            nonce, data_key, self.current_id.encode()
        )

    def _unwrap(self, sealed: Sealed) -> bytes:
        master = self._keys.get(sealed.key_id)
        if master is None:
            raise ConfigurationError(
                f"a secret is wrapped by master key {sealed.key_id}, which is not configured: "
                "add it to CLOUDWARDEN_OLD_MASTER_KEYS and run 'cloudwarden admin "
                "rotate-master-key'"
            )
        nonce, wrapped = sealed.wrapped_key[:NONCE_BYTES], sealed.wrapped_key[NONCE_BYTES:]
        try:
            return master.decrypt(nonce, wrapped, sealed.key_id.encode())
        except InvalidTag:
            raise ConfigurationError(
                f"the data key of a secret does not unwrap with master key {sealed.key_id}"
            ) from None
