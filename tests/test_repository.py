"""The repository contract, run over memory and a real JSON file alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import checkin, goal, reflection
from workbook.errors import InvalidEntryError, NotFoundError
from workbook.models import CheckIn, Goal, Reflection, Settings
from workbook.repository import Repository


def reopen(repo: Repository) -> Repository:
    """The same workbook as a fresh process would see it (memory repositories are their own)."""
    return Repository(repo.path) if repo.path is not None else repo


def test_a_new_workbook_is_empty_with_default_settings(repo: Repository) -> None:
    assert repo.is_empty()
    assert repo.reflections() == ()
    assert repo.settings().backups_to_keep == 14
    assert repo.settings().crisis_lines  # there is always somewhere to turn


def test_saved_entries_come_back_exactly(repo: Repository) -> None:
    saved = repo.save(reflection(insights="Rest is not something I have to earn.", private=True))
    again = reopen(repo).get(Reflection, saved.id)
    assert again == saved
    assert again.insights == "Rest is not something I have to earn."
    assert again.private is True


def test_editing_keeps_the_id_and_creation_time_and_moves_updated(repo: Repository) -> None:
    saved = repo.save(goal())
    edited = repo.save(saved.model_copy(update={"status": "paused"}))
    assert (edited.id, edited.created_at) == (saved.id, saved.created_at)
    assert edited.updated_at > saved.updated_at
    assert [g.status for g in reopen(repo).goals()] == ["paused"]


def test_entries_are_listed_oldest_session_first(repo: Repository) -> None:
    for day in ("2026-03-14", "2025-01-02", "2026-01-10"):
        repo.save(reflection(day))
    assert [r.session_date.isoformat() for r in reopen(repo).reflections()] == [
        "2025-01-02",
        "2026-01-10",
        "2026-03-14",
    ]


def test_delete_removes_only_that_entry(repo: Repository) -> None:
    keep, drop = repo.save(reflection("2026-03-01")), repo.save(reflection("2026-03-08"))
    repo.delete(Reflection, drop.id)
    assert [r.id for r in reopen(repo).reflections()] == [keep.id]
    with pytest.raises(NotFoundError):
        repo.delete(Reflection, drop.id)
    with pytest.raises(NotFoundError):
        repo.get(Reflection, drop.id)


def test_invalid_changes_never_reach_the_workbook(repo: Repository) -> None:
    saved = repo.save(reflection(overall=7))
    # model_copy skips validation; the repository must not.
    with pytest.raises(InvalidEntryError, match="Overall connection"):
        repo.save(saved.model_copy(update={"overall": 42}))
    assert reopen(repo).get(Reflection, saved.id).overall == 7


def test_a_batch_is_all_or_nothing(repo: Repository) -> None:
    repo.save(goal("Already here"))
    with pytest.raises(RuntimeError), repo.batch():
        repo.save(goal("First of the batch"))
        repo.save(checkin())
        raise RuntimeError("power cut in the middle")
    assert [g.title for g in reopen(repo).goals()] == ["Already here"]
    assert reopen(repo).checkins() == ()


def test_save_many_adds_and_replaces_by_id(repo: Repository) -> None:
    first = goal("Sleep better")
    repo.save_many([first, reflection()])
    repo.save_many([first.model_copy(update={"title": "Sleep through the night"})])
    assert [g.title for g in reopen(repo).goals()] == ["Sleep through the night"]
    assert reopen(repo).counts() == {"goal": 1, "checkin": 0, "reflection": 1, "feedback": 0}


def test_settings_are_one_record(repo: Repository) -> None:
    repo.save_settings(Settings(name="Alex", therapists=("Dr. Okafor",), backups_to_keep=5))
    repo.save_settings(repo.settings().model_copy(update={"name": "Sam"}))
    settings = reopen(repo).settings()
    assert (settings.name, settings.therapists, settings.backups_to_keep) == ("Sam", ("Dr. Okafor",), 5)
    assert reopen(repo).is_empty()  # settings alone are not entries


def test_delete_everything_leaves_an_empty_workbook(repo: Repository) -> None:
    repo.save_many([goal(), checkin(), reflection()])
    repo.save_settings(Settings(name="Alex"))
    repo.delete_everything()
    assert reopen(repo).is_empty()
    assert reopen(repo).settings().name == ""


def test_two_repositories_on_one_file_see_each_others_changes(db_path: Path) -> None:
    app, cli = Repository(db_path), Repository(db_path)
    assert app.goals() == ()
    cli.save(goal("Written by the command line"))
    assert [g.title for g in app.goals()] == ["Written by the command line"]
    app.save(checkin(topics=("Sleep",)))
    assert [c.topics for c in cli.checkins()] == [("Sleep",)]
    assert len(cli.goals()) == 1


def test_reads_reuse_the_parsed_file_until_it_changes(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal())
    storage = repo._storage  # the test is about this cache
    before = storage.generation
    for _ in range(5):
        repo.goals(), repo.reflections(), repo.settings()
    assert storage.generation == before  # nothing was re-read
    Repository(db_path).save(goal("From elsewhere"))
    assert len(repo.goals()) == 2
    assert storage.generation > before


def test_the_entry_types_are_kept_apart(repo: Repository) -> None:
    repo.save(goal())
    repo.save(checkin())
    assert len(repo.goals()) == 1 and len(repo.checkins()) == 1
    assert repo.all(Goal)[0].kind == "goal" and repo.all(CheckIn)[0].kind == "checkin"
