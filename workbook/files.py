"""Writing files so that a crash at any moment leaves either the old file or the new one.

The bytes go to a temporary file in the same folder, which is flushed and fsynced, then moved over
the target with `os.replace` (atomic on POSIX and Windows), then the folder itself is fsynced so the
rename survives a power cut. Files are created readable by their owner only: they hold private words.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from .errors import WorkbookError

TEMP_SUFFIX = ".tmp"


def temp_name_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; its rename is durable enough.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise WorkbookError(
            f"Cannot create the folder {folder} ({exc.strerror}). Choose a folder you may write to."
        ) from None


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace `target` with `payload` atomically and durably; on any failure `target` is untouched."""
    temp = temp_name_for(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WorkbookError(
            f"Could not save {target}: {exc.strerror or exc}. Nothing was changed; check that the"
            " disk has space and that you may write to that folder, then try again."
        ) from None


def leftover_temp_files(target: Path) -> list[Path]:
    """Temporary files a crashed writer of `target` left behind."""
    try:
        return sorted(target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"))
    except OSError:
        return []


def remove_leftover_temp_files(target: Path) -> int:
    """Delete what a crashed writer left; call only while holding the workbook's lock."""
    removed = 0
    for leftover in leftover_temp_files(target):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
