"""The one way into a workbook: read entries, save them, delete them, back up.

Pages and the command line use a `Repository` and never see TinyDB. Entries are validated on the way
in and on the way out (a hand-edited bad record is reported, not passed on). Every change is a whole
read-modify-write under the workbook's lock, preceded by the day's first backup. Parsed entries are
kept in memory and only rebuilt when the file changes, so reading is cheap on every Streamlit rerun.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document, Table

from . import backups, crypto, edits, i18n
from .errors import (
    ChangedElsewhereError,
    DamagedWorkbookError,
    DeletedElsewhereError,
    InvalidEntryError,
    NotFoundError,
    WorkbookError,
    WrongPassphraseError,
)
from .files import ensure_folder, only_readable, remove_leftover_temp_files, require_real_folder
from .i18n import N_, _
from .locking import WorkbookLock
from .models import ENTRY_TYPES, CheckIn, Entry, FeedbackNote, Goal, Reflection, Settings, now
from .storage import JSONFileStorage, MemoryStorage, WorkbookStorage, file_is_encrypted
from .text import quoted
from .validation import parse_entry

E = TypeVar("E", bound=Entry)
T = TypeVar("T")

TABLE_OF = {kind: model.table for kind, model in ENTRY_TYPES.items()}
KIND_OF = {table: kind for kind, table in TABLE_OF.items()}
# Settings is a single record with a fixed id, so that exports and imports agree on it.
SETTINGS_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "alliance-workbook:settings"))
NEVER_SAVED = datetime(2000, 1, 1, tzinfo=UTC)

# What is said about one entry, whole for each kind, so that each language can say "this goal" or
# "this reflection" its own way (Spanish: "este objetivo", "esta reflexión"). A kind not listed gets
# the sentence with its {label} in it.
_NO_SUCH = {
    "goal": N_("There is no goal with id {id}; it may have been deleted."),
    "checkin": N_("There is no check-in with id {id}; it may have been deleted."),
    "reflection": N_("There is no reflection with id {id}; it may have been deleted."),
    "feedback": N_("There is no feedback note with id {id}; it may have been deleted."),
}
_NO_SUCH_ANY_MORE = {
    "goal": N_("There is no goal with id {id}; it may have been deleted already."),
    "checkin": N_("There is no check-in with id {id}; it may have been deleted already."),
    "reflection": N_("There is no reflection with id {id}; it may have been deleted already."),
    "feedback": N_("There is no feedback note with id {id}; it may have been deleted already."),
}
_CHANGED_WHILE_EDITING = {
    "goal": N_(
        "This goal was changed in another window at {when}, after you started editing it. Nothing was"
        " saved, and your words are still here."
    ),
    "checkin": N_(
        "This check-in was changed in another window at {when}, after you started editing it. Nothing was"
        " saved, and your words are still here."
    ),
    "reflection": N_(
        "This reflection was changed in another window at {when}, after you started editing it. Nothing was"
        " saved, and your words are still here."
    ),
    "feedback": N_(
        "This feedback note was changed in another window at {when}, after you started editing it. Nothing"
        " was saved, and your words are still here."
    ),
    "settings": N_(
        "These settings were changed in another window at {when}, after you started editing them. Nothing"
        " was saved, and your words are still here."
    ),
}
_CHANGED_BEFORE_DELETING = {
    "goal": N_(
        "This goal was changed in another window at {when}, after you asked to delete it. Nothing was"
        " deleted: look at it again first."
    ),
    "checkin": N_(
        "This check-in was changed in another window at {when}, after you asked to delete it. Nothing was"
        " deleted: look at it again first."
    ),
    "reflection": N_(
        "This reflection was changed in another window at {when}, after you asked to delete it. Nothing was"
        " deleted: look at it again first."
    ),
    "feedback": N_(
        "This feedback note was changed in another window at {when}, after you asked to delete it. Nothing"
        " was deleted: look at it again first."
    ),
}


def _said(messages: dict[str, str], model: type[Entry], other_kinds: str) -> str:
    """The sentence for `model`'s kind in the current language, or `other_kinds` (translated, with a
    {label} field) for a kind without its own; fill in with `label=_(model.label)` among the fields."""
    return _(messages[model.kind]) if model.kind in messages else other_kinds


class _EntryTable(Table):
    document_id_class = str  # documents are keyed by the entry's UUID, not a counter


class _TinyWorkbook(TinyDB):
    table_class = _EntryTable


def _sort_key(entry: Entry) -> tuple:
    day = getattr(entry, "session_date", None) or getattr(entry, "period_end", None)
    return (day or entry.created_at.date(), entry.created_at, entry.id)


class _MemoryLock:
    """The lock for a workbook that lives in memory: threads only."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._lock:
            yield

    thread_only = hold


