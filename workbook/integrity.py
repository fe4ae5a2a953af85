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

from . import backups, i18n
from .errors import WorkbookError
from .files import leftover_temp_files, require_real_folder
from .i18n import _, ngettext
from .models import Entry, counted, now
from .repository import Repository
from .transfer import CLOCK_SLACK, SECTIONS


def check_workbook(path: Path, repo: Repository | None = None) -> str:
    """A one-line summary of a sound workbook; raises WorkbookError saying what is wrong."""
    if not path.exists():
        if path.is_symlink():
            require_real_folder(path)  # a link into a folder that is not there: saving would be refused too
        said = _("There is no workbook at {path} yet; it is created when you first save an entry.")
        raise WorkbookError(said.format(path=path))
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
        notes.append(
            # TRANSLATORS: one of the notes listed after "Notes:", joined by semicolons. The English keeps one
            # form for every number here and in the next two; give each number its right form.
            ngettext(
                "{count} goal links point to deleted goals", "{count} goal links point to deleted goals", dangling_goals
            ).format(count=dangling_goals)
        )
    if dangling_checkins:
        notes.append(
            ngettext(
                "{count} reflections point to deleted check-ins",
                "{count} reflections point to deleted check-ins",
                dangling_checkins,
            ).format(count=dangling_checkins)
        )
    settings = repo.settings()
    own = {i.id for i in settings.own_items} | {q.id for q in settings.own_questions}
    unknown_own = sum(
        1
        for entry in (*reflections, *repo.checkins())
        for key in (*getattr(entry, "own_ratings", {}), *entry.own_answers)
        if key not in own
    )
    if unknown_own:
        notes.append(
            ngettext(
                "{count} own rating or answer names a thing to rate or question no longer in the settings",
                "{count} own ratings or answers name a thing to rate or question no longer in the settings",
                unknown_own,
            ).format(count=unknown_own)
        )
    future = _from_the_future([repo.settings(), *everything], now() + CLOCK_SLACK)
    if future:
        notes.append(future)
    notes.extend(_backups_not_settled(path, repo.is_encrypted()))
    leftovers = leftover_temp_files(path)
    if leftovers:
        notes.append(
            ngettext(
                "{count} temporary files from an interrupted save (removed when the app next opens it)",
                "{count} temporary files from an interrupted save (removed when the app next opens it)",
                len(leftovers),
            ).format(count=len(leftovers))
        )
    copies = repo.list_backups()
    backups_said = _backups(len(copies))
    if copies:
        # TRANSLATORS: {backups} is how many: "3 backups"; {name} the newest one's file name.
        backups_said = _("{backups}, newest {name}").format(backups=backups_said, name=copies[0].name)
    entries = ", ".join(counted(kind, counts[kind]) for kind in ("goal", "checkin", "reflection", "feedback"))
    if repo.is_encrypted():
        # TRANSLATORS: {entries} is how many of each kind: "2 goals, 1 check-in, 3 reflections, 0 feedback
        # notes"; {backups}: "5 backups, newest workbook-2026-03-14-180512-auto.json".
        said = _("OK: {path} (encrypted) is sound: {entries}; {backups}.")
    else:
        # TRANSLATORS: {entries} is how many of each kind: "2 goals, 1 check-in, 3 reflections, 0 feedback
        # notes"; {backups}: "5 backups, newest workbook-2026-03-14-180512-auto.json".
        said = _("OK: {path} is sound: {entries}; {backups}.")
    said = said.format(path=path, entries=entries, backups=backups_said)
    if notes:
        said += " " + _("Notes: {notes}.").format(notes="; ".join(notes))
    return said


def _from_the_future(entries: list[Entry], latest: datetime) -> str | None:
    """'2 entries are dated in the future (the check-in <id>, last changed 2999-01-01) ...', or None."""
    ahead = [e for e in entries if max(e.created_at, e.updated_at) > latest]
    if not ahead:
        return None
    first = max(ahead, key=lambda e: max(e.created_at, e.updated_at))
    when = max(first.created_at, first.updated_at).date().isoformat()
    # TRANSLATORS: {label} is a kind of entry, as translated on its own ("goal", "check-in", "reflection",
    # "feedback note", "settings"); {id} its id; {day} a date as in a file: 2999-01-01.
    said = ngettext(
        "{count} entry is dated in the future (the {label} {id}, last changed {day}); is this computer's clock"
        " right? An import can never replace such an entry with an older-dated copy",
        "{count} entries are dated in the future (the {label} {id}, last changed {day}); is this computer's"
        " clock right? An import can never replace such an entry with an older-dated copy",
        len(ahead),
    )
    return said.format(count=len(ahead), label=_(first.label), id=first.id, day=when)


def _backups_not_settled(path: Path, encrypted: bool) -> list[str]:
    """An interrupted encryption change, and backups not sealed the way the workbook is."""
    found = backups.unsettled(path)
    said = []
    if found.pending:
        said.append(
            _(
                "an encryption change was interrupted; it is finished or undone when the app or any other command"
                " next opens the workbook"
            )
        )
    if found.in_the_clear:
        count = len(found.in_the_clear)
        # TRANSLATORS: {name} is the newest backup's file name.
        line = ngettext(
            "{count} backup is readable without the passphrase although the workbook is encrypted (newest {name})",
            "{count} backups are readable without the passphrase although the workbook is encrypted (newest {name})",
            count,
        )
        said.append(line.format(count=count, name=found.in_the_clear[0].name))
    if found.other_key:
        count = len(found.other_key)
        if encrypted:
            # TRANSLATORS: {name} is the newest backup's file name.
            line = ngettext(
                "{count} backup is encrypted with another passphrase than the workbook (newest {name})",
                "{count} backups are encrypted with another passphrase than the workbook (newest {name})",
                count,
            )
        else:
            # TRANSLATORS: {name} is the newest backup's file name.
            line = ngettext(
                "{count} backup is encrypted although the workbook is not (newest {name})",
                "{count} backups are encrypted although the workbook is not (newest {name})",
                count,
            )
        said.append(line.format(count=count, name=found.other_key[0].name))
    return said


def _backups(count: int) -> str:
    return ngettext("{count} backup", "{count} backups", count).format(count=i18n.number(count))
