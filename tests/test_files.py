"""workbook.files on its own: a write either happens completely or not at all, privately.

Failures are real: a child process writes under a file size limit (RLIMIT_FSIZE, with SIGXFSZ
ignored so the write fails with EFBIG instead of killing it), which works even as root.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbook.errors import WorkbookError
from workbook.files import atomic_write, leftover_temp_files, remove_leftover_temp_files

LIMIT = 64 * 1024

WRITE_UNDER_A_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from workbook.errors import WorkbookError
    from workbook.files import atomic_write

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
    try:
        atomic_write(Path(sys.argv[1]), sys.stdin.buffer.read())
    except WorkbookError as exc:
        print(exc.message)
    else:
        print("saved")
    """
)


def write_with_limit(target: Path, payload: bytes) -> str:
    """atomic_write in a child process that may not make any file bigger than LIMIT bytes."""
    done = subprocess.run(
        [sys.executable, "-c", WRITE_UNDER_A_SIZE_LIMIT, str(target), str(LIMIT)],
        input=payload,
        capture_output=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    return done.stdout.decode().strip()


def test_a_write_that_fails_part_way_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "workbook.json"
    target.write_bytes(b"the old workbook")
    message = write_with_limit(target, b"x" * (4 * LIMIT))
    assert message.startswith(f"Could not save {target}: File too large. Nothing was changed")
    assert target.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.json"]  # the half-written temporary file is gone


def test_a_write_that_succeeds_leaves_the_new_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "workbook.json"
    target.write_bytes(b"the old workbook")
    new = bytes(range(256)) * (LIMIT // 512)  # under the limit: the same child succeeds
    assert write_with_limit(target, new) == "saved"
    assert target.read_bytes() == new
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.json"]


def test_a_first_write_that_fails_leaves_no_file_at_all(tmp_path: Path) -> None:
    target = tmp_path / "workbook.json"
    assert write_with_limit(target, b"x" * (4 * LIMIT)).startswith("Could not save")
    assert list(tmp_path.iterdir()) == []


def test_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "workbook.json"
    old_umask = os.umask(0)  # even a permissive umask does not open the file to others
    try:
        atomic_write(target, b"private words")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        target.chmod(0o644)  # a file someone made readable by others...
        atomic_write(target, b"more private words")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600  # ...is private again after the next save
    finally:
        os.umask(old_umask)


def test_a_failure_names_the_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "workbook.json"
    with pytest.raises(WorkbookError, match=r"Could not save .*no such folder.*Nothing was changed"):
        atomic_write(missing, b"words")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_crashed_writer_are_found_and_removed_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "workbook.json"
    atomic_write(target, b"kept")
    leftovers = [tmp_path / ".workbook.json.0123456789ab.tmp", tmp_path / ".workbook.json.ba9876543210.tmp"]
    others = [tmp_path / ".workbook.json.lock", tmp_path / "notes.tmp", tmp_path / ".other.json.0123456789ab.tmp"]
    for path in (*leftovers, *others):
        path.write_bytes(b"half a write")
    assert leftover_temp_files(target) == sorted(leftovers)
    assert remove_leftover_temp_files(target) == 2
    assert leftover_temp_files(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [target, *others])
    assert target.read_bytes() == b"kept"


def test_a_write_through_a_symbolic_link_updates_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "Synced").mkdir()
    real, link = tmp_path / "Synced" / "workbook.json", tmp_path / "workbook.json"
    link.symlink_to(Path("Synced") / "workbook.json")  # relative, as `ln -s` often makes them
    atomic_write(link, b"first")  # the real file does not exist yet: it is created where the link points
    atomic_write(link, b"second")
    assert link.is_symlink() and os.readlink(link) == str(Path("Synced") / "workbook.json")
    assert real.read_bytes() == b"second" and not real.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Synced", "workbook.json"]
    assert [p.name for p in real.parent.iterdir()] == ["workbook.json"]


def test_only_this_files_own_leftovers_are_taken_for_leftovers(tmp_path: Path) -> None:
    odd = tmp_path / "workbook[1].json"
    mine = tmp_path / ".workbook[1].json.0123456789ab.tmp"
    mine.write_bytes(b"half a write")
    plain = tmp_path / "workbook.json"
    sibling = tmp_path / ".workbook.json.export.json.0123456789ab.tmp"  # another file's writer at work
    sibling.write_bytes(b"an export being written")
    assert leftover_temp_files(odd) == [mine]
    assert leftover_temp_files(plain) == []
