"""Automatic daily backups, backups on request, and keeping the last N."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, goal, reflection, run_cli
from workbook import backups, crypto
from workbook.errors import DamagedWorkbookError, WorkbookError
from workbook.models import Settings
from workbook.repository import Repository


def test_the_first_save_of_a_day_backs_up_the_file_as_it_was(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal("Monday's goal"))  # nothing to back up yet: the file did not exist
    assert repo.list_backups() == []
    before_second = db_path.read_bytes()
    repo.save(goal("Second goal"))
    repo.save(goal("Third goal"))
    taken = repo.list_backups()
    assert len(taken) == 1  # one a day, not one a save
    assert taken[0].read_bytes() == before_second
    assert taken[0].parent == db_path.with_name("workbook-backups")


def test_a_refused_import_or_one_with_nothing_new_makes_no_backup(db_path: Path, tmp_path: Path) -> None:
    # Issue 26: a refused import still made the day's backup. A backup comes just before a write.
    repo = Repository(db_path)
    repo.save(goal("Monday's goal"))
    export = tmp_path / "export.json"
    assert run_cli("export", "--db", str(db_path), "--out", str(export)).returncode == 0
    assert run_cli("import", "--db", str(db_path), str(export)).returncode == 0  # all of it already here
    data = json.loads(export.read_text())
    data["goals"][0]["id"] = "00000000-0000-4000-8000-000000000001"
    data["goals"][0]["title"] = ""  # refused: a goal needs a title
    export.write_text(json.dumps(data))
    refused = run_cli("import", "--db", str(db_path), str(export))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    with pytest.raises(WorkbookError), repo.batch():
        repo.save(goal("Never saved"))
        raise WorkbookError("refused half way")
    assert repo.list_backups() == []
    assert [g.title for g in Repository(db_path).goals()] == ["Monday's goal"]
    repo.save(goal("Tuesday's goal"))  # a real write: backed up first, as before
    assert len(repo.list_backups()) == 1


def test_only_the_newest_automatic_backups_are_kept(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save_settings(Settings(backups_to_keep=3))
    folder = backups.default_folder(db_path)
    folder.mkdir(exist_ok=True)
    for day in range(1, 7):  # six earlier days' backups
        (folder / f"workbook-2026-01-0{day}-120000-auto.json").write_bytes(db_path.read_bytes())
    manual = repo.backup_now()
    repo.save(goal())  # today's first save: a new backup, then pruning
    names = [p.name for p in repo.list_backups()]
    automatic = [n for n in names if n.endswith("-auto.json")]
    assert len(automatic) == 3
    assert automatic[0].startswith(f"workbook-{datetime.now():%Y-%m-%d}")
    assert "workbook-2026-01-06-120000-auto.json" in automatic
    assert manual.name in names  # backups taken on request are never pruned


def test_a_backup_on_request_is_a_complete_consistent_copy(db_path: Path, tmp_path: Path) -> None:
    repo = Repository(db_path)
    repo.save_many([goal(f"Goal {n}") for n in range(20)])
    target = repo.backup_now(tmp_path / "usb-stick")
    assert target.parent == tmp_path / "usb-stick"
    assert json.loads(target.read_bytes()) == json.loads(db_path.read_bytes())
    assert len(Repository(target).goals()) == 20  # a backup opens as a workbook


def test_a_damaged_file_is_not_backed_up_as_if_it_were_good(db_path: Path) -> None:
    db_path.write_text("{nonsense")
    with pytest.raises(DamagedWorkbookError):
        Repository(db_path).backup_now()
    assert backups.list_backups(db_path) == []


def test_backups_of_other_workbooks_in_the_folder_are_not_touched(db_path: Path) -> None:
    folder = backups.default_folder(db_path)
    folder.mkdir()
    other = folder / "holiday-2026-01-01-120000-auto.json"
    other.write_text("{}")
    repo = Repository(db_path)
    repo.save_settings(Settings(backups_to_keep=1))
    repo.save(goal())
    assert other.exists()
    assert all(p.name.startswith("workbook-") for p in repo.list_backups())


# --- encrypt, change-passphrase and decrypt interrupted by kill -9 ------------------------------

OLD, NEW = "old passphrase words", "new passphrase words"
PHRASE = "WORDS-NOBODY-ELSE-MAY-READ"

CONVERT_AND_DIE = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from workbook import backups, storage
    from workbook.repository import Repository

    path, action, moment, old, new = Path(sys.argv[1]), *sys.argv[2:6]
    repo = Repository(path)
    if old:
        repo.unlock(old)

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    write_workbook = storage.JSONFileStorage._write_now
    write_file = backups.atomic_write
    calls = []

    def workbook_written_then_die(self, data):
        if moment == "before the workbook is rewritten":
            die()
        write_workbook(self, data)
        if moment == "right after the workbook is rewritten":
            die()

    def second_backup_file_dies(target, payload):
        calls.append(target)
        if moment == "while converting the backups" and len(calls) == 2:
            die()
        write_file(target, payload)

    storage.JSONFileStorage._write_now = workbook_written_then_die
    backups.atomic_write = second_backup_file_dies
    if action == "encrypt":
        repo.encrypt(new)
    elif action == "change-passphrase":
        repo.change_passphrase(new)
    else:
        repo.decrypt()
    print("not killed", flush=True)
    """
)

