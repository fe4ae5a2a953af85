"""TinyDB storages for a workbook: an atomic, checked JSON file, and memory for tests.

The file is one JSON document: {"format": "alliance-workbook", "schema_version": N, "tables": {...}}
where tables hold TinyDB's documents keyed by entry id. Writes go through `files.atomic_write`, so a
crash leaves the old file or the new one, never half of one. A file that cannot be parsed, or is not a
workbook, raises DamagedWorkbookError and is never written over. Parsed data is kept until the file
changes on disk (its inode, size and modification time), so a Streamlit rerun does not re-read it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from . import crypto
from .errors import DamagedWorkbookError, LockedError, WorkbookError
from .files import atomic_write
from .i18n import _
from .migrations import SCHEMA_VERSION, Tables, migrate
from .models import ENTRY_TYPES
from .text import quoted

FORMAT = "alliance-workbook"
TABLES = tuple(model.table for model in ENTRY_TYPES.values())


def encode(tables: Tables) -> bytes:
    document = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes) -> tuple[Tables, int]:
    """Parse a workbook file's bytes; raise ValueError saying, in plain words, what is wrong."""
    if not raw.strip():
        raise ValueError(_("the file is empty (0 bytes of entries)"))
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError(_("it is not text (it may be encrypted, or another kind of file)")) from None
    except RecursionError:
        raise ValueError(_("it is nested too deeply to be a workbook")) from None
    except json.JSONDecodeError as exc:
        # TRANSLATORS: {problem} is Python's own description, in English: "Expecting value".
        said = _(
            "it is not valid JSON ({problem} at line {line}, column {column}); it may have been cut short or"
            " edited by hand"
        )
        raise ValueError(said.format(problem=exc.msg.removesuffix(" at"), line=exc.lineno, column=exc.colno)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(_("it is not an Alliance Workbook file (its 'format' marker is missing)"))
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(_("its schema version is missing or not a whole number"))
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ValueError(_("its 'tables' section is missing"))
    for name, table in tables.items():
        if name not in TABLES:
            # TRANSLATORS: {section} is a name from the file, in quotes: 'goals'.
            raise ValueError(
                _("it has a section {section} this version does not know").format(section=repr(quoted(name)))
            )
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise ValueError(_("its section {section} is not a set of entries").format(section=repr(quoted(name))))
    return tables, version


class NewerWorkbookError(DamagedWorkbookError):
    """The file was written by a newer version of the app."""


class WorkbookStorage(Storage):
    """What the repository needs from a storage, beyond TinyDB's read/write."""

    path: Path | None = None

    def __init__(self) -> None:
        self.generation = 0  # bumped whenever the data read() returns is a different state
        self._batch_depth = 0
        self._pending: Tables | None = None
        self._dirty = False

    # Batches: many TinyDB operations, one write at the end (all or nothing).
    def begin_batch(self) -> None:
        if self._batch_depth == 0:
            self._pending = self._read_now()
            self._dirty = False
        self._batch_depth += 1

    @property
    def pending(self) -> bool:
        """Whether the batch open now holds changes that its commit would write."""
        return self._batch_depth > 0 and self._dirty

    def end_batch(self, commit: bool) -> None:
        self._batch_depth -= 1
        if self._batch_depth > 0:
            return
        pending, dirty = self._pending, self._dirty
        self._pending, self._dirty = None, False
        if commit and dirty and pending is not None:
            try:
                self._write_now(pending)
            except BaseException:
                self._forget()  # TinyDB changed the cached dict in place: never serve the unsaved state
                raise
        elif dirty:
            self._forget()  # TinyDB changed the cached dict in place; read it afresh.

    def read(self) -> Tables:
        if self._batch_depth:
            assert self._pending is not None
            return self._pending
        return self._read_now()

    def write(self, data: dict[str, Any]) -> None:
        if self._batch_depth:
            self._pending, self._dirty = data, True
            self.generation += 1
            return
        try:
            self._write_now(data)
        except BaseException:
            self._forget()
            raise

    def _read_now(self) -> Tables:
        raise NotImplementedError

    def _write_now(self, data: Tables) -> None:
        raise NotImplementedError

    def _forget(self) -> None:
        self.generation += 1

    def file_bytes(self) -> bytes | None:
        """The file as it is on disk (None when there is no file yet)."""
        return None

    def close(self) -> None:
        pass


class MemoryStorage(WorkbookStorage):
    """Keeps the workbook in memory only; the same contract as the file, for tests."""

    def __init__(self) -> None:
        super().__init__()
        self._saved: bytes | None = None
        self._tables: Tables = {}

    def _read_now(self) -> Tables:
        return self._tables

    def _write_now(self, data: Tables) -> None:
        self._saved = encode(data)
        self._tables = data
        self.generation += 1

    def _forget(self) -> None:
        self._tables = json.loads(self._saved)["tables"] if self._saved else {}
        super()._forget()

    def file_bytes(self) -> bytes | None:
        return self._saved


class JSONFileStorage(WorkbookStorage):
    """The workbook file on disk, written atomically and never over a file it could not read."""

    def __init__(self, path: Path, backups_hint: Any = None, key: crypto.Key | None = None) -> None:
        super().__init__()
        self.path = path
        self.key = key  # when set, the file is written encrypted with it
        self.encrypted = False  # whether the file, as last read, was encrypted
        self.needs_upgrade = False
        self._backups_hint = backups_hint or (lambda: [])
        self._key: tuple[int, ...] | None = None
        self._tables: Tables = {}

    @staticmethod
    def _identity(st: os.stat_result) -> tuple[int, ...]:
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def _damaged(self, reason: str) -> DamagedWorkbookError:
        return DamagedWorkbookError(self.path, reason, self._backups_hint())

    def _read_now(self) -> Tables:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115  # closed below; fstat needs the handle
        except FileNotFoundError:
            if self._key is not None:
                self._key, self._tables = None, {}
                self.generation += 1
            return self._tables
        except IsADirectoryError:
            said = _("{path} is a folder, not a workbook file. Name a file, such as {example}.")
            raise WorkbookError(said.format(path=self.path, example=self.path / "workbook.json")) from None
        except OSError as exc:
            raise DamagedWorkbookError(
                self.path,
                # TRANSLATORS: {problem} is the system's own words, often in English: "Permission denied".
                _("it cannot be opened ({problem})").format(problem=exc.strerror),
                hint=" " + _("Check that your user account may read and write it, and that its disk is attached."),
            ) from None
        with handle:
            key = self._identity(os.fstat(handle.fileno()))
            if key == self._key:
                return self._tables
            raw = handle.read()
        raw = self._plaintext(raw)
        try:
            tables, version = decode(raw)
        except ValueError as exc:
            raise self._damaged(str(exc)) from None
        if version > SCHEMA_VERSION:
            raise NewerWorkbookError(
                self.path,
                _(
                    "it was written by a newer version of Alliance Workbook (schema {version}; this version reads"
                    " up to schema {newest})"
                ).format(version=version, newest=SCHEMA_VERSION),
                hint=" " + _("Update Alliance Workbook to open it."),
            )
        self.needs_upgrade = version < SCHEMA_VERSION
        if self.needs_upgrade:
            tables = migrate(tables, version, SCHEMA_VERSION)
        self._key, self._tables = key, tables
        self.generation += 1
        return tables

    def _plaintext(self, raw: bytes) -> bytes:
        if not crypto.is_encrypted(raw):
            self.encrypted = False
            self.key = None  # decrypted elsewhere (the command line): follow the file
            return raw
        self.encrypted = True
        if self.key is None:
            self._forget()
            raise LockedError(self.path)
        try:
            return crypto.decrypt(raw, self.key)
        except crypto.WrongPassphrase:
            self._forget()
            self.key = None
            raise LockedError(self.path) from None  # the passphrase was changed elsewhere: ask again
        except crypto.Damaged as exc:
            self._forget()
            raise self._damaged(str(exc)) from None

    def _write_now(self, data: Tables) -> None:
        try:
            current = self._identity(os.stat(self.path))
        except FileNotFoundError:
            current = None
        if current is not None and current != self._key:
            # Under the lock the file cannot change; if it did, a program that ignores the lock
            # wrote it. Its version wins: we do not write over what we have not read.
            self._forget()
            raise WorkbookError(
                _("{path} was changed by another program while saving. Nothing was saved; please try again.").format(
                    path=self.path
                )
            )
        payload = encode(data)
        atomic_write(self.path, crypto.encrypt(payload, self.key) if self.key else payload)
        self.encrypted = self.key is not None
        self._key = self._identity(os.stat(self.path))
        self._tables = data
        self.needs_upgrade = False
        self.generation += 1

    def _forget(self) -> None:
        self._key, self._tables = None, {}
        super()._forget()

    def file_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None


def file_is_encrypted(path: Path) -> bool:
    """Whether the workbook file on disk is encrypted (False when there is none)."""
    try:
        with open(path, "rb") as handle:
            return crypto.is_encrypted(handle.read(len(crypto.MAGIC)))
    except OSError:
        return False
