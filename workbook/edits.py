"""Edits that meet a newer version: what clashes, and applying one edit on top of another.

An editor starts from one stored version of an entry (its `base`). When the person saves, the stored
entry may have been changed elsewhere since (another tab, the command line). The repository then
refuses the save (ChangedElsewhereError); these functions let the page show what differs and, when
the person chooses, apply just the fields they changed on top of the newer version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from . import i18n
from .i18n import _
from .models import Entry

E = TypeVar("E", bound=Entry)
_BOOKKEEPING = ("id", "created_at", "updated_at")


def _fields(entry: Entry) -> list[str]:
    return [name for name in type(entry).model_fields if name not in _BOOKKEEPING]


def changed(base: Entry, mine: Entry) -> list[str]:
    """The fields `mine` changed from `base`."""
    return [name for name in _fields(base) if getattr(mine, name) != getattr(base, name)]


def clashes(base: Entry, mine: Entry, newer: Entry) -> list[str]:
    """Fields both edits changed, to different values: applying mine there replaces the other words."""
    theirs = set(changed(base, newer))
    return [name for name in changed(base, mine) if name in theirs and getattr(mine, name) != getattr(newer, name)]


def on_top(base: E, mine: E, newer: E) -> E:
    """`newer`, with the fields `mine` changed from `base` set to mine; the rest stay as in `newer`."""
    return newer.model_copy(update={name: getattr(mine, name) for name in changed(base, mine)})


def when(moment: datetime, today: date | None = None) -> str:
    """'14:02' today, else '3 March 2026, 14:02', in this computer's time zone (as the language writes it)."""
    local = moment.astimezone()
    if local.date() == (today or date.today()):
        return i18n.clock(local)
    return i18n.date_and_time(local)


def field_titles(entry: Entry, names: list[str]) -> list[str]:
    """The fields' titles (marked N_() in workbook.models), in the current language."""
    fields = type(entry).model_fields
    return [_(title) if (title := fields[name].title) else name for name in names]
