"""What an entry holds, shown as plain text: an entry opened in History or on its page, and the
newer version when a save meets one.

A short summary for its kind first (ratings, topics, status), then the client's writing field by
field, then what it rated (a reflection's goals) or described (a goal's ladder).
"""

from __future__ import annotations

import streamlit as st

import ui
from workbook.models import CheckIn, Entry, Goal, Reflection, Settings
from workbook.repository import Repository
from workbook.wording import PARTS, STATUS, TREND

# Shown in the summary or by the page itself, or not the client's writing.
NOT_WRITING = {"id", "created_at", "updated_at", "therapist", "title", "topics", "agenda", "status"}


def entry_details(repo: Repository, entry: Entry) -> None:
    """Everything in an entry, the client's words as plain text."""
    _summary(entry)
    _writing(entry)
    if isinstance(entry, Reflection | CheckIn):
        _own(repo.settings(), entry)
    if isinstance(entry, Reflection) and entry.goals:
        _goals_rated(repo, entry)
    if isinstance(entry, Goal) and entry.ladder:
        _ladder(entry)
    st.caption(f"Written {entry.created_at:%-d %B %Y}; last changed {entry.updated_at:%-d %B %Y}.")


def _summary(entry: Entry) -> None:
    """The first lines, for its kind: a reflection's ratings and agenda, a check-in's how-I-had-been
    and topics, a goal's status."""
    if isinstance(entry, Reflection):
        ratings = " · ".join(f"{PARTS[p][0]} {'not rated' if v is None else v}" for p, v in entry.ratings().items())
        overall = "not rated" if entry.overall is None else f"{entry.overall}/10"
        ui.words(f"Overall connection {overall} — {ratings}")
        for item in entry.agenda:
            ui.words(f"{'✓ Got to' if item.covered else '✗ Did not get to'}: {item.topic}")
    if isinstance(entry, CheckIn):
        trend = f", {TREND[entry.trend].lower()}" if entry.trend else ""
        feeling = "not rated" if entry.wellbeing is None else f"{entry.wellbeing}/10"
        ui.words(f"How I had been: {feeling}{trend}")
        for n, topic in enumerate(entry.topics, start=1):
            ui.words(f"Topic {n}: {topic}")
        if entry.safety_concern:
            ui.words("I was worried about my safety.")
    if isinstance(entry, Goal):
        ui.words(
            f"Status: {STATUS[entry.status]}" + (" · agreed with my therapist" if entry.agreed_with_therapist else "")
        )


def _writing(entry: Entry) -> None:
    """Each text the client wrote, under its field's title; empty ones left out."""
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        if name not in NOT_WRITING and not name.endswith("_id") and isinstance(value, str):
            ui.field(info.title or name, value)


def _own(settings: Settings, entry: Reflection | CheckIn) -> None:
    """The client's own things rated and own questions answered, under their words now (an item
    reworded since shows its new words; one no longer in the settings, a plain name)."""
    if isinstance(entry, Reflection) and entry.own_ratings:
        labels = {i.id: i.label for i in settings.own_items}
        ui.words(
            " · ".join(
                f"{labels.get(i, 'a thing to rate no longer in your settings')} {v}/10"
                for i, v in entry.own_ratings.items()
            )
        )
    prompts = {q.id: q.prompt for q in settings.own_questions}
    for question, answer in entry.own_answers.items():
        ui.field(prompts.get(question, "A question no longer in your settings"), answer)


def _goals_rated(repo: Repository, entry: Reflection) -> None:
    titles = {g.id: g.title for g in repo.goals()}
    for touched in entry.goals:
        rating = "not rated" if touched.rating is None else f"{touched.rating:+d}" if touched.rating else "0"
        ui.words(f"Goal “{titles.get(touched.goal_id, 'a deleted goal')}”: {rating}")


def _ladder(entry: Goal) -> None:
    for level, text in entry.ladder.items():
        ui.words(f"{int(level):+d}: {text}" if int(level) else f"0: {text}")
