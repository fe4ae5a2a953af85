"""Unsaved words held in the server's memory (workbook/drafts.py): bounded, per workbook, plain text only."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import drafts
from workbook.drafts import MAX_KEYS, DraftStore, accept


def test_words_are_kept_per_workbook_and_forgotten_per_form(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store, me = DraftStore(), "b" * 32
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "mine.json"))
    store.keep(me, "reflection_insights", "Rest is allowed")
    store.keep(me, "checkin_questions", "Can we slow down?")
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "another.json"))
    assert store.get(me, "reflection_insights") is None  # never offered in another workbook
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "mine.json"))
    assert store.get(me, "reflection_insights").text == "Rest is allowed"  # type: ignore[union-attr]
    store.forget(me, "reflection_")  # the reflection was saved
    assert store.get(me, "reflection_insights") is None
    assert store.get(me, "checkin_questions").text == "Can we slow down?"  # type: ignore[union-attr]


def test_only_small_json_objects_of_text_under_widget_keys_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    store, me = DraftStore(scope=lambda: "one"), "b" * 32
    monkeypatch.setattr(drafts, "STORE", store)
    assert accept(me, {"reflection_insights": "words", "bad key!": "x", "n": 5, "reflection_long": "x" * 300_000}) == 1
    assert store.get(me, "reflection_insights").text == "words"  # type: ignore[union-attr]
    assert store.get(me, "reflection_long") is None
    with pytest.raises(ValueError):
        accept(me, ["not", "an", "object"])
    for n in range(MAX_KEYS + 50):
        store.keep(me, f"key_{n}", "x")
    assert store.get(me, "key_0") is None and store.get(me, f"key_{MAX_KEYS + 49}") is not None  # oldest go first
