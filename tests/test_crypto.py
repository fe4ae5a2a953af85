"""workbook.crypto on its own: the file format's promises, without a repository around it.

Deriving a key costs a quarter of a second (Argon2id, on purpose), so one key serves the module.
"""

from __future__ import annotations

import pytest

from workbook import crypto

PASS = "correct horse battery staple"
TEXT = b'{"tables": {"reflections": "Rest is not something I have to earn"}}'


@pytest.fixture(scope="module")
def key() -> crypto.Key:
    return crypto.new_key(PASS)


@pytest.fixture(scope="module")
def sealed(key: crypto.Key) -> bytes:
    return crypto.encrypt(TEXT, key)


def header_span(raw: bytes) -> range:
    """Where the header line's bytes are in an encrypted file."""
    return range(len(crypto.MAGIC), raw.index(b"\n", len(crypto.MAGIC)))


def flipped(raw: bytes, where: int) -> bytes:
    data = bytearray(raw)
    data[where] ^= 0x01
    return bytes(data)


def test_what_is_encrypted_comes_back_exactly_and_is_not_readable_meanwhile(key: crypto.Key, sealed: bytes) -> None:
    assert crypto.is_encrypted(sealed) and not crypto.is_encrypted(TEXT)
    assert b"Rest is not" not in sealed and PASS.encode() not in sealed and key.secret not in sealed
    assert crypto.decrypt(sealed, key) == TEXT
    reopened = crypto.unlock(sealed, PASS)  # a later session: only the passphrase is known
    assert crypto.decrypt(sealed, reopened) == TEXT


def test_a_wrong_passphrase_and_a_damaged_body_are_told_apart(key: crypto.Key, sealed: bytes) -> None:
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unlock(sealed, PASS + "!")
    damaged = flipped(sealed, len(sealed) - 20)  # a byte inside the encrypted workbook
    assert crypto.unlock(damaged, PASS).salt == key.salt  # the passphrase is still right...
    with pytest.raises(crypto.Damaged, match="do not match their checksum"):  # ...the contents are not
        crypto.decrypt(damaged, key)
    with pytest.raises(crypto.Damaged, match="cut short"):
        crypto.decrypt(sealed[: header_span(sealed).stop + 20], key)


def test_a_key_for_another_passphrase_is_a_wrong_passphrase_not_damage(sealed: bytes) -> None:
    with pytest.raises(crypto.WrongPassphrase, match="different passphrase"):
        crypto.decrypt(sealed, crypto.new_key("someone else's words"))


def test_every_byte_of_the_header_is_protected(key: crypto.Key, sealed: bytes) -> None:
    for where in header_span(sealed):
        with pytest.raises((crypto.Damaged, crypto.WrongPassphrase)):
            crypto.decrypt(flipped(sealed, where), key)
    # A field nothing else checks (the cipher's name) is covered by the checksum: Damaged, not a guess.
    cipher = sealed.index(b"AES-256-GCM")
    with pytest.raises(crypto.Damaged, match="checksum"):
        crypto.decrypt(flipped(sealed, cipher + 4), key)


def test_each_encryption_uses_a_fresh_nonce(key: crypto.Key, sealed: bytes) -> None:
    again = crypto.encrypt(TEXT, key)
    body = header_span(sealed).stop + 1
    assert again[:body] == sealed[:body]  # same key, same header...
    assert again[body : body + 12] != sealed[body : body + 12]  # ...a new nonce, so nothing repeats
    assert again[body + 12 :] != sealed[body + 12 :]
    assert crypto.decrypt(again, key) == crypto.decrypt(sealed, key) == TEXT


def test_a_key_never_shows_its_secret(key: crypto.Key) -> None:
    for shown in (repr(key), str(key), f"{key}", repr([key]), repr({"key": key})):
        assert "hidden" in shown
        assert repr(key.secret) not in shown and key.secret.hex() not in shown and str(list(key.secret)) not in shown


@pytest.mark.parametrize("short", ["", "1234567", "sésame!"])
def test_a_passphrase_shorter_than_the_minimum_is_refused(short: str) -> None:
    assert len(short) < crypto.MIN_PASSPHRASE
    with pytest.raises(ValueError, match=f"at least {crypto.MIN_PASSPHRASE} characters"):
        crypto.new_key(short)
    crypto.check_passphrase("x" * crypto.MIN_PASSPHRASE)  # the minimum itself is enough
