"""One lock per workbook file that holds across threads and processes.

Streamlit runs each browser session in its own thread, and the command line may run while the app
does, so every whole read-modify-write of a workbook runs under this lock: a per-process RLock (for
threads) and an OS file lock on a small lock file beside the workbook (for processes). The OS drops a
file lock when its process dies, so a crash never leaves the workbook locked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from .errors import BusyError, WorkbookError

_GUARD = threading.Lock()
_LOCKS: dict[str, tuple[threading.RLock, filelock.FileLock]] = {}
DEFAULT_TIMEOUT = 30.0


def lock_path_for(workbook: Path) -> Path:
    return workbook.with_name(f".{workbook.name}.lock")


class WorkbookLock:
    """Re-entrant, exclusive lock for one workbook file; shared by everything in this process."""

    def __init__(self, workbook: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = lock_path_for(workbook)
        self.timeout = timeout
        key = os.path.realpath(self.path)
        with _GUARD:
            if key not in _LOCKS:
                _LOCKS[key] = (
                    threading.RLock(),
                    filelock.FileLock(self.path, mode=0o600, thread_local=False),
                )
            self._thread_lock, self._file_lock = _LOCKS[key]
        self._owner: int | None = None

    @contextmanager
    def hold(self) -> Iterator[None]:
        busy = BusyError(
            f"The workbook is busy: another program has held {self.path} for over"
            f" {self.timeout:.0f} seconds. Try again in a moment; if it stays busy, close other"
            " copies of the app or the command line."
        )
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise busy
        try:
            try:
                self._file_lock.acquire(timeout=self.timeout, poll_interval=0.005)
            except filelock.Timeout:
                raise busy from None
            except OSError as exc:
                raise WorkbookError(
                    f"Cannot lock the workbook: {self.path} could not be created ({exc.strerror})."
                    " Check that its folder exists and that you may write there."
                ) from None
            try:
                yield
            finally:
                self._file_lock.release()
        finally:
            self._thread_lock.release()

    @contextmanager
    def thread_only(self) -> Iterator[None]:
        """For reads: keeps other threads of this process out; other processes replace the file
        atomically, so a read never sees half a write."""
        with self._thread_lock:
            yield
