"""The repository contract, run over memory and a real JSON file alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, checkin, goal, reflection
from workbook import edits
from workbook.errors import (
    ChangedElsewhereError,
    DamagedWorkbookError,
    DeletedElsewhereError,
    InvalidEntryError,
    NotFoundError,
)
from workbook.loop import with_progress
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


# --- two windows editing one entry: never a silent overwrite ---------------------------------------


def test_a_stale_edit_is_refused_and_the_newer_version_is_kept(db_path: Path) -> None:
    window_a, window_b = Repository(db_path), Repository(db_path)
    started = window_a.save(goal("Speak up at work"))
    in_b = window_b.get(Goal, started.id)
    window_b.save(in_b.model_copy(update={"why_it_matters": "Written in the other window"}))
    with pytest.raises(ChangedElsewhereError, match="changed in another window at") as refused:
        window_a.save(started.model_copy(update={"first_step": "Written in this window"}))
    assert refused.value.newer.why_it_matters == "Written in the other window"  # type: ignore[attr-defined]
    [kept] = Repository(db_path).goals()
    assert (kept.why_it_matters, kept.first_step) == ("Written in the other window", "")


def test_a_stale_edit_applied_on_top_keeps_both_windows_words(db_path: Path) -> None:
    window_a, window_b = Repository(db_path), Repository(db_path)
    base = window_a.save(goal("Speak up at work"))
    window_b.update(Goal, base.id, lambda g: with_progress(g, date(2026, 3, 14), 1, "a rating from the other tab"))
    mine = base.model_copy(update={"title": "Speak up in meetings", "status": "paused"})
    with pytest.raises(ChangedElsewhereError) as refused:
        window_a.save(mine)
    newer = refused.value.newer  # type: ignore[attr-defined]
    assert edits.clashes(base, mine, newer) == []  # different fields: nothing of either is lost
    window_a.save(edits.on_top(base, mine, newer))
    [kept] = Repository(db_path).goals()
    assert (kept.title, kept.status) == ("Speak up in meetings", "paused")
    assert [p.note for p in kept.progress] == ["a rating from the other tab"]


def test_the_same_field_changed_in_both_windows_is_named_as_a_clash(repo: Repository) -> None:
    base = repo.save(reflection(insights="first words"))
    newer = repo.save(base.model_copy(update={"insights": "the other window's words", "overall": 5}))
    mine = base.model_copy(update={"insights": "my words"})
    assert edits.clashes(base, mine, newer) == ["insights"]
    assert edits.field_titles(mine, edits.clashes(base, mine, newer)) == ["Insights"]
    assert edits.on_top(base, mine, newer).overall == 5


def test_a_stale_edit_of_an_entry_deleted_elsewhere_does_not_bring_it_back(repo: Repository) -> None:
    started = repo.save(checkin(what_happened="before"))
    reopen(repo).delete(CheckIn, started.id)
    with pytest.raises(DeletedElsewhereError, match="deleted in another window"):
        repo.save(started.model_copy(update={"what_happened": "after"}), must_exist=True)
    assert reopen(repo).checkins() == ()


def test_adding_a_progress_rating_never_drops_another_windows_edit(db_path: Path) -> None:
    window_a, window_b = Repository(db_path), Repository(db_path)
    saved = window_a.save(goal("Sleep through the night"))
    window_b.save(window_b.get(Goal, saved.id).model_copy(update={"agreed_with_therapist": True}))
    window_a.update(Goal, saved.id, lambda g: with_progress(g, date(2026, 3, 14), 2, ""))
    [kept] = Repository(db_path).goals()
    assert kept.agreed_with_therapist and [p.rating for p in kept.progress] == [2]


FAILING_SAVE = """
import resource, signal, sys
from pathlib import Path
from workbook.errors import WorkbookError
from workbook.models import Goal
from workbook.repository import Repository

path = Path(sys.argv[1])
repo = Repository(path)
goal = next(g for g in repo.goals() if g.title.startswith("Feel"))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 512, hard))
try:
    repo.save(goal.model_copy(update={"why_it_matters": "UNSAVED " * 2000}))
except WorkbookError as error:
    print("refused:", error.message)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
print("shown:", repo.get(Goal, goal.id).why_it_matters[:7] or "(empty)")
repo.save(Goal(title="An unrelated goal"))
"""


def test_a_failed_save_never_shows_or_surfaces_later(db_path: Path) -> None:
    repo = Repository(db_path)
    repo.save(goal("Feel less anxious at work"))
    repo.backup_now()  # today's automatic backup is taken at the next save; keep the failing write small
    repo.save(goal("Another"))
    done = subprocess.run(
        [sys.executable, "-c", FAILING_SAVE, str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=True,
    )
    assert "refused: Could not save" in done.stdout, done.stdout + done.stderr
    assert "shown: (empty)" in done.stdout  # the page would show what is on disk, not the failed edit
    on_disk = Repository(db_path).goals()
    assert sorted(g.title for g in on_disk) == ["An unrelated goal", "Another", "Feel less anxious at work"]
    assert all("UNSAVED" not in g.why_it_matters for g in on_disk)


def test_an_entry_cannot_take_the_id_of_another_kind_of_entry(repo: Repository) -> None:
    taken = repo.save(goal())
    with pytest.raises(InvalidEntryError, match="already belongs to a goal"):
        repo.save(reflection().model_copy(update={"id": taken.id}))
    assert reopen(repo).reflections() == ()


def test_a_file_with_one_id_for_two_kinds_is_reported_as_damaged_not_shown(db_path: Path) -> None:
    repo = Repository(db_path)
    shared = repo.save(goal("Sleep"))
    repo.save(reflection())
    document = json.loads(db_path.read_text())
    [record] = document["tables"]["reflections"].values()
    document["tables"]["reflections"] = {shared.id: {**record, "id": shared.id}}
    db_path.write_text(json.dumps(document))  # edited by hand
    with pytest.raises(DamagedWorkbookError, match="is used by both a goal and a reflection"):
        Repository(db_path).check()
