"""Copies of the workbook file: one automatically before the first save of each day, and on request.

Backups live in a folder beside the workbook (`workbook-backups/` for `workbook.json`), named so that
sorting by name sorts by time: `workbook-2026-03-14-180512-auto.json`. Only automatic backups are
pruned (the newest N are kept, N from the settings); backups taken on request are kept until the
client deletes them. Each copy is written atomically, like the workbook itself.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .files import atomic_write, ensure_folder

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
    """Temporary files from a backup that a crash interrupted. Under the lock."""
    for leftover in default_folder(workbook).glob(f".{workbook.stem}-*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def convert(workbook: Path, transform: Callable[[bytes], bytes | None]) -> int:
    """Rewrite every backup through `transform` (encrypt, decrypt, re-key); None leaves one as it is."""
    changed = 0
    for backup in list_backups(workbook):
        try:
            rewritten = transform(backup.read_bytes())
        except Exception:  # noqa: S112  # a backup we cannot convert is left exactly as it was
            continue
        if rewritten is not None:
            atomic_write(backup, rewritten)
            changed += 1
    return changed
