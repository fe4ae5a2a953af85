"""`python -m workbook check`: read a workbook and say whether it is sound, changing nothing."""

from __future__ import annotations

from pathlib import Path

from .errors import WorkbookError
from .files import leftover_temp_files
from .repository import Repository


def check_workbook(path: Path, repo: Repository | None = None) -> str:
    """A one-line summary of a sound workbook; raises WorkbookError saying what is wrong."""
    if not path.exists():
        raise WorkbookError(f"There is no workbook at {path} yet; it is created when you first save an entry.")
    repo = repo or Repository(path, read_only=True)
    counts = repo.check()
    reflections = repo.reflections()
    goal_ids = {g.id for g in repo.goals()}
    checkin_ids = {c.id for c in repo.checkins()}
    notes = []
    dangling_goals = sum(1 for r in reflections for g in r.goals if g.goal_id not in goal_ids)
    dangling_checkins = sum(1 for r in reflections if r.checkin_id and r.checkin_id not in checkin_ids)
    if dangling_goals:
        notes.append(f"{dangling_goals} goal links point to deleted goals")
    if dangling_checkins:
        notes.append(f"{dangling_checkins} reflections point to deleted check-ins")
    leftovers = leftover_temp_files(path)
    if leftovers:
        notes.append(f"{len(leftovers)} temporary files from an interrupted save (removed when the app next opens it)")
    backups = repo.list_backups()
    latest = f", newest {backups[0].name}" if backups else ""
    extra = f" Notes: {'; '.join(notes)}." if notes else ""
    sealed = " (encrypted)" if repo.is_encrypted() else ""
    return (
        f"OK: {path}{sealed} is sound: {_n(counts['goal'], 'goal')}, {_n(counts['checkin'], 'check-in')},"
        f" {_n(counts['reflection'], 'reflection')}, {_n(counts['feedback'], 'feedback note')};"
        f" {_n(len(backups), 'backup')}{latest}.{extra}"
    )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
