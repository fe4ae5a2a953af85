"""Changing the settings: the settings form's text boxes, the client's own things to rate and own
questions, and when sessions happen; every change returns validated Settings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Literal

from . import i18n
from .errors import InvalidEntryError, NotFoundError
from .i18n import _
from .models import Entry, Settings
from .text import lines_of, split_contact
from .validation import build_entry


def updated_settings(
    settings: Settings,
    *,
    name: str,
    therapists: str,
    crisis_country: str,
    crisis_lines: str,
    backups_to_keep: int,
    idle_lock_minutes: int | None = None,
    thresholds: dict[str, int] | None = None,
) -> Settings:
    """`settings` with the form's values; one therapist or crisis line per line of text."""
    data = settings.model_dump()
    lines = [{"name": n, "contact": c} for n, c in map(split_contact, lines_of(crisis_lines))]
    data |= {
        "name": name,
        "therapists": lines_of(therapists),
        "crisis_country": crisis_country,
        "crisis_lines": lines or data["crisis_lines"],  # never leave the client with nowhere to turn
        "backups_to_keep": backups_to_keep,
    }
    if idle_lock_minutes is not None:
        data["idle_lock_minutes"] = idle_lock_minutes
    if thresholds is not None:
        data["thresholds"] = {**data["thresholds"], **thresholds}
    return build_entry(Settings, **data)  # type: ignore[return-value]


def unlisted_therapists(settings: Settings, named: Iterable[Entry]) -> list[str]:
    """The therapists `named` in entries (check-ins, reflections, feedback notes; newest first as given)
    and in the regular sessions, that the settings' list does not have yet: a name typed in a check-in
    for someone new is offered to the list. Names are compared as the list compares them (any case)."""
    listed = {name.casefold() for name in settings.therapists}
    found: dict[str, str] = {}
    for entry in named:
        name = getattr(entry, "therapist", "")
        if name and name.casefold() not in listed:
            found.setdefault(name.casefold(), name)
    for plan in settings.calendar.schedules:
        if plan.therapist and plan.therapist.casefold() not in listed:
            found.setdefault(plan.therapist.casefold(), plan.therapist)
    return list(found.values())


def therapists_with(typed: str, names: Iterable[str]) -> str:
    """The settings form's therapists box (one per line) with `names` added at the end."""
    return "\n".join([*lines_of(typed), *names])


# --- The client's own things to rate and own questions (issue 14) -------------------------------
# Each change below returns new, validated Settings; the page saves them through
# Repository.change_settings, applied to the settings as they are at that moment.

OwnList = Literal["own_items", "own_questions"]
_TEXT = {"own_items": "label", "own_questions": "prompt"}


def _with(settings: Settings, **changes: object) -> Settings:
    return build_entry(Settings, **(settings.model_dump() | changes))  # type: ignore[return-value]


def _dumped(settings: Settings, which: OwnList) -> list[dict]:
    return [item.model_dump() for item in getattr(settings, which)]


def _index(items: list[dict], item_id: str) -> int:
    for n, item in enumerate(items):
        if item["id"] == item_id:
            return n
    raise NotFoundError(_("That one is no longer in your settings; it may have been changed in another window."))


def _usable(settings: Settings, which: OwnList, text: str, item_id: str | None = None) -> None:
    """Words for an own thing to rate or question: some words, not the same as another one in use."""
    if not text.strip():
        if which == "own_items":
            raise InvalidEntryError(_("Write a few words first: what you want to rate?"))
        raise InvalidEntryError(_("Write a few words first: what you want to ask yourself?"))
    same = [
        item
        for item in getattr(settings, which)
        if not item.retired and item.id != item_id and getattr(item, _TEXT[which]).casefold() == text.strip().casefold()
    ]
    if same:
        raise InvalidEntryError(
            _("You already have one with these words; the same words twice could not be told apart.")
        )


def with_own_item(settings: Settings, label: str) -> Settings:
    """One more own thing to rate, last in the list."""
    _usable(settings, "own_items", label)
    return _with(settings, own_items=[*_dumped(settings, "own_items"), {"label": label}])


def with_own_question(settings: Settings, prompt: str, asked: str) -> Settings:
    """One more own question, asked before or after a session."""
    _usable(settings, "own_questions", prompt)
    return _with(settings, own_questions=[*_dumped(settings, "own_questions"), {"prompt": prompt, "asked": asked}])


