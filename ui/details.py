"""What an entry holds, shown as plain text: an entry opened in History or on its page, and the
newer version when a save meets one.

A short summary for its kind first (ratings, topics, status), then the client's writing field by
field, then what it rated (a reflection's goals) or described (a goal's ladder).
"""

from __future__ import annotations

import streamlit as st

import ui
from workbook import i18n
from workbook.i18n import _
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
    st.caption(
        _("Written {created}; last changed {changed}.").format(
            created=i18n.long_date(entry.created_at.date()), changed=i18n.long_date(entry.updated_at.date())
        )
    )


def _summary(entry: Entry) -> None:
    """The first lines, for its kind: a reflection's ratings and agenda, a check-in's how-I-had-been
    and topics, a goal's status."""
    if isinstance(entry, Reflection):
        not_rated = _("not rated")
        ratings = " · ".join(f"{_(PARTS[p][0])} {not_rated if v is None else v}" for p, v in entry.ratings().items())
        overall = not_rated if entry.overall is None else f"{entry.overall}/10"
        ui.words(_("Overall connection {overall} — {ratings}").format(overall=overall, ratings=ratings))
        for item in entry.agenda:
            if item.covered is None:
                # TRANSLATORS: {topic} is a topic the client brought; they have not said whether it was covered.
                got = _("· Brought: {topic}")
            else:
                # TRANSLATORS: {topic} is a topic the client brought to the session, in their own words.
                got = _("✓ Got to: {topic}") if item.covered else _("✗ Did not get to: {topic}")
            ui.words(got.format(topic=item.topic))
    if isinstance(entry, CheckIn):
        feeling = _("not rated") if entry.wellbeing is None else f"{entry.wellbeing}/10"
        if entry.trend:
            # TRANSLATORS: {feeling} is a rating such as "6/10"; {trend} is "better", "about the same" or "worse".
            had_been = _("How I had been: {feeling}, {trend}").format(
                feeling=feeling, trend=_(TREND[entry.trend]).lower()
            )
        else:
            had_been = _("How I had been: {feeling}").format(feeling=feeling)
        ui.words(had_been)
        for n, topic in enumerate(entry.topics, start=1):
            ui.words(_("Topic {number}: {topic}").format(number=n, topic=topic))
        if entry.safety_concern:
            ui.words(_("I was worried about my safety."))
    if isinstance(entry, Goal):
        status = _(STATUS[entry.status])
        if entry.agreed_with_therapist:
            ui.words(_("Status: {status} · agreed with my therapist").format(status=status))
        else:
            ui.words(_("Status: {status}").format(status=status))


def _writing(entry: Entry) -> None:
    """Each text the client wrote, under its field's title; empty ones left out."""
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        if name not in NOT_WRITING and not name.endswith("_id") and isinstance(value, str):
            ui.field(_(info.title) if info.title else name, value)


def _own(settings: Settings, entry: Reflection | CheckIn) -> None:
    """The client's own things rated and own questions answered, under their words now (an item
    reworded since shows its new words; one no longer in the settings, a plain name)."""
    if isinstance(entry, Reflection) and entry.own_ratings:
        labels = {i.id: i.label for i in settings.own_items}
        gone = _("a thing to rate no longer in your settings")
        ui.words(" · ".join(f"{labels.get(i, gone)} {v}/10" for i, v in entry.own_ratings.items()))
    prompts = {q.id: q.prompt for q in settings.own_questions}
    for question, answer in entry.own_answers.items():
        ui.field(prompts[question] if question in prompts else _("A question no longer in your settings"), answer)


def _goals_rated(repo: Repository, entry: Reflection) -> None:
    titles = {g.id: g.title for g in repo.goals()}
    for touched in entry.goals:
        rating = _("not rated") if touched.rating is None else f"{touched.rating:+d}" if touched.rating else "0"
        title = titles[touched.goal_id] if touched.goal_id in titles else _("a deleted goal")
        # TRANSLATORS: {title} is the goal's title in the client's words; {rating} is its progress, -2 to +2.
        ui.words(_("Goal “{title}”: {rating}").format(title=title, rating=rating))


def _ladder(entry: Goal) -> None:
    for level, text in entry.ladder.items():
        ui.words(f"{int(level):+d}: {text}" if int(level) else f"0: {text}")
