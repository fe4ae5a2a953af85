"""Unsaved words held in the server's memory (workbook/drafts.py): bounded, per workbook, plain text only."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import drafts
from workbook.drafts import MAX_KEYS, DraftStore, accept


def test_words_are_kept_per_workbook_and_forgotten_per_form(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store = DraftStore()
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "mine.json"))
    store.keep("reflection_insights", "Rest is allowed")
    store.keep("checkin_questions", "Can we slow down?")
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "another.json"))
    assert store.get("reflection_insights") is None  # never offered in another workbook
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "mine.json"))
    assert store.get("reflection_insights") == "Rest is allowed"
    store.forget("reflection_")  # the reflection was saved
    assert store.get("reflection_insights") is None and store.get("checkin_questions") == "Can we slow down?"


def test_only_small_json_objects_of_text_under_widget_keys_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(scope=lambda: "one")
    monkeypatch.setattr(drafts, "STORE", store)
    assert accept({"reflection_insights": "words", "bad key!": "x", "n": 5, "reflection_long": "x" * 300_000}) == 1
    assert store.get("reflection_insights") == "words" and store.get("reflection_long") is None
    with pytest.raises(ValueError):
        accept(["not", "an", "object"])
    for n in range(MAX_KEYS + 50):
        store.keep(f"key_{n}", "x")
    assert store.get("key_0") is None and store.get(f"key_{MAX_KEYS + 49}") == "x"  # bounded: oldest go first
