"""Copies of the workbook file: one automatically before the first save of each day, and on request.

Backups live in a folder beside the workbook (`workbook-backups/` for `workbook.json`), named so that
sorting by name sorts by time: `workbook-2026-03-14-180512-auto.json`. Only automatic backups are
pruned (the newest N are kept, N from the settings); backups taken on request are kept until the
client deletes them. Each copy is written atomically, like the workbook itself. The folder stays
beside the name the person gave, even when that name is a symbolic link to a file elsewhere: that is
where earlier versions put backups, and moving them would leave those out of encryption.

Turning encryption on or off, or changing the passphrase, converts every backup with the workbook;
see `stage` and `settle` for how a crash in the middle is finished or undone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import crypto
from .files import atomic_write, ensure_folder, fsync_folder

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-\d+)?-(?P<why>[a-z][a-z-]*)\.json$")


def default_folder(workbook: Path) -> Path:
    return workbook.with_name(f"{workbook.stem}-backups")


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d-%H%M%S")


def list_backups(workbook: Path, folder: Path | None = None) -> list[Path]:
    """Every backup of this workbook in `folder`, newest first."""
    folder = folder or default_folder(workbook)
    try:
        found = [
            p for p in folder.iterdir() if (m := _NAME.match(p.name)) and m["stem"] == workbook.stem and p.is_file()
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def write_backup(workbook: Path, payload: bytes, why: str, folder: Path | None = None) -> Path:
    """Write `payload` (the workbook's bytes) as a new backup; returns its path."""
    folder = folder or default_folder(workbook)
    ensure_folder(folder)
    stamp = _stamp(datetime.now())
    target = folder / f"{workbook.stem}-{stamp}-{why}.json"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{workbook.stem}-{stamp}-{counter}-{why}.json"
    atomic_write(target, payload)
    return target


def has_backup_today(workbook: Path, folder: Path | None = None) -> bool:
    today = datetime.now().strftime("%Y-%m-%d")
    return any(
        (m := _NAME.match(p.name)) and m["stamp"].startswith(today) and m["why"] == "auto"
        for p in list_backups(workbook, folder)
    )


def prune_automatic(workbook: Path, keep: int, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` automatic backups; returns what was deleted."""
    automatic = [p for p in list_backups(workbook, folder) if p.name.endswith("-auto.json")]
    removed = []
    for old in automatic[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed


def daily_backup(workbook: Path, read_payload: Callable[[], bytes | None], keep: int) -> Path | None:
    """Before the first save of the day: copy the file as it is now, then prune. Under the lock."""
    if has_backup_today(workbook):
        return None
    payload = read_payload()
    if payload is None:
        return None
    folder = default_folder(workbook)
    taken = write_backup(workbook, payload, "auto", folder)
    prune_automatic(workbook, keep, folder)
    return taken


def remove_leftovers(workbook: Path) -> None:
    """Temporary files from a backup (or a staged copy) that a crash interrupted. Under the lock."""
    folder = default_folder(workbook)
    for pattern in (f".{workbook.stem}-*.tmp", f"..{workbook.stem}-*{STAGED}.*.tmp"):
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                leftover.unlink()


# --- converting every backup (encrypt, decrypt, change the passphrase) ---------------------------
#
# The staged copies are the journal. `Repository._rewrite` first writes each backup's converted copy
# beside it (`stage`), then rewrites the workbook (one atomic rename), then `settle` renames each
# staged copy over its backup. Whether a staged copy belongs to a finished conversion can be read off
# the files alone, without any key: it is sealed the way the workbook now is (both in the clear, or
# both under the same salt, hence the same passphrase) exactly when the workbook was rewritten. So
# `settle`, run again whenever the workbook is opened, finishes a conversion a crash interrupted
# after the workbook was rewritten, and undoes one interrupted before (the backups were not touched).

STAGED = ".staged"


def staged_copy(backup: Path) -> Path:
    """Where a backup's converted copy waits; a name `list_backups` and `remove_leftovers` skip."""
    return backup.with_name(f".{backup.name}{STAGED}")


def _staged(workbook: Path) -> list[tuple[Path, Path]]:
    """Each staged copy of this workbook's backups, with the backup it is meant to replace."""
    folder = default_folder(workbook)
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    pairs = []
    for name in names:
        backup = name[1:].removesuffix(STAGED)
        if name.startswith(".") and name.endswith(STAGED) and (m := _NAME.match(backup)) and m["stem"] == workbook.stem:
            pairs.append((folder / name, folder / backup))
    return sorted(pairs)


def _seal(path: Path) -> str | None:
    """How a file is sealed: None in the clear, else the salt its key was derived with (as written
    in its header). Reads the header only. Raises OSError or ValueError when that cannot be told."""
    with open(path, "rb") as handle:
        head = handle.read(len(crypto.MAGIC) + 4096)  # the header line is a few hundred bytes
    if not crypto.is_encrypted(head):
        return None
    line, newline, _ = head[len(crypto.MAGIC) :].partition(b"\n")
    try:
        header = json.loads(line) if newline else None
    except RecursionError:
        header = None
    if not isinstance(header, dict) or not isinstance(header.get("salt"), str):
        raise ValueError("an encrypted file without a readable header")
    return header["salt"]


def stage(workbook: Path, transform: Callable[[bytes], bytes | None]) -> list[Path]:
    """Write each backup's conversion through `transform` beside it; None leaves a backup as it is.

    Nothing is replaced yet: `settle` does that once the workbook itself has been rewritten."""
    staged = []
    for backup in list_backups(workbook):
        try:
            rewritten = transform(backup.read_bytes())
        except Exception:  # noqa: S112  # a backup we cannot convert is left exactly as it was
            continue
        if rewritten is not None:
            atomic_write(staged_copy(backup), rewritten)
            staged.append(staged_copy(backup))
    return staged


def settle(workbook: Path) -> None:
    """Finish or undo a conversion of the backups; needs no key. Under the lock.

    A staged copy sealed the way the workbook is replaces its backup (the workbook was rewritten);
    any other is deleted (it was not, or it cannot be told: the backups are then as they were
    before the conversion began, which is always a consistent state)."""
    pending = _staged(workbook)
    if not pending:
        return
    try:
        workbook_seal, known = _seal(workbook), True
    except (OSError, ValueError):
        workbook_seal, known = None, False  # no workbook, or no readable header: undo everything
    for staged, backup in pending:
        try:
            finished = known and _seal(staged) == workbook_seal and backup.is_file()
        except (OSError, ValueError):
            finished = False
        with contextlib.suppress(OSError):
            if finished:
                os.replace(staged, backup)
            else:
                staged.unlink()
    with contextlib.suppress(OSError):
        fsync_folder(default_folder(workbook))


@dataclass(frozen=True)
class Unsettled:
    """What `check` should mention about the backups; empty (false) when all is in order."""

    pending: tuple[Path, ...] = ()  # staged copies of an interrupted conversion (settled at the next open)
    in_the_clear: tuple[Path, ...] = ()  # readable backups of an encrypted workbook
    # Encrypted under another key than the workbook (an earlier passphrase, or encryption turned on
    # again, which brings a new salt): the current passphrase may not open them.
    other_key: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.pending or self.in_the_clear or self.other_key)


def unsettled(workbook: Path) -> Unsettled:
    """Read-only: an unfinished conversion, and backups not sealed the way the workbook is. Reads
    only file headers and needs no key. A backup whose header cannot be read is left to `check`'s
    other tests; a workbook that is missing or unreadable makes every backup's state unknowable."""
    pending = tuple(staged for staged, _ in _staged(workbook))
    try:
        workbook_seal = _seal(workbook)
    except (OSError, ValueError):
        return Unsettled(pending)
    clear, other = [], []
    for backup in list_backups(workbook):
        try:
            seal = _seal(backup)
        except (OSError, ValueError):
            continue
        if seal is None and workbook_seal is not None:
            clear.append(backup)
        elif seal is not None and seal != workbook_seal:
            other.append(backup)
    return Unsettled(pending, tuple(clear), tuple(other))
