"""The file on disk: atomic writes, damaged files never overwritten, schema versions."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, goal, reflection, run_cli, sha256
from workbook import backups, locking, migrations, storage
from workbook.errors import BusyError, DamagedWorkbookError, WorkbookError
from workbook.files import leftover_temp_files
from workbook.models import Settings
from workbook.repository import SETTINGS_ID, Repository

GOOD_HEAD = b'{"format":"alliance-workbook","schema_version":1,"tables":'

DAMAGED = {
    "empty": b"",
    "cut short": GOOD_HEAD + b'{"goals":{"3f2b',
    "not json": b"Dear diary, today I",
    "binary": bytes(range(256)),
    "another program's json": b'{"_default": {"1": {"text": "hi"}}}',
    "a list": b"[1, 2, 3]",
    "unknown section": GOOD_HEAD + b'{"passwords":{}}}',
    "bad record": GOOD_HEAD
    + b'{"goals":{"3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70":{"id":"3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70",'
    b'"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","title":"","status":"gone"}}}}',
    "id mismatch": GOOD_HEAD
    + b'{"goals":{"3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70":{"id":"00000000-8d4a-4f7e-9c1a-2b3c4d5e6f70",'
    b'"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","title":"Sleep"}}}}',
    "deeply nested": b"[" * 100_000,
}


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_file_is_reported_and_never_written_over(db_path: Path, name: str) -> None:
    db_path.write_bytes(DAMAGED[name])
    before = sha256(db_path)
    repo = Repository(db_path)
    with pytest.raises(DamagedWorkbookError) as caught:
        repo.goals()
    assert str(db_path) in caught.value.message
    assert "has not been changed" in caught.value.message
    with pytest.raises(DamagedWorkbookError):
        repo.save(goal())
    with pytest.raises(DamagedWorkbookError):
        repo.delete_everything()
    assert sha256(db_path) == before
    assert [p.name for p in db_path.parent.iterdir() if not p.name.startswith(".")] == [db_path.name]


def test_the_damage_message_points_to_the_newest_backup(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal())
    repo.save(goal("Second"))  # the first save of the day after the file exists takes a backup
    backup = repo.list_backups()[0]
    db_path.write_bytes(b"{garbage")
    with pytest.raises(DamagedWorkbookError) as caught:
        Repository(db_path).goals()
    assert str(backup) in caught.value.message
    # following the advice restores the workbook
    db_path.write_bytes(backup.read_bytes())
    assert [g.title for g in Repository(db_path).goals()] == ["Feel less anxious at work"]


def test_a_file_from_a_newer_version_is_refused_not_rewritten(db_path: Path) -> None:
    db_path.write_text(json.dumps({"format": "alliance-workbook", "schema_version": 99, "tables": {}}))
    before = sha256(db_path)
    with pytest.raises(DamagedWorkbookError, match="newer version"):
        Repository(db_path).save(goal())
    assert sha256(db_path) == before


def test_older_files_are_migrated_and_backed_up_before_upgrade(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository(db_path)
    repo.save(goal("Sleep"))
    current = migrations.SCHEMA_VERSION
    assert json.loads(db_path.read_text())["schema_version"] == current
    monkeypatch.setattr(storage, "SCHEMA_VERSION", current + 1)

    def add_note_to_titles(tables: migrations.Tables) -> migrations.Tables:
        for document in tables.get("goals", {}).values():
            document["title"] += " (migrated)"
        return tables

    monkeypatch.setitem(migrations.MIGRATIONS, current, add_note_to_titles)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    fresh = Repository(db_path)
    assert [g.title for g in fresh.goals()] == ["Sleep (migrated)"]
    fresh.save(goal("Rest"))
    assert json.loads(db_path.read_text())["schema_version"] == current + 1
    assert any(p.name.endswith("-before-upgrade.json") for p in fresh.list_backups())


def test_a_first_version_workbook_keeps_its_signal_margin_as_the_margin_below_the_usual(db_path: Path) -> None:
    settings = Settings(id=SETTINGS_ID).model_dump(mode="json")
    settings["thresholds"] = {"low_overall": 9, "low_part": 7, "drop": 3, "perfect_run": 4}
    tables = {"settings": {settings["id"]: settings}, "goals": {}}
    db_path.write_text(json.dumps({"format": "alliance-workbook", "schema_version": 1, "tables": tables}))
    repo = Repository(db_path)
    assert repo.settings().thresholds.below_usual == 3
    repo.save(goal("Rest"))  # the upgraded file reaches disk with the next save, after a backup
    document = json.loads(db_path.read_text())
    assert document["schema_version"] == migrations.SCHEMA_VERSION
    [stored] = document["tables"]["settings"].values()
    assert "low_overall" not in stored["thresholds"] and stored["thresholds"]["below_usual"] == 3


def test_the_file_is_private_to_its_owner(db_path: Path) -> None:
    Repository(db_path).save(reflection(insights="private words"))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) & 0o077 == 0 or db_path.parent.exists()


def test_the_file_is_a_documented_json_document(db_path: Path) -> None:
    saved = Repository(db_path).save(goal("Sleep"))
    document = json.loads(db_path.read_text(encoding="utf-8"))
    assert document["format"] == "alliance-workbook"
    assert document["schema_version"] == migrations.SCHEMA_VERSION
    assert document["tables"]["goals"][saved.id]["title"] == "Sleep"


def test_leftover_temporary_files_from_a_crash_are_cleaned_up(db_path: Path) -> None:
    Repository(db_path).save(goal())
    leftover = db_path.with_name(f".{db_path.name}.deadbeef0000.tmp")
    leftover.write_text("half a write")
    Repository(db_path)
    assert not leftover.exists()
    assert [g.title for g in Repository(db_path).goals()] == ["Feel less anxious at work"]


def test_saving_leaves_no_temporary_files(db_path: Path) -> None:
    repo = Repository(db_path)
    for n in range(5):
        repo.save(goal(f"Goal {n}"))
    assert not list(db_path.parent.glob("*.tmp")) and not list(db_path.parent.glob(".*.tmp"))


def test_a_failed_write_changes_nothing(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal("Kept"))
    before = sha256(db_path)
    os.chmod(db_path.parent, 0o500)  # the folder becomes read-only: the temporary file cannot be made
    try:
        if os.access(db_path.parent, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(WorkbookError, match="Could not save"):
            repo.save(goal("Lost?"))
    finally:
        os.chmod(db_path.parent, 0o700)
    assert sha256(db_path) == before
    assert [g.title for g in Repository(db_path).goals()] == ["Kept"]


def test_a_disk_error_mid_write_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository(db_path)
    repo.save(goal("Kept"))
    before = sha256(db_path)
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data)[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(WorkbookError, match="No space left on device"):
        repo.save(goal("Lost?"))
    monkeypatch.undo()
    assert sha256(db_path) == before
    assert [g.title for g in repo.goals()] == ["Kept"]  # the in-memory copy was rolled back too
    assert not list(db_path.parent.glob(".*.tmp"))


def test_a_file_changed_behind_the_locks_back_is_not_overwritten(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal("Mine"))
    repo.goals()
    document = json.loads(db_path.read_text())
    other = Repository(db_path)
    other.save(goal("Theirs"))  # a normal second writer is fine...
    assert len(repo.goals()) == 2
    db_path.write_text(json.dumps(document))  # ...but an editor that ignores the lock is not
    os.utime(db_path, ns=(1, 1))
    assert len(repo.goals()) == 1


def test_a_folder_given_as_the_workbook_is_refused(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "folder")
    (tmp_path / "folder").mkdir()
    with pytest.raises(WorkbookError, match="is a folder"):
        repo.goals()


# --- a workbook path that is a symbolic link (the real file kept in a synced folder) -----------


def linked_workbook(tmp_path: Path, *, relative: bool = False) -> tuple[Path, Path]:
    """`home/workbook.json` -> `Synced/workbook.json` (the real file need not exist yet)."""
    (tmp_path / "Synced").mkdir()
    (tmp_path / "home").mkdir()
    real, link = tmp_path / "Synced" / "workbook.json", tmp_path / "home" / "workbook.json"
    link.symlink_to(Path("..") / "Synced" / "workbook.json" if relative else real)
    return link, real


@pytest.mark.parametrize("relative", [False, True], ids=["absolute link", "relative link"])
def test_saves_through_a_symlink_go_to_the_real_file_and_the_link_stays_a_link(tmp_path: Path, relative: bool) -> None:
    link, real = linked_workbook(tmp_path, relative=relative)
    real.write_bytes(storage.encode({}))  # the real file is already there, in the synced folder
    target = os.readlink(link)
    repo = Repository(link)
    for n in range(4):
        repo.save(goal(f"Goal {n}"))
    assert link.is_symlink() and os.readlink(link) == target
    assert real.is_file() and not real.is_symlink()
    titles = [f"Goal {n}" for n in range(4)]
    assert sorted(g.title for g in Repository(real).goals()) == titles  # reopened through the real path
    assert sorted(g.title for g in Repository(link).goals()) == titles
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    # Nothing beside the link but the link and its backups; beside the real file, only the lock.
    assert sorted(p.name for p in link.parent.iterdir()) == ["workbook-backups", "workbook.json"]
    assert sorted(p.name for p in real.parent.iterdir()) == [".workbook.json.lock", "workbook.json"]
    assert (real.parent / ".workbook.json.lock").stat().st_size == 0
    assert repo.list_backups() and all(b.parent == link.with_name("workbook-backups") for b in repo.list_backups())


def test_a_symlink_and_its_real_file_share_one_lock(tmp_path: Path) -> None:
    link, real = linked_workbook(tmp_path)
    Repository(real).save(goal("Kept"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(real)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(BusyError):  # another process holds the real file's lock: the link waits for it
            Repository(link, lock_timeout=0.5).save(goal("Not while another program writes"))
    finally:
        holder.kill()
        holder.wait()
    assert [g.title for g in Repository(link).goals()] == ["Kept"]
    assert locking.lock_path_for(link) == locking.lock_path_for(real)


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from workbook.locking import WorkbookLock
with WorkbookLock(Path(sys.argv[1])).hold():
    print("held", flush=True)
    time.sleep(60)
"""


