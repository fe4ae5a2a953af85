"""`python -m workbook check`: read a workbook and say whether it is sound, changing nothing.

What makes data unusable fails the check with one line (a damaged file, an entry that breaks a
rule in workbook/models.py, one id shared by two kinds of entry, which pages that list every kind
together cannot show). What is odd but harmless is named in the "Notes:" of the OK line instead,
with exit code 0: links to deleted entries, leftovers of an interrupted save, and entries dated in
the future. Those last ones read and edit normally; they only win every "which copy is newer"
comparison on import, so the person should hear of them (and check the clock), not be told the
workbook is broken and sent to a backup that would lose newer writing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import backups
from .errors import WorkbookError
from .files import leftover_temp_files, require_real_folder
from .models import Entry, now
from .repository import Repository
from .text import plural
from .transfer import CLOCK_SLACK, SECTIONS


def check_workbook(path: Path, repo: Repository | None = None) -> str:
    """A one-line summary of a sound workbook; raises WorkbookError saying what is wrong."""
    if not path.exists():
        if path.is_symlink():
            require_real_folder(path)  # a link into a folder that is not there: saving would be refused too
        raise WorkbookError(f"There is no workbook at {path} yet; it is created when you first save an entry.")
    repo = repo or Repository(path, read_only=True)
    counts = repo.check()
    everything = [entry for model in SECTIONS.values() for entry in repo.all(model)]
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
    settings = repo.settings()
    own = {i.id for i in settings.own_items} | {q.id for q in settings.own_questions}
    unknown_own = sum(
        1
        for entry in (*reflections, *repo.checkins())
        for key in (*getattr(entry, "own_ratings", {}), *entry.own_answers)
        if key not in own
    )
    if unknown_own:
        what = "own rating or answer names" if unknown_own == 1 else "own ratings or answers name"
        notes.append(f"{unknown_own} {what} a thing to rate or question no longer in the settings")
    future = _from_the_future([repo.settings(), *everything], now() + CLOCK_SLACK)
    if future:
        notes.append(future)
    notes.extend(_backups_not_settled(path, repo.is_encrypted()))
    leftovers = leftover_temp_files(path)
    if leftovers:
        notes.append(f"{len(leftovers)} temporary files from an interrupted save (removed when the app next opens it)")
    copies = repo.list_backups()
    latest = f", newest {copies[0].name}" if copies else ""
    extra = f" Notes: {'; '.join(notes)}." if notes else ""
    sealed = " (encrypted)" if repo.is_encrypted() else ""
    return (
        f"OK: {path}{sealed} is sound: {_n(counts['goal'], 'goal')}, {_n(counts['checkin'], 'check-in')},"
        f" {_n(counts['reflection'], 'reflection')}, {_n(counts['feedback'], 'feedback note')};"
        f" {_n(len(copies), 'backup')}{latest}.{extra}"
    )


def _from_the_future(entries: list[Entry], latest: datetime) -> str | None:
    """'2 entries are dated in the future (the check-in <id>, last changed 2999-01-01) ...', or None."""
    ahead = [e for e in entries if max(e.created_at, e.updated_at) > latest]
    if not ahead:
        return None
    first = max(ahead, key=lambda e: max(e.created_at, e.updated_at))
    when = max(first.created_at, first.updated_at).date().isoformat()
    count = "1 entry is" if len(ahead) == 1 else f"{len(ahead)} entries are"
    return (
        f"{count} dated in the future (the {first.label} {first.id}, last changed {when}); is this computer's clock"
        " right? An import can never replace such an entry with an older-dated copy"
    )


def _backups_not_settled(path: Path, encrypted: bool) -> list[str]:
    """An interrupted encryption change, and backups not sealed the way the workbook is."""
    found = backups.unsettled(path)
    said = []
    if found.pending:
        said.append(
            "an encryption change was interrupted; it is finished or undone when the app or any other command"
            " next opens the workbook"
        )
    if found.in_the_clear:
        said.append(
            f"{_are(len(found.in_the_clear))} readable without the passphrase although the workbook is"
            f" encrypted (newest {found.in_the_clear[0].name})"
        )
    if found.other_key:
        how = "with another passphrase than the workbook" if encrypted else "although the workbook is not"
        said.append(f"{_are(len(found.other_key))} encrypted {how} (newest {found.other_key[0].name})")
    return said


def _are(count: int) -> str:
    return "1 backup is" if count == 1 else f"{count} backups are"


def _n(count: int, word: str) -> str:
    return plural(count, word)
