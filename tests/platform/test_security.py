"""Settings refuse default secrets; envelope encryption and its rotation; API tokens."""

from __future__ import annotations

import base64
import os
from datetime import timedelta

import pytest

from cloudwarden.platform.errors import ConfigurationError, NotAuthenticatedError
from cloudwarden.platform.repositories import secrets as secret_store
from cloudwarden.platform.runtime import build_runtime
from cloudwarden.platform.schemas import TokenIn
from cloudwarden.platform.security.envelope import Keyring, key_id
from cloudwarden.platform.security.passwords import hash_password, verify_password
from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import spaces
from cloudwarden.platform.settings import Mode, PlatformSettings
from tests.platform.conftest import stored_bytes


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.mark.parametrize("key", [None, "changethis", "secret"])
def test_production_refuses_a_missing_or_well_known_master_key(tmp_path, key):
    settings = PlatformSettings(data_dir=tmp_path, master_key=key)
    with pytest.raises(ConfigurationError, match="CLOUDWARDEN_MASTER_KEY"):
        settings.master_keys()


def test_a_master_key_must_be_32_bytes_of_base64(tmp_path):
    settings = PlatformSettings(data_dir=tmp_path, master_key=base64.b64encode(b"short").decode())
    with pytest.raises(ConfigurationError, match="exactly 32 random bytes"):
        settings.master_keys()


def test_dev_mode_keeps_one_generated_key_across_restarts(tmp_path):
    first = PlatformSettings(data_dir=tmp_path, mode=Mode.DEV).master_keys()[0]
    assert PlatformSettings(data_dir=tmp_path, mode=Mode.DEV).master_keys()[0] == first
    assert (tmp_path / "dev-master-key").stat().st_mode & 0o077 == 0


def test_settings_come_from_cloudwarden_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOUDWARDEN_DATABASE_URL", "sqlite:///" + str(tmp_path / "x.db"))
    monkeypatch.setenv("CLOUDWARDEN_MASTER_KEY", new_key())
    settings = PlatformSettings()
    assert settings.url().endswith("x.db")
    assert len(settings.master_keys()[0]) == 32


def test_each_secret_has_its_own_data_key_bound_to_its_owner():
    ring = Keyring(os.urandom(32))
    one, two = ring.seal(b"same", "a"), ring.seal(b"same", "a")
    assert one.wrapped_key != two.wrapped_key
    assert one.ciphertext != two.ciphertext
    assert ring.open(one, "a") == b"same"
    with pytest.raises(ConfigurationError, match="does not decrypt"):
        ring.open(one, "b")
    assert "same" not in repr(one)


def test_rotation_rewraps_every_secret_and_the_old_key_can_then_go(tmp_path):
    old, new = new_key(), new_key()
    before = build_runtime(PlatformSettings(data_dir=tmp_path, master_key=old))
    with before.sessions.begin() as session:
        ids = [secret_store.put(session, before.keyring, f"secret-{i}") for i in range(3)]
    during = build_runtime(
        PlatformSettings(data_dir=tmp_path, master_key=new, old_master_keys=[old])
    )
    with during.sessions.begin() as session:
        assert secret_store.read(session, during.keyring, ids[0]) == "secret-0"
        assert secret_store.rewrap_all(session, during.keyring) == 3
        assert secret_store.rewrap_all(session, during.keyring) == 0
    after = build_runtime(PlatformSettings(data_dir=tmp_path, master_key=new))
    assert after.keyring.current_id == key_id(base64.b64decode(new))
    with after.sessions.begin() as session:
        assert [secret_store.read(session, after.keyring, i) for i in ids] == [
            "secret-0",
            "secret-1",
            "secret-2",
        ]
    with (
        before.sessions.begin() as session,
        pytest.raises(ConfigurationError, match="CLOUDWARDEN_OLD_MASTER_KEYS"),
    ):
        secret_store.read(session, before.keyring, ids[0])


def test_tokens_are_shown_once_stored_hashed_and_stop_when_expired_or_revoked(settings):
    clock_now = []
    rt = build_runtime(settings)
    real_clock = rt.clock
    rt.clock = lambda: clock_now[-1] if clock_now else real_clock()
    new = spaces.bootstrap_user(rt, "Owner@Example.com", "acme", Role.OWNER)
    actor = spaces.authenticate(rt, new.token)
    assert actor.email == "owner@example.com"
    stored = stored_bytes(settings)
    assert new.token.encode() not in stored
    short = spaces.create_token(rt, actor, TokenIn(name="ci", days=1))
    assert [t.name for t in spaces.list_tokens(rt, actor).items] == [
        "created by cloudwarden admin create-user",
        "ci",
    ]
    clock_now.append(real_clock() + timedelta(days=2))
    with pytest.raises(NotAuthenticatedError, match="expired or revoked"):
        spaces.authenticate(rt, short.token)
    clock_now.clear()
    spaces.revoke_token(rt, actor, new.id)
    with pytest.raises(NotAuthenticatedError):
        spaces.authenticate(rt, new.token)


def test_passwords_are_argon2_hashes():
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse")
    assert not verify_password(hashed, "wrong")
