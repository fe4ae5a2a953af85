"""Encryption at rest: a passphrase-derived key and authenticated encryption of the whole file.

File format (version 1):

    ALLIANCE-WORKBOOK-ENCRYPTED\\n
    {header: JSON on one line}\\n
    12-byte nonce, then AES-256-GCM ciphertext of the plaintext workbook JSON (with its 16-byte tag)

The header holds the format version, the key derivation (Argon2id and its parameters, the salt) and
a verifier: a fixed text encrypted with the key. The header bytes are authenticated as associated
data, so changing any of them makes decryption fail. No passphrase or key is stored: the verifier
decrypting is how a passphrase is checked, which also tells a wrong passphrase (verifier fails) from
a damaged file (verifier opens, the workbook does not).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MAGIC = b"ALLIANCE-WORKBOOK-ENCRYPTED\n"
VERSION = 1
# Argon2id, RFC 9106: 128 MiB, 3 passes, 4 lanes. About a quarter of a second on a 2-core machine:
# unnoticeable when unlocking, and expensive for anyone guessing passphrases.
KDF = {"name": "argon2id", "memory_kib": 131072, "iterations": 3, "lanes": 4}
VERIFIER = b"alliance-workbook passphrase check"
MIN_PASSPHRASE = 8


class WrongPassphrase(Exception):
    """The passphrase does not open this file."""


class Damaged(Exception):
    """The encrypted file is not readable (its header or its contents were changed or cut)."""


@dataclass(frozen=True)
class Key:
    """A derived key and the header it belongs to (same salt and parameters)."""

    secret: bytes
    kdf: dict[str, object]
    salt: bytes
    verifier: bytes  # nonce + ciphertext of VERIFIER

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return "Key(<hidden>)"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise Damaged("a header field is missing")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise Damaged("a header field is not readable") from None


def _derive(passphrase: str, kdf: dict[str, object], salt: bytes) -> bytes:
    if kdf.get("name") != "argon2id":
        raise Damaged(f"it uses a key derivation this version does not know ({kdf.get('name')!r})")
    try:
        memory, iterations, lanes = (int(kdf[k]) for k in ("memory_kib", "iterations", "lanes"))  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise Damaged("its key derivation settings are not readable") from None
    if not (8 * lanes <= memory <= 4 * 1024 * 1024 and 1 <= iterations <= 20 and 1 <= lanes <= 16):
        raise Damaged("its key derivation settings are out of range")
    kdf_impl = Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory)
    return kdf_impl.derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few words is best.")


def new_key(passphrase: str) -> Key:
    """A fresh salt and key for a passphrase (when encryption is turned on or the passphrase changes)."""
    check_passphrase(passphrase)
    salt = os.urandom(16)
    secret = _derive(passphrase, KDF, salt)
    nonce = os.urandom(12)
    return Key(secret, dict(KDF), salt, nonce + AESGCM(secret).encrypt(nonce, VERIFIER, None))


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def _header(raw: bytes) -> tuple[dict[str, object], bytes, bytes]:
    """The header, its exact bytes, and the body after it."""
    rest = raw[len(MAGIC) :]
    line, newline, body = rest.partition(b"\n")
    if not newline:
        raise Damaged("its header is cut short")
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):
        raise Damaged("its header is not readable") from None
    if not isinstance(header, dict) or not isinstance(header.get("version"), int):
        raise Damaged("its header is not readable")
    if header["version"] > VERSION:
        raise Damaged(f"it was encrypted by a newer version of Alliance Workbook (format {header['version']})")
    if not isinstance(header.get("kdf"), dict):
        raise Damaged("its key derivation settings are missing")
    return header, line, body


def unlock(raw: bytes, passphrase: str) -> Key:
    """The key for this file, if `passphrase` is right; raises WrongPassphrase or Damaged."""
    header, _, _ = _header(raw)
    salt, verifier = _unb64(header.get("salt")), _unb64(header.get("verifier"))
    secret = _derive(passphrase, header["kdf"], salt)  # type: ignore[arg-type]
    try:
        if AESGCM(secret).decrypt(verifier[:12], verifier[12:], None) != VERIFIER:
            raise WrongPassphrase
    except (InvalidTag, ValueError):
        raise WrongPassphrase from None
    return Key(secret, header["kdf"], salt, verifier)  # type: ignore[arg-type]


def encrypt(plaintext: bytes, key: Key) -> bytes:
    header = {
        "version": VERSION,
        "cipher": "AES-256-GCM",
        "kdf": key.kdf,
        "salt": _b64(key.salt),
        "verifier": _b64(key.verifier),
    }
    line = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("ascii")
    nonce = os.urandom(12)
    return MAGIC + line + b"\n" + nonce + AESGCM(key.secret).encrypt(nonce, plaintext, line)


def decrypt(raw: bytes, key: Key) -> bytes:
    """The plaintext of a file encrypted with `key`; raises WrongPassphrase or Damaged."""
    header, line, body = _header(raw)
    if _unb64(header.get("salt")) != key.salt:
        raise WrongPassphrase("it was encrypted with a different passphrase")
    if len(body) < 12 + 16:
        raise Damaged("its contents are cut short")
    try:
        return AESGCM(key.secret).decrypt(body[:12], body[12:], line)
    except InvalidTag:
        raise Damaged("its contents do not match their checksum: the file was changed or cut short") from None
