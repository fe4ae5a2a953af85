"""One lock per workbook file that holds across threads and processes.

Streamlit runs each browser session in its own thread, and the command line may run while the app
does, so every whole read-modify-write of a workbook runs under this lock: a per-process RLock (for
threads) and an OS file lock on a small lock file beside the workbook (for processes). The OS drops a
file lock when its process dies, so a crash never leaves the workbook locked.

The lock belongs to the real file, not to the name used for it: a symbolic link and the file it points
to (two names for one file) share one lock file, beside the real file. The link is followed each time
the lock is taken, as writes follow it each time they write, so the two always agree.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from .errors import BusyError, WorkbookError
from .files import real_path
from .i18n import _, ngettext

_GUARD = threading.Lock()
_LOCKS: dict[str, tuple[threading.RLock, filelock.FileLock]] = {}
DEFAULT_TIMEOUT = 30.0


def lock_path_for(workbook: Path) -> Path:
    """The lock file of the file `workbook` names: beside the real file when it is a link."""
    real = real_path(workbook)
    return real.with_name(f".{real.name}.lock")


def _locks_for(path: Path) -> tuple[threading.RLock, filelock.FileLock]:
    key = str(path)  # lock_path_for has resolved every link already
    with _GUARD:
        if key not in _LOCKS:
            _LOCKS[key] = (threading.RLock(), filelock.FileLock(path, mode=0o600, thread_local=False))
        return _LOCKS[key]


class WorkbookLock:
    """Re-entrant, exclusive lock for one workbook file; shared by everything in this process."""

    def __init__(self, workbook: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.workbook = workbook
        self.timeout = timeout

    @property
    def path(self) -> Path:
        return lock_path_for(self.workbook)

    @contextmanager
    def hold(self) -> Iterator[None]:
        path = self.path
        thread_lock, file_lock = _locks_for(path)
        seconds = round(self.timeout)
        busy = BusyError(
            # TRANSLATORS: the English keeps "seconds" even for 1; give each number its right form.
            ngettext(
                "The workbook is busy: another program has held {path} for over {seconds} seconds. Try again in a"
                " moment; if it stays busy, close other copies of the app or the command line.",
                "The workbook is busy: another program has held {path} for over {seconds} seconds. Try again in a"
                " moment; if it stays busy, close other copies of the app or the command line.",
                seconds,
            ).format(path=path, seconds=f"{self.timeout:.0f}")
        )
        if not thread_lock.acquire(timeout=self.timeout):
            raise busy
        try:
            try:
                file_lock.acquire(timeout=self.timeout, poll_interval=0.005)
            except filelock.Timeout:
                raise busy from None
            except OSError as exc:
                # TRANSLATORS: {problem} is the system's own words, often in English: "Permission denied".
                said = _(
                    "Cannot lock the workbook: {path} could not be created ({problem}). Check that its folder"
                    " exists and that you may write there."
                )
                raise WorkbookError(said.format(path=path, problem=exc.strerror)) from None
            try:
                yield
            finally:
                file_lock.release()
        finally:
            thread_lock.release()

    @contextmanager
    def thread_only(self) -> Iterator[None]:
        """For reads: keeps other threads of this process out; other processes replace the file
        atomically, so a read never sees half a write."""
        with _locks_for(self.path)[0]:
            yield
