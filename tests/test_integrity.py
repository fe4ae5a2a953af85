"""`python -m workbook check` on a workbook file that was edited by hand: it says what is odd or
wrong, in one line, and never changes a byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run_cli, sha256
from tests.test_cli import assert_clean_failure, run_cli_bounded
from workbook.demo import fill_with_demo
from workbook.errors import WorkbookError
from workbook.integrity import check_workbook
from workbook.repository import Repository


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "workbook.json"
    fill_with_demo(Repository(path), sessions=8, until=date(2026, 11, 1))
    return path


def hand_edit(path: Path, change: Callable[[dict], None]) -> None:
    document = json.loads(path.read_bytes())
    change(document["tables"])
    path.write_text(json.dumps(document))


def first(table: dict) -> dict:
    return next(iter(table.values()))


def share_an_id(tables: dict) -> str:
    """A goal stored under the id of a reflection: accepted once, then the History page crashed."""
    shared = first(tables["reflections"])["id"]
    tables["goals"][shared] = {**first(tables["goals"]), "id": shared}
    return shared


def test_check_fails_on_an_id_shared_by_two_kinds_of_entry(workbook: Path) -> None:
    shared = ""

    def change(tables: dict) -> None:
        nonlocal shared
        shared = share_an_id(tables)

    hand_edit(workbook, change)
    before = sha256(workbook)
    with pytest.raises(WorkbookError, match=shared):
        check_workbook(workbook)
    done = run_cli_bounded("check", "--db", str(workbook))
    assert_clean_failure(done, str(workbook), shared, "goal", "reflection")
    assert sha256(workbook) == before


def test_check_names_entries_from_the_future_but_still_calls_the_workbook_usable(workbook: Path) -> None:
    ident = ""

    def change(tables: dict) -> None:
        nonlocal ident
        entry = first(tables["checkins"])
        ident = entry["id"]
        entry["updated_at"] = "2999-01-01T00:00:00Z"

    hand_edit(workbook, change)
    before = sha256(workbook)
    done = run_cli_bounded("check", "--db", str(workbook))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK:") and done.stdout.count("\n") == 1
    notes = done.stdout.split("Notes:", 1)[1]
    assert "future" in notes and ident in notes and "2999-01-01" in notes
    assert sha256(workbook) == before


def test_check_names_the_entry_with_an_oversized_list_in_one_line(workbook: Path) -> None:
    ident = ""

    def change(tables: dict) -> None:
        nonlocal ident
        entry = first(tables["goals"])
        ident = entry["id"]
        entry["progress"] = [{"on": "2026-03-14", "rating": 1, "note": ""}] * 6000

    hand_edit(workbook, change)
    before = sha256(workbook)
    done = run_cli_bounded("check", "--db", str(workbook))
    assert_clean_failure(done, str(workbook), ident, "more than 5,000 progress ratings")
    assert sha256(workbook) == before


def test_check_strips_control_characters_from_what_it_quotes(workbook: Path) -> None:
    hand_edit(workbook, lambda tables: tables["goals"].__setitem__("\x1b[31m" + "x" * 300, first(tables["goals"])))
    before = sha256(workbook)
    done = run_cli_bounded("check", "--db", str(workbook))
    assert_clean_failure(done, str(workbook))
    assert "\x1b" not in done.stderr
    assert sha256(workbook) == before


def test_check_of_a_link_into_a_missing_folder_says_so_rather_than_promise_a_new_file(tmp_path: Path) -> None:
    link = tmp_path / "workbook.json"
    link.symlink_to(tmp_path / "Synced" / "workbook.json")  # the synced folder is not there
    done = run_cli("check", "--db", str(link))
    assert done.returncode == 1
    assert "is not there" in done.stderr and "created when you first save" not in done.stderr
