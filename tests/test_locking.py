"""workbook.locking on its own: one holder at a time across processes and threads, re-entrant in
its own thread, and never left locked by a process that died."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbook.errors import BusyError
from workbook.locking import WorkbookLock

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbook.locking import WorkbookLock

    with WorkbookLock(Path(sys.argv[1])).hold():
        print("held", flush=True)
        time.sleep(60)
    """
)

TRY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workbook.errors import BusyError
    from workbook.locking import WorkbookLock

    try:
        with WorkbookLock(Path(sys.argv[1]), timeout=0.3).hold():
            print("got it")
    except BusyError:
        print("busy")
    """
)


def python(script: str, *args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        **popen,  # type: ignore[call-overload]
    )


@pytest.fixture
def holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the workbook's lock until it is killed."""
    child = python(HOLD, str(db_path), stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    yield child
    child.kill()
    child.wait()


def another_process_tries(db_path: Path) -> str:
    out, _ = python(TRY, str(db_path), stdout=subprocess.PIPE).communicate(timeout=60)
    return out.strip()


def test_while_another_process_holds_the_lock_this_one_waits_then_says_what_to_do(
    db_path: Path, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    with pytest.raises(BusyError) as caught, WorkbookLock(db_path, timeout=0.5).hold():
        pytest.fail("two processes held the same workbook lock at once")
    assert 0.4 < time.monotonic() - started < 10  # it waited for the timeout, not forever
    message = caught.value.message
    assert "The workbook is busy" in message and "Try again in a moment" in message
    assert "close other copies of the app or the command line" in message


def test_a_process_killed_while_holding_the_lock_does_not_leave_it_locked(
    db_path: Path, holder: subprocess.Popen[str]
) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with WorkbookLock(db_path, timeout=5).hold():
        assert another_process_tries(db_path) == "busy"  # and now this process holds it as usual
    assert another_process_tries(db_path) == "got it"


def test_the_lock_is_re_entrant_in_one_thread_and_held_until_the_outermost_release(db_path: Path) -> None:
    lock = WorkbookLock(db_path, timeout=1)
    with lock.hold():
        with WorkbookLock(db_path, timeout=1).hold():  # a save inside a batch takes it again
            assert another_process_tries(db_path) == "busy"
        assert another_process_tries(db_path) == "busy"  # the inner release did not free it
    assert another_process_tries(db_path) == "got it"


def test_other_threads_wait_for_the_holder(db_path: Path) -> None:
    outcome: list[str] = []

    def other_thread() -> None:
        try:
            with WorkbookLock(db_path, timeout=0.3).hold():
                outcome.append("got it")
        except BusyError:
            outcome.append("busy")

    with WorkbookLock(db_path).hold():
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert outcome == ["busy"]
    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert outcome == ["busy", "got it"]