# Each action: the passphrase before and after (None: in the clear).
ACTIONS = {"encrypt": (None, NEW), "change-passphrase": (OLD, NEW), "decrypt": (OLD, None)}
MOMENTS = ("while converting the backups", "before the workbook is rewritten", "right after the workbook is rewritten")


def workbook_with_backups(path: Path, passphrase: str | None) -> Repository:
    repo = Repository(path)
    repo.save(reflection(insights=PHRASE))
    repo.backup_now()
    repo.backup_now()
    repo.save(goal("Sleep"))  # the day's automatic backup, before this save, holds the phrase too
    assert len(repo.list_backups()) == 3
    if passphrase:
        repo.encrypt(passphrase)
    return repo


def interrupt(path: Path, action: str, moment: str) -> None:
    before, after = ACTIONS[action]
    child = subprocess.run(
        [sys.executable, "-c", CONVERT_AND_DIE, str(path), action, moment, before or "", after or ""],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def assert_all_under(path: Path, passphrase: str | None) -> None:
    """The workbook and every backup are in the clear (None), or all open with `passphrase` only."""
    files = [path, *backups.list_backups(path)]
    if passphrase is None:
        assert not any(crypto.is_encrypted(f.read_bytes()) for f in files)
        assert all(PHRASE.encode() in f.read_bytes() for f in files)
        return
    key = crypto.unlock(path.read_bytes(), passphrase)
    for copy in files:
        assert crypto.is_encrypted(copy.read_bytes()), f"{copy.name} is in the clear"
        assert crypto.decrypt(copy.read_bytes(), key)  # same salt: the same passphrase opens it
    for other in {OLD, NEW} - {passphrase}:  # the other passphrase opens nothing
        with pytest.raises(crypto.WrongPassphrase):
            crypto.unlock(files[-1].read_bytes(), other)
    for anything in path.parent.rglob("*"):
        assert not anything.is_file() or PHRASE.encode() not in anything.read_bytes(), f"readable: {anything}"


def staged_files(path: Path) -> list[Path]:
    return [p for p in backups.default_folder(path).iterdir() if not _is_backup(p, path)]


def _is_backup(candidate: Path, path: Path) -> bool:
    return candidate in backups.list_backups(path)


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("action", ACTIONS)
def test_an_interrupted_conversion_is_finished_or_undone_when_the_workbook_is_next_opened(
    tmp_path: Path, action: str, moment: str
) -> None:
    path = tmp_path / "workbook.json"
    before, after = ACTIONS[action]
    workbook_with_backups(path, before)
    as_it_was = {p: p.read_bytes() for p in [path, *backups.list_backups(path)]}
    interrupt(path, action, moment)
    Repository(path)  # the next open, by the app or any command
    assert staged_files(path) == []
    if moment == "right after the workbook is rewritten":
        assert_all_under(path, after)  # finished: no backup left in the clear or under the old passphrase
    else:
        assert {p: p.read_bytes() for p in [path, *backups.list_backups(path)]} == as_it_was  # undone
        assert_all_under(path, before)
    opened = Repository(path)
    if after and moment == "right after the workbook is rewritten":
        opened.unlock(after)
    elif before and moment != "right after the workbook is rewritten":
        opened.unlock(before)
    assert any(r.insights == PHRASE for r in opened.reflections())


def test_after_an_interrupted_encrypt_the_command_line_finishes_it(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    workbook_with_backups(path, None)
    interrupt(path, "encrypt", "right after the workbook is rewritten")
    checked = run_cli("check", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})
    assert checked.returncode == 0, checked.stderr
    done = run_cli("backup", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})
    assert done.returncode == 0, done.stderr
    assert staged_files(path) == []
    assert_all_under(path, NEW)
    again = run_cli("encrypt", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})
    assert again.returncode == 1 and "already encrypted" in again.stderr


