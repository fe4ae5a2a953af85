"""Where the workbook lives: WORKBOOK_DB, else the per-user data folder, never the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbook.errors import WorkbookError
from workbook.paths import default_workbook_path, resolve_workbook_path


def test_the_environment_variable_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "mine.json"))
    assert resolve_workbook_path() == tmp_path / "mine.json"
    assert resolve_workbook_path(tmp_path / "other.json") == tmp_path / "other.json"


def test_the_default_is_outside_the_code_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBOOK_DB", raising=False)
    path = resolve_workbook_path()
    assert path == default_workbook_path()
    assert ROOT not in path.parents
    assert path.name == "workbook.json" and "alliance-workbook" in path.parts


def test_a_folder_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="is a folder"):
        resolve_workbook_path(tmp_path)


def test_a_path_the_system_cannot_use_is_refused_in_plain_words(tmp_path: Path) -> None:
    too_long = tmp_path / ("x" * 300) / "workbook.json"  # every system limits a name to 255 bytes
    with pytest.raises(WorkbookError, match=r"cannot be used \(File name too long\)\. Set WORKBOOK_DB"):
        resolve_workbook_path(too_long)
