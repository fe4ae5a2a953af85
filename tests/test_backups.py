"""Automatic daily backups, backups on request, and keeping the last N."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import goal
from workbook import backups
from workbook.errors import DamagedWorkbookError
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
