"""Export and import of the whole workbook as one JSON document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import checkin, goal, reflection, sha256
from workbook.demo import fill_with_demo
from workbook.errors import WorkbookError
from workbook.models import Reflection, Settings
from workbook.repository import SETTINGS_ID, Repository
from workbook.transfer import MAX_ENTRIES, apply_import, export_document, export_json, plan_import, read_import


def without_time(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.fixture
def demo(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "demo.json")
    fill_with_demo(repo, sessions=24, until=date(2026, 11, 1))
    return repo


def test_export_then_import_into_an_empty_workbook_gives_the_same_document(demo: Repository, tmp_path: Path) -> None:
    first = export_json(demo, include_private=True)
    fresh = Repository(tmp_path / "fresh.json")
    apply_import(fresh, read_import(first))
    second = export_json(fresh, include_private=True)
    assert without_time(json.loads(first)) == without_time(json.loads(second))
    assert json.loads(first)["exported_at"]


def test_the_export_is_versioned_and_holds_every_kind(demo: Repository) -> None:
    document = export_document(demo, include_private=True)
    assert (document["format"], document["version"]) == ("alliance-workbook-export", 1)
    assert {len(document[k]) for k in ("checkins", "reflections")} == {24}
    assert document["goals"] and document["feedback_notes"] and document["settings"]["name"] == "Alex"


def test_private_reflections_are_left_out_unless_chosen(repo: Repository) -> None:
    repo.save(reflection(insights="shared words"))
    repo.save(reflection(insights="my secret", private=True))
    assert "my secret" not in export_json(repo)
    assert json.loads(export_json(repo))["includes_private"] is False
    assert "my secret" in export_json(repo, include_private=True)


def test_import_is_idempotent(demo: Repository, repo: Repository) -> None:
    text = export_json(demo, include_private=True)
    first = apply_import(repo, read_import(text))
    snapshot = export_json(repo, include_private=True)
    second = apply_import(repo, read_import(text))
    assert sum(first.added.values()) == 24 * 2 + len(demo.goals()) + len(demo.feedback_notes()) + 1
    assert not second.added and not second.updated
    assert without_time(json.loads(export_json(repo, include_private=True))) == without_time(json.loads(snapshot))


def test_an_old_export_never_overwrites_newer_writing(repo: Repository) -> None:
    saved = repo.save(goal("Sleep"))
    old_export = export_json(repo)
    repo.save(saved.model_copy(update={"title": "Sleep through the night"}))
    plan = apply_import(repo, read_import(old_export))
    assert sum(plan.kept_newer.values()) == 1
    assert [g.title for g in repo.goals()] == ["Sleep through the night"]


def test_a_newer_copy_in_an_import_replaces_the_older_one(repo: Repository, tmp_path: Path) -> None:
    saved = repo.save(goal("Sleep"))
    elsewhere = Repository(tmp_path / "laptop.json")
    apply_import(elsewhere, read_import(export_json(repo)))
    elsewhere.save(elsewhere.get(type(saved), saved.id).model_copy(update={"status": "achieved"}))
    plan = apply_import(repo, read_import(export_json(elsewhere)))
    assert sum(plan.updated.values()) == 1
    assert repo.goals()[0].status == "achieved"


def test_the_summary_says_what_will_happen_before_anything_changes(repo: Repository) -> None:
    repo.save(goal("Already here"))
    text = export_json(repo)
    other = Repository.in_memory()
    other.save(checkin())
    plan = plan_import(other, read_import(text, source="backup.json"))
    assert "backup.json" in plan.summary() and "1 new" in plan.summary()
    assert other.goals() == ()  # planning changes nothing


BAD_RECORD = {"session_date": "2026-13-01", "trust": 5}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("not json at all", "not valid JSON"),
        ('{"format": "something-else", "version": 1}', "not an Alliance Workbook export"),
        ('{"format": "alliance-workbook-export", "version": 9}', "newer Alliance Workbook"),
        ('{"format": "alliance-workbook-export"}', "version is missing"),
        ('{"format": "alliance-workbook-export", "version": 1, "goals": {"a": 1}}', "'goals' must be a list"),
        ("[" * 50_000, "not valid JSON"),
    ],
)
def test_files_that_are_not_exports_are_refused_clearly(document: str, message: str) -> None:
    with pytest.raises(WorkbookError, match=message):
        read_import(document)


def test_one_bad_record_is_named_and_nothing_is_imported(demo: Repository, tmp_path: Path) -> None:
    document = export_document(demo, include_private=True)
    bad_id = document["reflections"][17]["id"]
    document["reflections"][17]["trust"] = 12
    target = Repository(tmp_path / "target.json")
    target.save(goal("Mine"))
    before = sha256(target.path)  # type: ignore[arg-type]
    with pytest.raises(WorkbookError) as caught:
        apply_import(target, read_import(json.dumps(document), source="export.json"))
    assert "reflections record 18" in caught.value.message
    assert bad_id in caught.value.message
    assert "Trust must be a whole number from 0 to 10" in caught.value.message
    assert sha256(target.path) == before  # type: ignore[arg-type]


def test_the_same_id_twice_is_refused(repo: Repository) -> None:
    repo.save(goal())
    document = export_document(repo)
    document["goals"].append(document["goals"][0])
    with pytest.raises(WorkbookError, match="same id appears twice"):
        read_import(json.dumps(document))


def test_settings_from_an_import_are_new_for_a_workbook_that_never_saved_any(repo: Repository) -> None:
    source = Repository.in_memory()
    source.save_settings(Settings(name="Alex", therapists=("Dr. Okafor",)))
    plan = apply_import(repo, read_import(export_json(source)))
    assert plan.added["settings"] == 1
    assert repo.settings().therapists == ("Dr. Okafor",)


def test_hostile_text_survives_export_and_import_exactly(repo: Repository) -> None:
    hostile = (
        '<img src=x onerror=alert(1)> ![](http://evil.example/p.png) "quotes" \\'
        " \u200f\u0645\u0631\u062d\u0628\u0627 你好 🌧️"
    )
    saved = repo.save(reflection(insights=hostile))
    other = Repository.in_memory()
    apply_import(other, read_import(export_json(repo).encode("utf-8")))
    assert other.get(Reflection, saved.id).insights == hostile


# --- files that are not what they seem ------------------------------------------------------------


def exported(repo: Repository) -> dict:
    return export_document(repo, include_private=True)


def refused(document: str | bytes | dict, source: str = "export.json") -> str:
    raw = json.dumps(document) if isinstance(document, dict) else document
    with pytest.raises(WorkbookError) as caught:
        read_import(raw, source=source)
    message = caught.value.message
    assert "\n" not in message and "\x1b" not in message
    return message


def test_a_number_too_long_to_convert_is_not_a_valid_export(repo: Repository) -> None:
    repo.save(reflection())
    text = export_json(repo).replace('"overall": 8', '"overall": 1' + "0" * 5000)
    message = refused(text)
    assert "not a valid export" in message and "export.json" in message
    assert len(message) < 300


def test_a_section_given_twice_is_refused_by_name(repo: Repository) -> None:
    repo.save(goal("Mine"))
    text = export_json(repo)
    twice = text.replace('"goals": [', '"goals": [], "goals": [', 1)
    assert json.loads(twice)["goals"]  # json alone would silently keep the last one
    message = refused(twice)
    assert '"goals"' in message and "twice" in message


def test_a_section_the_format_does_not_know_is_refused_by_name(repo: Repository) -> None:
    document = exported(repo)
    document["goal"] = [json.loads(export_json(repo))["settings"]]
    message = refused(document)
    assert '"goal"' in message and "does not know" in message


def test_one_id_for_two_kinds_of_entry_is_refused(repo: Repository) -> None:
    shared = repo.save(goal("Sleep")).id
    document = exported(repo)
    document["reflections"] = [reflection(id=shared).model_dump(mode="json")]  # a file edited by hand
    message = refused(document)
    assert shared in message and "goal" in message and "reflection" in message


def test_an_import_cannot_reuse_the_id_of_another_kind_of_entry_already_here(tmp_path: Path) -> None:
    target = Repository(tmp_path / "workbook.json")
    mine = target.save(goal("Mine"))
    source = Repository.in_memory()  # another workbook, where that id was free
    source.save(reflection(id=mine.id))
    plan = read_import(export_json(source), source="export.json")
    before = sha256(target.path)  # type: ignore[arg-type]
    with pytest.raises(WorkbookError) as caught:
        apply_import(target, plan)
    assert mine.id in caught.value.message and "goal" in caught.value.message
    assert sha256(target.path) == before  # type: ignore[arg-type]
    assert target.reflections() == ()


@pytest.mark.parametrize("moment", ["created_at", "updated_at"])
def test_an_entry_from_the_future_is_refused_by_name(repo: Repository, moment: str) -> None:
    saved = repo.save(goal("Sleep"))
    document = exported(repo)
    later = datetime.now(UTC) + timedelta(days=3)
    document["goals"][0][moment] = later.isoformat()
    if moment == "created_at":
        document["goals"][0]["updated_at"] = later.isoformat()
    message = refused(document)
    assert saved.id in message and "goals record 1" in message and "future" in message


def test_a_clock_a_few_minutes_ahead_is_not_the_future() -> None:
    source = Repository.in_memory()
    source.save(goal("Sleep"))
    document = exported(source)
    document["goals"][0]["updated_at"] = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert len(read_import(json.dumps(document)).entries) == 1


def test_a_copy_from_a_clock_hours_fast_cannot_undo_later_edits_on_reimport(repo: Repository) -> None:
    saved = repo.save(goal("Sleep"))
    document = exported(repo)
    document["goals"][0]["updated_at"] = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    message = refused(document)  # it would outrank every edit made here for the next 20 hours
    assert saved.id in message and "future" in message


def test_an_unbounded_list_inside_an_entry_is_refused_readably(repo: Repository) -> None:
    saved = repo.save(goal("Sleep"))
    document = exported(repo)
    document["goals"][0]["progress"] = [{"on": "2026-03-14", "rating": 1}] * 1_000_000
    message = refused(document)
    assert saved.id in message
    assert "more than 5,000 progress ratings" in message and "1,000,000" in message


ANSI = "\x1b[31m\x1b]0;owned\x07"


def test_text_from_the_file_is_shortened_and_stripped_of_control_characters_in_messages(repo: Repository) -> None:
    repo.save(goal("Sleep"))
    document = exported(repo)
    document["goals"][0]["id"] = ANSI + "x" * 5000
    for message in (
        refused(document),
        refused({**exported(repo), ANSI + "y" * 5000: []}),
        refused("not json", source=ANSI + "z" * 5000 + ".json"),
    ):
        assert "\x1b" not in message and "\x07" not in message
        assert "…" in message and len(message) < 400


def test_an_entry_cannot_take_the_id_of_the_settings() -> None:
    source = Repository.in_memory()
    source.save(goal("Sleep"))
    document = exported(source)
    document["goals"][0]["id"] = SETTINGS_ID
    assert "the settings has the same id" in refused(document)


def test_an_export_with_more_entries_than_any_workbook_is_refused_at_once(repo: Repository) -> None:
    document = exported(repo)
    document["goals"] = [goal(f"Goal {n}").model_dump(mode="json") for n in range(MAX_ENTRIES + 1)]
    assert "more than any real workbook" in refused(document)