def test_the_command_line_writes_through_a_symlink(tmp_path: Path) -> None:
    link, real = linked_workbook(tmp_path)
    done = run_cli("demo", "--db", str(link), "--sessions", "6", "--until", "2026-11-01")
    assert done.returncode == 0, done.stderr
    assert run_cli("backup", "--db", str(link)).returncode == 0
    assert link.is_symlink() and real.is_file()
    assert len(Repository(real, read_only=True).reflections()) == 6
    assert backups.list_backups(link)  # backups stay beside the name the person gave
    checked = run_cli("check", "--db", str(link))
    assert checked.returncode == 0 and "is sound" in checked.stdout


def test_a_link_to_a_file_not_there_yet_creates_it_at_the_target(tmp_path: Path) -> None:
    link, real = linked_workbook(tmp_path)
    repo = Repository(link)
    assert repo.is_empty()
    repo.save(goal("First"))
    repo.save(goal("Second"))
    assert link.is_symlink() and real.is_file()
    assert sorted(g.title for g in Repository(real).goals()) == ["First", "Second"]


def test_a_link_into_a_folder_that_is_not_there_is_refused_clearly(tmp_path: Path) -> None:
    link = tmp_path / "workbook.json"
    link.symlink_to(tmp_path / "USB stick" / "workbook.json")  # a disk that is not attached
    with pytest.raises(WorkbookError, match="USB stick") as caught:
        Repository(link).save(goal())
    assert "is not there" in caught.value.message
    assert link.is_symlink() and not (tmp_path / "USB stick").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.json"]


def test_leftovers_of_a_crash_beside_the_real_file_are_cleaned_up(tmp_path: Path) -> None:
    link, real = linked_workbook(tmp_path)
    Repository(link).save(goal())
    leftover = real.with_name(f".{real.name}.deadbeef0000.tmp")
    leftover.write_text("half a write")
    assert leftover_temp_files(link) == [leftover]
    Repository(link)
    assert not leftover.exists()
