"""A workbook on a disk that cannot be written to (a write-protected stick, a snapshot) can still be
read and exported, and a save says why it cannot happen, the file untouched (issue 26, item 7).

A real read-only mount (tmpfs, remounted read-only): the test needs the right to mount, which CI has
(it runs as root); elsewhere it is skipped and says why.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apptest import PAGES, Open, all_text, button
from tests.conftest import run_cli, sha256
from ui.state import OPENED, SETTINGS_TAB
from workbook.demo import fill_with_demo
from workbook.repository import Repository


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], check=False, capture_output=True).returncode == 0


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A demo workbook on a disk mounted read-only, for the pages (WORKBOOK_DB)."""
    disk = tmp_path / "stick"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)):
        pytest.skip("cannot mount a disk here (needs root): a read-only disk cannot be made")
    try:
        path = disk / "workbook.json"
        fill_with_demo(Repository(path), sessions=12)
        assert _mount("-o", "remount,ro", str(disk))
        monkeypatch.setenv("WORKBOOK_DB", str(path))
        yield path
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)


def test_a_workbook_on_a_read_only_disk_can_be_read_exported_and_not_saved(db: Path, open_page: Open) -> None:
    before, files = sha256(db), sorted(p.name for p in db.parent.iterdir())
    for name in PAGES:
        at = open_page(name)  # no page fails: each one shows the workbook (open_page asserts no exception)
        if name != "help":
            assert "cannot be written to" in all_text(at), name
    history = all_text(open_page("history"))
    assert "Reflection" in history or "reflection" in history  # the entries are there to read
    settings = open_page("settings")
    settings.session_state[SETTINGS_TAB] = "Your data"  # its tab, as a click opens it
    settings.run()
    assert not settings.exception
    assert [b for b in settings.get("download_button") if b.key == "settings_export"]
    goals = open_page("goals")
    goals.session_state["goals_add"] = goals.session_state[f"{OPENED}goals_add"] = True  # "Add a goal" opened
    goals.run()
    goals.text_input(key="goals_new_title").input("Speak up at work")
    button(goals, "Save goal").click().run()
    assert not goals.exception
    said = all_text(goals)
    assert "nothing can be saved" in said
    assert sha256(db) == before  # the file untouched, no backup folder made
    assert sorted(p.name for p in db.parent.iterdir()) == files


def test_the_command_line_exports_and_checks_a_workbook_on_a_read_only_disk(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    exported = run_cli("export", "--db", str(db), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.stat().st_size > 1000
    checked = run_cli("check", "--db", str(db))
    assert checked.returncode == 0 and "Traceback" not in checked.stderr
