"""Writing files so that a crash at any moment leaves either the old file or the new one.

The bytes go to a temporary file in the same folder, which is flushed and fsynced, then moved over
the target with `os.replace` (atomic on POSIX and Windows), then the folder itself is fsynced so the
rename survives a power cut. Files are created readable by their owner only: they hold private words.

A target that is a symbolic link is followed, at each write, to the file it points to: people keep
the real workbook in a synced folder and link to it, so the real file must be the one updated and the
link must stay a link. The temporary file goes beside the real file, so the rename never crosses
filesystems (where it would not be atomic).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
from pathlib import Path

from .errors import WorkbookError
from .i18n import _

TEMP_SUFFIX = ".tmp"


def temp_name_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def real_path(target: Path) -> Path:
    """The file that `target` names once every symbolic link is followed (itself when there is none).

    A link to a file that does not exist yet resolves to where that file will be created."""
    return Path(os.path.realpath(target))


def require_real_folder(target: Path) -> None:
    """Refuse a link into a folder that is not there (a disk not attached, a synced folder not yet
    synced), rather than create folders where the link points or replace the link with a file."""
    real = real_path(target)
    if not real.parent.is_dir():
        said = _(
            "{target} points to {real}, but the folder {folder} is not there. If it is on another disk or in a"
            " synced folder, make that available, or correct the link; nothing was changed."
        )
        raise WorkbookError(said.format(target=target, real=real, folder=real.parent))


def can_write(folder: Path) -> bool:
    """Whether files can be made in `folder`: not on a read-only disk (a write-protected stick, a
    snapshot, a disk mounted read-only), nor in a folder this account may not write to."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return True  # not there: making it is for the caller, which says what is wrong
    return os.access(folder, os.W_OK)


def only_readable(target: Path) -> bool:
    """A workbook that is there but can only be read where it is: it opens read-only (no lock file,
    no backup, no save), so it can still be looked at and exported."""
    return target.is_file() and not can_write(real_path(target).parent)


def fsync_folder(folder: Path) -> None:
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
        # TRANSLATORS: {problem} is the system's own words, often in English: "Permission denied".
        said = _("Cannot create the folder {folder} ({problem}). Choose a folder you may write to.")
        raise WorkbookError(said.format(folder=folder, problem=exc.strerror)) from None


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace `target` with `payload` atomically and durably; on any failure `target` is untouched.

    When `target` is a symbolic link, the file it points to is replaced and the link is kept."""
    real = real_path(target)
    temp = temp_name_for(real)
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
        os.replace(temp, real)
        fsync_folder(real.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        where = (
            target
            if real == Path(os.path.abspath(target))
            else _("{link} (a link to {real})").format(link=target, real=real)
        )
        # TRANSLATORS: {where} is a file; {problem} is the system's own words, often in English:
        # "No space left on device".
        said = _(
            "Could not save {where}: {problem}. Nothing was changed; check that the disk has space and that you"
            " may write to that folder, then try again."
        )
        raise WorkbookError(said.format(where=where, problem=exc.strerror or exc)) from None


def leftover_temp_files(target: Path) -> list[Path]:
    """Temporary files a crashed writer of `target` left behind: beside the real file, and beside
    the link too (where versions that did not follow links wrote them)."""
    found: set[Path] = set()
    for place in {Path(os.path.abspath(target)), real_path(target)}:
        # Exactly the names temp_name_for makes: not a sibling's ("workbook.json.export.json" is
        # another file, whose writer may be at work), and a name like "workbook[1].json" is no pattern.
        exact = re.compile(rf"\.{re.escape(place.name)}\.[0-9a-f]{{12}}{re.escape(TEMP_SUFFIX)}")
        with contextlib.suppress(OSError):
            candidates = place.parent.glob(f".{glob.escape(place.name)}.*{TEMP_SUFFIX}")
            found.update(p for p in candidates if exact.fullmatch(p.name))
    return sorted(found)


def remove_leftover_temp_files(target: Path) -> int:
    """Delete what a crashed writer left; call only while holding the workbook's lock."""
    removed = 0
    for leftover in leftover_temp_files(target):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
