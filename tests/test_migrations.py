"""workbook.migrations on its own: steps run in order, a gap is refused, and schema 1 → 2 carries
old signal settings over to the new rule without touching anything else."""

from __future__ import annotations

import copy

import pytest

from workbook import migrations
from workbook.migrations import SCHEMA_VERSION, Tables, migrate
from workbook.models import Settings, SignalThresholds
from workbook.repository import SETTINGS_ID
from workbook.validation import parse_entry


def stamp(n: int):  # type: ignore[no-untyped-def]
    def step(tables: Tables) -> Tables:
        tables.setdefault("steps", {}).setdefault("ran", {})[str(len(tables["steps"]["ran"]))] = n
        return tables

    return step


def test_each_step_runs_once_in_order_from_the_file_s_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {n: stamp(n) for n in (1, 2, 3, 4)})
    assert list(migrate({}, 1, 5)["steps"]["ran"].values()) == [1, 2, 3, 4]
    assert list(migrate({}, 3, 5)["steps"]["ran"].values()) == [3, 4]
    assert migrate({"goals": {}}, 5, 5) == {"goals": {}}  # already current: nothing runs


def test_a_missing_step_is_refused_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: stamp(1), 3: stamp(3)})
    with pytest.raises(LookupError, match="no migration from schema 2 to 3"):
        migrate({}, 1, 4)


def test_every_version_up_to_the_current_one_has_a_step() -> None:
    assert set(migrations.MIGRATIONS) == set(range(1, SCHEMA_VERSION))
    assert migrate({}, 1) == {}  # the default target is the current schema


def version_1(thresholds: object, **settings: object) -> Tables:
    """A schema 1 workbook with these signal settings, a name, a therapist, and a goal."""
    stored = Settings(id=SETTINGS_ID, name="Alex", therapists=("Sam",), backups_to_keep=30).model_dump(mode="json")
    stored.update(settings, thresholds=thresholds)
    goal = {"title": "Sleep", "thresholds": {"drop": 3}}  # not settings: a look-alike field stays as it is
    return {"settings": {SETTINGS_ID: stored}, "goals": {"g": goal}}


OLD = {"low_overall": 9, "low_part": 7, "perfect_run": 5, "uncovered_topic": 4, "stalled_goal": 8}


@pytest.mark.parametrize(
    ("drop", "below_usual"),
    [(3, 3), (1, 1), (0, 1), (-4, 1), (10, 10), (25, 10), (True, None), ("3", None), (None, None)],
)
def test_schema_2_keeps_the_old_drop_as_the_margin_below_the_usual(drop: object, below_usual: int | None) -> None:
    before = version_1({**OLD, "drop": drop})
    after = migrate(copy.deepcopy(before), 1, 2)
    thresholds = after["settings"][SETTINGS_ID]["thresholds"]
    expected = {"perfect_run": 5, "uncovered_topic": 4, "stalled_goal": 8}  # the fixed "low" cut-offs are gone
    assert thresholds == (expected if below_usual is None else {**expected, "below_usual": below_usual})
    low, high = SignalThresholds.bounds("below_usual")
    assert below_usual is None or low <= below_usual <= high  # the clamp is the model's own range
    # Everything else is as it was: other settings, other tables.
    assert {k: v for k, v in after["settings"][SETTINGS_ID].items() if k != "thresholds"} == {
        k: v for k, v in before["settings"][SETTINGS_ID].items() if k != "thresholds"
    }
    assert after["goals"] == before["goals"]
    settings = parse_entry("settings", after["settings"][SETTINGS_ID])
    assert settings.thresholds.below_usual == (below_usual or SignalThresholds().below_usual)  # type: ignore[attr-defined]
    assert settings.name == "Alex" and settings.backups_to_keep == 30  # type: ignore[attr-defined]


def test_schema_2_keeps_a_margin_already_set_and_leaves_odd_settings_alone() -> None:
    tables = version_1({"drop": 5, "below_usual": 3})
    assert migrate(tables, 1, 2)["settings"][SETTINGS_ID]["thresholds"] == {"below_usual": 3}
    for odd in ("not a dict", None, [1, 2]):
        before = version_1(odd)
        assert migrate(copy.deepcopy(before), 1, 2) == before
    without = version_1({})
    del without["settings"][SETTINGS_ID]["thresholds"]
    assert migrate(copy.deepcopy(without), 1, 2) == without
    assert migrate({"goals": {}}, 1, 2) == {"goals": {}}


def test_migrating_twice_is_harmless() -> None:
    once = migrate(version_1({**OLD, "drop": 4}), 1, 2)
    twice = migrate(copy.deepcopy(once), 1, 2)
    assert twice == once
    assert twice["settings"][SETTINGS_ID]["thresholds"]["below_usual"] == 4