def test_a_conversion_interrupted_before_the_workbook_changed_can_simply_be_run_again(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    workbook_with_backups(path, None)
    interrupt(path, "encrypt", "before the workbook is rewritten")
    Repository(path).encrypt(NEW)
    assert staged_files(path) == []
    assert_all_under(path, NEW)


def test_check_can_tell_a_conversion_is_unfinished_without_changing_anything(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    workbook_with_backups(path, None)
    assert not backups.unsettled(path)
    interrupt(path, "encrypt", "right after the workbook is rewritten")
    listing = sorted(p.name for p in backups.default_folder(path).iterdir())
    found = backups.unsettled(path)
    assert found and len(found.pending) == 3 and len(found.in_the_clear) == 3 and not found.other_key
    assert sorted(p.name for p in backups.default_folder(path).iterdir()) == listing  # read-only
    Repository(path)
    assert not backups.unsettled(path)


def test_check_names_backups_under_another_key(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    repo = workbook_with_backups(path, OLD)
    stranger = crypto.encrypt(b"{}", crypto.new_key("someone else's words"))
    (backups.default_folder(path) / "workbook-2026-01-01-120000-manual.json").write_bytes(stranger)
    found = backups.unsettled(path)
    assert [p.name for p in found.other_key] == ["workbook-2026-01-01-120000-manual.json"]
    assert not found.pending and not found.in_the_clear
    repo.unlock(OLD)
    repo.decrypt()
    assert [p.name for p in backups.unsettled(path).other_key] == ["workbook-2026-01-01-120000-manual.json"]


def test_a_full_disk_while_converting_the_backups_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "workbook.json"
    repo = workbook_with_backups(path, None)
    as_it_was = {p: p.read_bytes() for p in [path, *backups.list_backups(path)]}
    real_write, calls = os.write, []

    def full_after_one_file(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_after_one_file)
    with pytest.raises(WorkbookError, match="No space left"):
        repo.encrypt(NEW)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in [path, *backups.list_backups(path)]} == as_it_was
    assert staged_files(path) == [] and not repo.is_encrypted()
    repo.save(goal("Still saves, in the clear as before"))
    assert not crypto.is_encrypted(path.read_bytes())


def test_even_an_export_finishes_an_interrupted_encryption_first(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    workbook_with_backups(path, None)
    interrupt(path, "encrypt", "right after the workbook is rewritten")
    done = run_cli("export", "--db", str(path), "--out", str(tmp_path / "out.json"), env={"WORKBOOK_PASSPHRASE": NEW})
    assert done.returncode == 0, done.stderr
    (tmp_path / "out.json").unlink()  # the export is readable on purpose; the workbook's copies are not
    assert staged_files(path) == []
    assert_all_under(path, NEW)