def reworded(settings: Settings, which: OwnList, item_id: str, text: str, asked: str | None = None) -> Settings:
    """New words for an own thing to rate or own question (and when a question is asked); its
    answers and ratings stay with it."""
    _usable(settings, which, text, item_id)
    items = _dumped(settings, which)
    item = items[_index(items, item_id)]
    item[_TEXT[which]] = text
    if asked is not None:
        item["asked"] = asked
    return _with(settings, **{which: items})


def moved(settings: Settings, which: OwnList, item_id: str, step: int) -> Settings:
    """Move one up (step -1) or down (+1) among those in use; retired ones keep their place."""
    items = _dumped(settings, which)
    in_use = [n for n, item in enumerate(items) if not item["retired"]]
    if _index(items, item_id) not in in_use:
        # TRANSLATORS: "Retired" is the heading of the list of own things no longer asked, as translated there.
        raise NotFoundError(_("That one was retired, perhaps in another window; it is listed under Retired now."))
    here = in_use.index(_index(items, item_id))
    there = here + step
    if 0 <= there < len(in_use):
        a, b = in_use[here], in_use[there]
        items[a], items[b] = items[b], items[a]
    return _with(settings, **{which: items})


def retired(settings: Settings, which: OwnList, item_id: str, *, retire: bool = True) -> Settings:
    """No longer asked (its past ratings and answers are kept), or asked again."""
    items = _dumped(settings, which)
    item = items.pop(_index(items, item_id))
    if not retire:
        _usable(settings, which, item[_TEXT[which]], item_id)
    item["retired"] = retire
    items.append(item)  # brought back: last of those in use; retired: out of the way
    return _with(settings, **{which: items})


# --- When sessions happen ---------------------------------------------------------------------


def with_schedule(
    settings: Settings,
    *,
    starts_on: date,
    start: time,
    minutes: int,
    every_weeks: int,
    therapist: str = "",
    ends_on: date | None = None,
) -> Settings:
    """One more regular session."""
    calendar = settings.calendar.model_dump()
    calendar["schedules"] = [
        *calendar["schedules"],
        {
            "starts_on": starts_on,
            "start": start,
            "minutes": minutes,
            "every_weeks": every_weeks,
            "therapist": therapist,
            "ends_on": ends_on,
        },
    ]
    return _with(settings, calendar=calendar)


def without_schedule(settings: Settings, schedule_id: str) -> Settings:
    """A regular session removed, with its one-off changes. It holds none of the client's words."""
    calendar = settings.calendar.model_dump()
    calendar["schedules"] = [s for s in calendar["schedules"] if s["id"] != schedule_id]
    calendar["changes"] = [c for c in calendar["changes"] if c["schedule_id"] != schedule_id]
    return _with(settings, calendar=calendar)


def with_change(
    settings: Settings, schedule_id: str, on: date, moved_to: datetime | None, *, today: date | None = None
) -> Settings:
    """A one-off change to the session that would have been on `on`: moved, or (None) not happening.
    A second change of the same session replaces the first. With `today`, a session cannot be moved
    to a day already past (it would vanish from what is to come)."""
    if today is not None and moved_to is not None and moved_to.date() < today:
        said = _("{day} has passed; a session can be moved to today or a later day.")
        raise InvalidEntryError(said.format(day=i18n.long_date(moved_to.date())))
    calendar = settings.calendar.model_dump()
    others = [c for c in calendar["changes"] if not (c["schedule_id"] == schedule_id and c["on"] == on)]
    calendar["changes"] = [*others, {"schedule_id": schedule_id, "on": on, "moved_to": moved_to}]
    return _with(settings, calendar=calendar)


def without_change(settings: Settings, schedule_id: str, on: date) -> Settings:
    """The session back as usual."""
    calendar = settings.calendar.model_dump()
    calendar["changes"] = [c for c in calendar["changes"] if not (c["schedule_id"] == schedule_id and c["on"] == on)]
    return _with(settings, calendar=calendar)


def with_reminders(settings: Settings, *, before: int, after: int, show_therapist: bool) -> Settings:
    calendar = settings.calendar.model_dump() | {
        "remind_before": before,
        "remind_after": after,
        "show_therapist": show_therapist,
    }
    return _with(settings, calendar=calendar)


def with_language(settings: Settings, language: str) -> Settings:
    """`settings` speaking `language` ('en', 'es'; '' to follow the browser again)."""
    return _with(settings, language=language)