class Repository:
    """A workbook: a file on disk (`Repository(path)`) or memory (`Repository.in_memory()`)."""

    def __init__(
        self, path: Path | None, *, lock_timeout: float = 30.0, read_only: bool = False, key: crypto.Key | None = None
    ) -> None:
        self.path = path
        self.read_only = read_only
        storage: WorkbookStorage
        if path is None:
            storage = MemoryStorage()
            self._lock = _MemoryLock()
        elif read_only:  # touches nothing on disk: no folder, no lock file, no clean-up
            storage = JSONFileStorage(path, backups_hint=lambda: backups.list_backups(path), key=key)
            self._lock = _MemoryLock()
        else:
            ensure_folder(path.parent)
            require_real_folder(path)  # a link into a folder that is not there is refused, not replaced
            storage = JSONFileStorage(path, backups_hint=lambda: backups.list_backups(path), key=key)
            self._lock = WorkbookLock(path, lock_timeout)
            with self._lock.hold():
                remove_leftover_temp_files(path)
                backups.remove_leftovers(path)
                backups.settle(path)  # finish or undo an encrypt/decrypt/change-passphrase a crash cut short
        self._storage = storage
        self._db = _TinyWorkbook(storage=lambda: storage)
        self._entries: dict[str, dict[str, Entry]] | None = None
        self._generation = -1
        self._sorted: dict[str, tuple[Entry, ...]] = {}
        self._derived: dict[str, tuple[int, object]] = {}
        self._depth = 0

    @classmethod
    def in_memory(cls) -> Repository:
        return cls(None)

    # --- reading -------------------------------------------------------------------------------

    def _current(self) -> dict[str, dict[str, Entry]]:
        """Entries by kind and id, rebuilt only when the file has changed. Call under a lock."""
        tables = self._storage.read()
        if self._entries is None or self._generation != self._storage.generation:
            self._entries = self._build(tables)
            self._generation = self._storage.generation
            self._sorted = {}
        return self._entries

    def _build(self, tables: dict[str, dict[str, dict]]) -> dict[str, dict[str, Entry]]:
        entries: dict[str, dict[str, Entry]] = {kind: {} for kind in TABLE_OF}
        kind_of_id: dict[str, str] = {}
        for table, documents in tables.items():
            kind = KIND_OF[table]
            model = ENTRY_TYPES[kind]
            for key, document in documents.items():
                try:
                    entry = model.model_validate(document)
                except ValidationError:
                    entry = self._explain_bad(kind, key, document)
                if entry.id != key:
                    # TRANSLATORS: {label} is a kind of entry ("goal", "check-in", "reflection", "feedback
                    # note", "settings"); {key} and {id} are ids.
                    said = _("the {label} stored under {key} says its id is {id}")
                    raise self._damaged(said.format(label=_(model.label), key=quoted(key), id=quoted(entry.id)))
                if key in kind_of_id:  # ids are unique across kinds: pages and links rely on it
                    other = ENTRY_TYPES[kind_of_id[key]].label
                    # TRANSLATORS: {other} and {label} are kinds of entry ("goal", "check-in", "reflection",
                    # "feedback note", "settings"); a neutral wording may read better ("an entry of each kind").
                    said = _("the id {id} is used by both a {other} and a {label}")
                    raise self._damaged(said.format(id=quoted(key), other=_(other), label=_(model.label)))
                kind_of_id[key] = kind
                entries[kind][key] = entry
        return entries

    def _explain_bad(self, kind: str, key: str, document: dict) -> Entry:
        try:
            # TRANSLATORS: names a record in the workbook file: {label} is its kind ("goal", "check-in",
            # "reflection", "feedback note", "settings"), {id} its id.
            what = _("the {label} {id}").format(label=_(ENTRY_TYPES[kind].label), id=quoted(key))
            return parse_entry(kind, document, what=what)
        except InvalidEntryError as exc:
            raise self._damaged(f"{exc.message[0].lower()}{exc.message[1:].rstrip('.')}") from None

    def _damaged(self, reason: str) -> DamagedWorkbookError:
        where = self.path or Path("(memory)")
        return DamagedWorkbookError(where, reason, backups.list_backups(where) if self.path else [])

    def _read(self) -> dict[str, dict[str, Entry]]:
        with self._lock.thread_only():
            return self._current()

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """`build()`, computed once per state of the workbook (and language: what is built may hold the
        app's words): reports, history, frames."""
        name = f"{i18n.current()}:{name}"
        with self._lock.thread_only():
            self._current()
            cached = self._derived.get(name)
            if cached is not None and cached[0] == self._generation:
                return cached[1]  # type: ignore[return-value]
            value = build()
            self._derived.pop(name, None)
            self._derived[name] = (self._generation, value)
            while len(self._derived) > 64:  # filters make many names; keep the most recent
                self._derived.pop(next(iter(self._derived)))
            return value

    def check(self) -> dict[str, int]:
        """Read and validate everything; raise if anything is wrong. Returns counts by kind."""
        return self.counts()

    def all(self, model: type[E]) -> tuple[E, ...]:
        """Every entry of one kind, oldest first (by session date, then creation)."""
        with self._lock.thread_only():
            entries = self._current()
            if model.kind not in self._sorted:
                self._sorted[model.kind] = tuple(sorted(entries[model.kind].values(), key=_sort_key))
            return self._sorted[model.kind]  # type: ignore[return-value]

    def goals(self) -> tuple[Goal, ...]:
        return self.all(Goal)

    def checkins(self) -> tuple[CheckIn, ...]:
        return self.all(CheckIn)

    def reflections(self) -> tuple[Reflection, ...]:
        return self.all(Reflection)

    def feedback_notes(self) -> tuple[FeedbackNote, ...]:
        return self.all(FeedbackNote)

    def settings(self) -> Settings:
        stored = self._read()["settings"].get(SETTINGS_ID)
        if isinstance(stored, Settings):
            return stored
        # Never-saved settings have fixed times, so any saved or imported settings are newer.
        return Settings(id=SETTINGS_ID, created_at=NEVER_SAVED, updated_at=NEVER_SAVED)

    def get(self, model: type[E], entry_id: str) -> E:
        found = self._read()[model.kind].get(entry_id)
        if found is None:
            raise _not_found(model, entry_id)
        return found  # type: ignore[return-value]

    def counts(self) -> dict[str, int]:
        entries = self._read()
        return {kind: len(entries[kind]) for kind in TABLE_OF if kind != "settings"}

    def is_empty(self) -> bool:
        """No entries yet (settings alone do not count)."""
        return not any(self.counts().values())

    # --- writing -------------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group changes: they reach the file together, in one write, or not at all."""
        if self.read_only:
            raise WorkbookError(
                _(
                    "This workbook can only be read here (its disk cannot be written to, or it was opened"
                    " read-only): nothing can be saved to it."
                )
            )
        with self._lock.hold():
            outer = self._depth == 0
            if outer:
                self._current()  # a damaged file raises here, before anything is written
                self._storage.begin_batch()
            self._depth += 1
            committed = False
            try:
                yield
                committed = True
            finally:
                self._depth -= 1
                if outer:
                    written = False
                    try:
                        try:
                            # The day's backup, just before a write that will happen: a batch refused
                            # or with nothing to write (an import of entries already here) makes none.
                            if committed and self._storage.pending:
                                self._backup_before_first_write()
                        except BaseException:
                            committed = False
                            raise
                        finally:
                            self._storage.end_batch(commit=committed)
                        written = committed
                    finally:
                        if written:
                            self._generation = self._storage.generation
                        else:
                            # Nothing reached the disk: what is in memory must be what is on disk,
                            # or an unsaved edit would show now and be written by the next save.
                            self._entries, self._sorted = None, {}

    def _backup_before_first_write(self) -> None:
        if self.path is None:
            return
        if isinstance(self._storage, JSONFileStorage) and self._storage.needs_upgrade:
            payload = self._storage.file_bytes()
            if payload is not None:
                backups.write_backup(self.path, payload, "before-upgrade")
        backups.daily_backup(self.path, self._storage.file_bytes, self.settings().backups_to_keep)

    def _put(self, entry: Entry) -> None:
        table = self._db.table(TABLE_OF[entry.kind])
        document = entry.model_dump(mode="json")

        def replace(stored: dict) -> None:
            stored.clear()
            stored.update(document)

        if not table.update(replace, doc_ids=[entry.id]):
            table.insert(Document(document, doc_id=entry.id))
        assert self._entries is not None
        self._entries[entry.kind][entry.id] = entry
        self._sorted.pop(entry.kind, None)
        self._generation = self._storage.generation

    def _checked(self, entry: Entry) -> Entry:
        # Re-validate: model_copy(update=...) skips validation, and only valid data may reach disk.
        return parse_entry(entry.kind, entry.model_dump(mode="json"))

    def save(self, entry: E, *, keep_times: bool = False, must_exist: bool = False) -> E:
        """Add a new entry or replace the stored one with the same id; returns what was stored.

        An edit must start from the stored version: `entry.updated_at` is the version it was made
        from, and if the stored one is newer (saved elsewhere meanwhile) nothing is saved and
        ChangedElsewhereError carries the newer version. With `must_exist` (an edit, not a new
        entry), an entry deleted elsewhere raises DeletedElsewhereError instead of coming back.
        `keep_times` (imports, demo data) stores the entry's own times and skips both checks."""
        with self.batch():
            stored = self._current()[entry.kind].get(entry.id)
            if not keep_times:
                self._check_base(entry, stored, must_exist)
                moment = now()
                created = stored.created_at if stored is not None else moment
                entry = entry.model_copy(update={"created_at": created, "updated_at": moment})
            checked = self._checked(entry)
            self._put(checked)
        return checked  # type: ignore[return-value]

    def _check_base(self, entry: Entry, stored: Entry | None, must_exist: bool) -> None:
        for kind, by_id in self._current().items():
            if kind != entry.kind and entry.id in by_id:
                # TRANSLATORS: {label} is a kind of entry: "goal", "check-in", "reflection", "feedback note".
                said = _("The id {id} already belongs to a {label}.")
                raise InvalidEntryError(said.format(id=entry.id, label=_(ENTRY_TYPES[kind].label)))
        if stored is None:
            if must_exist:
                raise DeletedElsewhereError(entry.label)
            return
        if stored.updated_at != entry.updated_at:
            said = _said(
                _CHANGED_WHILE_EDITING,
                type(entry),
                # TRANSLATORS: {label} is a kind of entry, as translated on its own; {when} is a time ("14:02")
                # or a day and time.
                _(
                    "This {label} was changed in another window at {when}, after you started editing it. Nothing"
                    " was saved, and your words are still here."
                ),
            )
            raise ChangedElsewhereError(
                said.format(label=_(entry.label), when=edits.when(stored.updated_at)),
                stored,
            )

    def update(self, model: type[E], entry_id: str, change: Callable[[E], E]) -> E:
        """Change the stored entry as it is now, under the lock: `change` gets the current version.
        For additions that never clash with other edits (a progress rating added to a goal)."""
        with self.batch():
            stored = self._current()[model.kind].get(entry_id)
            if stored is None:
                raise _not_found(model, entry_id)
            return self.save(change(stored))  # type: ignore[arg-type]

    def save_settings(self, settings: Settings) -> Settings:
        return self.save(settings.model_copy(update={"id": SETTINGS_ID}))

    def change_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Change the settings as they are now, under the lock: one own question added, a session
        moved. Small changes like these never clash with an edit in another window."""
        with self.batch():
            return self.save_settings(change(self.settings()))

    def delete(self, model: type[Entry], entry_id: str, *, as_seen: datetime | None = None) -> None:
        """Delete an entry. With `as_seen` (its updated_at when the person asked to delete it), an
        entry saved elsewhere since is not deleted: ChangedElsewhereError, so they can look again."""
        with self.batch():
            stored = self._current()[model.kind].get(entry_id)
            if as_seen is not None and stored is not None and stored.updated_at != as_seen:
                said = _said(
                    _CHANGED_BEFORE_DELETING,
                    model,
                    # TRANSLATORS: {label} is a kind of entry, as translated on its own; {when} is a time.
                    _(
                        "This {label} was changed in another window at {when}, after you asked to delete it."
                        " Nothing was deleted: look at it again first."
                    ),
                )
                raise ChangedElsewhereError(
                    said.format(label=_(model.label), when=edits.when(stored.updated_at)), stored
                )
            if not self._db.table(TABLE_OF[model.kind]).remove(doc_ids=[entry_id]):
                # TRANSLATORS: {label} is a kind of entry, as translated on its own.
                other_kinds = _("There is no {label} with id {id}; it may have been deleted already.")
                said = _said(_NO_SUCH_ANY_MORE, model, other_kinds)
                raise NotFoundError(said.format(label=_(model.label), id=entry_id))
            assert self._entries is not None
            del self._entries[model.kind][entry_id]
            self._sorted.pop(model.kind, None)
            self._generation = self._storage.generation

    def save_many(self, entries: Iterable[Entry], *, keep_times: bool = True) -> int:
        """Store many entries in one write (demo data, imports): all or nothing."""
        with self.batch():
            current = self._current()
            by_kind: dict[str, dict[str, Entry]] = {}
            for given in entries:
                entry = given
                if not keep_times:
                    stored = current[entry.kind].get(entry.id)
                    moment = now()
                    created = stored.created_at if stored is not None else moment
                    entry = entry.model_copy(update={"created_at": created, "updated_at": moment})
                by_kind.setdefault(entry.kind, {})[entry.id] = self._checked(entry)
            for kind, checked in by_kind.items():
                table = self._db.table(TABLE_OF[kind])
                replaced = [entry_id for entry_id in checked if entry_id in current[kind]]
                if replaced:
                    table.remove(doc_ids=replaced)
                table.insert_multiple(
                    Document(entry.model_dump(mode="json"), doc_id=entry.id) for entry in checked.values()
                )
                current[kind].update(checked)
                self._sorted.pop(kind, None)
            self._generation = self._storage.generation
        return sum(len(checked) for checked in by_kind.values())

    def delete_everything(self) -> Path | None:
        """Remove every entry and the settings, after a backup kept apart from the automatic ones."""
        with self.batch():
            taken = self.backup_now() if self.path is not None and self._storage.file_bytes() else None
            self._db.drop_tables()
            self._entries = {kind: {} for kind in TABLE_OF}
            self._sorted = {}
            self._generation = self._storage.generation
        return taken

    def backup_now(self, folder: Path | None = None) -> Path:
        """A consistent copy of the file as it is, taken under the lock; returns where it went."""
        if self.path is None:
            raise NotFoundError(_("This workbook lives in memory only; there is no file to back up."))
        with self._lock.hold():
            self._current()  # never back up a damaged file as if it were good
            payload = self._storage.file_bytes()
            if payload is None:
                raise NotFoundError(_("There is nothing to back up yet: {path} has no entries.").format(path=self.path))
            return backups.write_backup(self.path, payload, "manual", folder)

    def list_backups(self) -> list[Path]:
        return backups.list_backups(self.path) if self.path else []

    # --- encryption ----------------------------------------------------------------------------

    def is_encrypted(self) -> bool:
        return self.path is not None and file_is_encrypted(self.path)

    def unlock(self, passphrase: str) -> crypto.Key | None:
        """Check `passphrase` against the file and keep the key; None when the file is not encrypted."""
        if self.path is None or not self.is_encrypted():
            return None
        try:
            key = crypto.unlock(self.path.read_bytes(), passphrase)
        except crypto.WrongPassphrase:
            raise WrongPassphraseError(
                _("That passphrase does not open this workbook. Check it and try again; the file is unchanged.")
            ) from None
        except crypto.Damaged as exc:
            raise self._damaged(str(exc)) from None
        with self._lock.thread_only():
            self._storage.key = key  # type: ignore[attr-defined]
            self._entries = None
        return key

    def lock(self) -> None:
        """Forget the key and every decrypted entry held in memory."""
        with self._lock.thread_only():
            if isinstance(self._storage, JSONFileStorage):
                self._storage.key = None
                self._storage._forget()
            self._entries, self._sorted, self._derived = None, {}, {}

    def _rewrite(self, key: crypto.Key | None, backup: Callable[[bytes], bytes | None]) -> None:
        """Write the whole workbook again with `key` (None: in the clear), and convert the backups.

        The converted backups are staged first, the workbook is replaced, then the staged copies
        replace the backups; a crash anywhere is finished or undone at the next open (backups.settle),
        so no backup stays in the clear, or under an old passphrase, beside a converted workbook."""
        if self.path is None or not isinstance(self._storage, JSONFileStorage):
            raise WorkbookError(_("Only a workbook file can be encrypted."))
        with self._lock.hold():
            self._current()  # the workbook must be readable (and, if encrypted, unlocked) first
            tables = self._storage.read()
            backups.settle(self.path)  # nothing left over from an earlier, interrupted conversion
            old_key = self._storage.key
            try:
                backups.stage(self.path, backup)
                self._storage.key = key
                self._storage.write(tables)
            except BaseException:
                self._storage.key = old_key  # the file is as it was: keep reading it with its key
                raise
            finally:
                backups.settle(self.path)  # finishes if the workbook was rewritten, else undoes
            self._generation = self._storage.generation

    def encrypt(self, passphrase: str) -> crypto.Key:
        """Turn encryption on: the workbook and every backup are rewritten encrypted."""
        if self.is_encrypted():
            raise WorkbookError(_("This workbook is already encrypted. To choose a new passphrase, change it instead."))
        try:
            key = crypto.new_key(passphrase)
        except ValueError as exc:
            raise WorkbookError(str(exc)) from None
        self._rewrite(key, lambda raw: None if crypto.is_encrypted(raw) else crypto.encrypt(raw, key))
        return key

    def decrypt(self) -> None:
        """Turn encryption off (the workbook must be unlocked): the file and backups in the clear."""
        old = getattr(self._storage, "key", None)
        if old is None:
            raise WorkbookError(_("This workbook is not encrypted, or not unlocked."))
        self._rewrite(None, lambda raw: crypto.decrypt(raw, old) if crypto.is_encrypted(raw) else None)

    def change_passphrase(self, passphrase: str) -> None:
        """Re-encrypt with a new passphrase. The old file is replaced only once the new one is complete."""
        old = getattr(self._storage, "key", None)
        if old is None:
            raise WorkbookError(_("Unlock the workbook with its current passphrase first."))
        try:
            key = crypto.new_key(passphrase)
        except ValueError as exc:
            raise WorkbookError(str(exc)) from None
        self._rewrite(
            key, lambda raw: crypto.encrypt(crypto.decrypt(raw, old), key) if crypto.is_encrypted(raw) else None
        )


def _not_found(model: type[Entry], entry_id: str) -> NotFoundError:
    # TRANSLATORS: {label} is a kind of entry, as translated on its own.
    other_kinds = _("There is no {label} with id {id}; it may have been deleted.")
    said = _said(_NO_SUCH, model, other_kinds)
    return NotFoundError(said.format(label=_(model.label), id=entry_id))


def settle_interrupted(path: Path) -> None:
    """Finish or undo an encryption change a crash cut short, without a key (backups.settle), so that
    a locked workbook's backups are never left in the clear while it waits for its passphrase. On a
    disk that cannot be written to there is nothing to finish: the workbook is only read there."""
    if path.exists() and not only_readable(path):
        with WorkbookLock(path).hold():
            backups.settle(path)
