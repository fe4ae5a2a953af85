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

The header is checked before any key is derived, because until then nothing in it is authenticated:
the parameters must be exactly those in KDF, the salt 16 bytes, the verifier 62. Anything else is
`Damaged`, reported at once, never an expensive derivation followed by "wrong passphrase".
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from .i18n import N_, _, ngettext
from .text import quoted

MAGIC = b"ALLIANCE-WORKBOOK-ENCRYPTED\n"
VERSION = 1
# Argon2id, RFC 9106: 128 MiB, 3 passes, 4 lanes. About a quarter of a second on a 2-core machine:
# unnoticeable when unlocking, and expensive for anyone guessing passphrases.
KDF: dict[str, Any] = {"name": "argon2id", "memory_kib": 131072, "iterations": 3, "lanes": 4}
VERIFIER = b"alliance-workbook passphrase check"
MIN_PASSPHRASE = 8
SALT_BYTES = 16
VERIFIER_BYTES = 12 + len(VERIFIER) + 16  # nonce, ciphertext, GCM tag
HEADER_MAX = 4096  # the header this app writes is about 250 bytes


class WrongPassphrase(Exception):
    """The passphrase does not open this file."""


class Damaged(Exception):
    """The encrypted file is not readable (its header or its contents were changed or cut)."""


@dataclass(frozen=True)
class Key:
    """A derived key and the header it belongs to (same salt and parameters)."""

    secret: bytes
    kdf: dict[str, Any]
    salt: bytes
    verifier: bytes  # nonce + ciphertext of VERIFIER

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return "Key(<hidden>)"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, name: str, length: int) -> bytes:
    """A base64 header field that must decode to exactly `length` bytes."""
    if not isinstance(text, str):
        # TRANSLATORS: {name} is a part of an encrypted file's header, as translated on its own: "salt" or
        # "passphrase check" (also in the next two sentences).
        raise Damaged(_("its {name} is missing").format(name=_(name)))
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError:
        raise Damaged(_("its {name} is not readable").format(name=_(name))) from None
    if len(data) != length:
        # TRANSLATORS: {name}: "salt" or "passphrase check". The English keeps "bytes" even for 1; give each
        # number its right form.
        said = ngettext(
            "its {name} is {count} bytes long instead of {length}",
            "its {name} is {count} bytes long instead of {length}",
            len(data),
        )
        raise Damaged(said.format(name=_(name), count=len(data), length=length))
    return data


def _derive(passphrase: str, salt: bytes) -> bytes:
    kdf_impl = Argon2id(
        salt=salt, length=32, iterations=KDF["iterations"], lanes=KDF["lanes"], memory_cost=KDF["memory_kib"]
    )
    return kdf_impl.derive(passphrase.encode("utf-8"))


def _check_kdf(kdf: object) -> None:
    """Only the parameters this app writes are accepted.

    The header is read before anything is authenticated, so its numbers are the attacker's to choose:
    any other memory or pass count would make each unlock cost what the file asks (4 GiB, a minute)
    and then blame the passphrase. A future version that changes them must raise the format VERSION,
    so that this one says "newer version" instead of "damaged".
    """
    if not isinstance(kdf, dict):
        raise Damaged(_("its key derivation settings are missing"))
    if kdf.get("name") != "argon2id":
        said = _("it uses a key derivation this version does not know (“{name}”)")
        raise Damaged(said.format(name=quoted(kdf.get("name"))))
    if set(kdf) != set(KDF) or any(type(kdf[k]) is not type(v) or kdf[k] != v for k, v in KDF.items()):
        raise Damaged(_("its key derivation settings are not the ones Alliance Workbook writes"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(
            ngettext(
                "A passphrase needs at least {count} character; a few words is best.",
                "A passphrase needs at least {count} characters; a few words is best.",
                MIN_PASSPHRASE,
            ).format(count=MIN_PASSPHRASE)
        )


def new_key(passphrase: str) -> Key:
    """A fresh salt and key for a passphrase (when encryption is turned on or the passphrase changes)."""
    check_passphrase(passphrase)
    salt = os.urandom(SALT_BYTES)
    secret = _derive(passphrase, salt)
    nonce = os.urandom(12)
    return Key(secret, dict(KDF), salt, nonce + AESGCM(secret).encrypt(nonce, VERIFIER, None))


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


@dataclass(frozen=True)
class _Header:
    """A checked header: every field present, of the right type and size. `line` is its exact bytes."""

    line: bytes
    salt: bytes
    verifier: bytes
    body: bytes


def _header(raw: bytes) -> _Header:
    """The header of an encrypted file, checked field by field; raises Damaged naming what is wrong."""
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + HEADER_MAX + 1)
    if end < 0:
        cut = len(raw) <= len(MAGIC) + HEADER_MAX
        raise Damaged(_("its header is cut short") if cut else _("its header is too long to be one this app wrote"))
    line, body = raw[len(MAGIC) : end], raw[end + 1 :]
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):  # ValueError covers numbers too long to convert
        raise Damaged(_("its header is not readable")) from None
    version = header.get("version") if isinstance(header, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Damaged(_("its header is not readable"))
    if version > VERSION:
        said = _("it was encrypted by a newer version of Alliance Workbook (format {version})")
        raise Damaged(said.format(version=quoted(version)))
    _check_kdf(header.get("kdf"))
    # TRANSLATORS: a part of an encrypted file's header (random bytes mixed into the passphrase).
    salt = _unb64(header.get("salt"), N_("salt"), SALT_BYTES)
    # TRANSLATORS: a part of an encrypted file's header, with which a passphrase is checked.
    verifier = _unb64(header.get("verifier"), N_("passphrase check"), VERIFIER_BYTES)
    return _Header(line, salt, verifier, body)


def unlock(raw: bytes, passphrase: str) -> Key:
    """The key for this file, if `passphrase` is right; raises WrongPassphrase or Damaged."""
    header = _header(raw)
    secret = _derive(passphrase, header.salt)
    verifier = header.verifier
    try:
        if AESGCM(secret).decrypt(verifier[:12], verifier[12:], None) != VERIFIER:
            raise WrongPassphrase
    except (InvalidTag, ValueError):
        raise WrongPassphrase from None
    return Key(secret, dict(KDF), header.salt, verifier)


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
    header = _header(raw)
    if header.salt != key.salt:
        raise WrongPassphrase(_("it was encrypted with a different passphrase"))
    body = header.body
    if len(body) < 12 + 16:
        raise Damaged(_("its contents are cut short"))
    try:
        return AESGCM(key.secret).decrypt(body[:12], body[12:], header.line)
    except InvalidTag:
        raise Damaged(_("its contents do not match their checksum: the file was changed or cut short")) from None
