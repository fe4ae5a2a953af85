"""Before a session: the check-in form, and last session's unsaid things offered as topics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

import ui
from ui import saving
from ui.forms.widgets import (
    RATING_OPTIONS,
    asked_now,
    begin,
    newer_version,
    own_answers,
    own_questions,
    session,
    text_box,
    text_line,
)
from ui.scale import scale
from ui.state import TOPICS_FULL
from workbook import i18n
from workbook.i18n import _
from workbook.loop import SAFETY_FIRST, carried_forward, checkin_date
from workbook.models import SHORT_TEXT_MAX, CheckIn
from workbook.repository import Repository
from workbook.wording import TREND


def checkin_form(
    repo: Repository, prefix: str, existing: CheckIn | None = None, after: Callable[[], None] | None = None
) -> None:
    form, k, existing, finish = begin(
        prefix,
        "checkin",
        existing,
        after,
        _("Check-in saved. Home keeps it for you, ready to read in your session, until you reflect on it."),
    )
    topics = list(existing.topics) if existing else []
    answered = existing.own_answers if existing else {}
    questions = asked_now(repo.settings(), "before", answered)
    defaults = {
        "session_date": existing.session_date if existing else checkin_date(repo.settings().calendar, datetime.now()),
        "wellbeing": existing.wellbeing if existing else None,  # unrated until the person chooses
        "trend": existing.trend if existing else None,
        "safety_concern": existing.safety_concern if existing else False,
        **{f"topic_{n}": topics[n] if n < len(topics) else "" for n in range(3)},
    }
    for field in ("what_happened", "homework_worked", "homework_hard", "questions", "hard_to_say"):
        defaults[field] = getattr(existing, field) if existing else ""
    for name, value in defaults.items():
        ui.default(k(name), value)
    for question in questions:
        ui.default(k(f"answer_{question.id}"), answered.get(question.id, ""))

    # Outside the form on purpose: ticking it shows where to get help at once.
    st.checkbox(_("I am worried about my safety right now"), key=k("safety_concern"))
    if st.session_state[k("safety_concern")]:
        with st.container(border=True):
            st.info(_("You matter, and help is available now."), icon=":material/favorite:")
            ui.crisis_resources(repo.settings().crisis_lines, repo.settings().crisis_country)
            st.write(_(SAFETY_FIRST))  # what the client can do: the workbook cannot arrange it for them

    with st.container():
        session(k, form, repo, existing.therapist if existing else "")
        scale(
            _("How have you been since your last session? 0 is very hard, 10 is very well"),
            RATING_OPTIONS,
            k("wellbeing"),
            hint=_("Leave it unchosen if you would rather not put a number on it."),
        )
        st.radio(
            _("Compared with last time"),
            options=list(TREND),
            format_func=lambda t: _(TREND[t]),
            horizontal=True,
            key=k("trend"),
        )
        text_box(_("What happened since last time?"), k("what_happened"), form, "what_happened")
        text_box(_("Homework or things you tried: what worked?"), k("homework_worked"), form, "homework_worked")
        text_box(_("And what was hard?"), k("homework_hard"), form, "homework_hard")
        st.markdown(_("**Topics to raise**, most important first"))
        for n, label in enumerate((_("First topic to raise"), _("Second topic to raise"), _("Third topic to raise"))):
            text_line(label, k(f"topic_{n}"))
        ui.problem_here(form, "topics")
        text_box(_("Questions for your therapist"), k("questions"), form, "questions")
        text_box(
            _("Something that feels hard to say"),
            k("hard_to_say"),
            form,
            "hard_to_say",
            help_text=_("Writing it here first can make it easier to say in the room. Only you see this."),
        )
        own_questions(k, form, questions)
        again = saving.at_the_button(form, prefix, "check-in", newer_version(repo))
        saved = st.button(_("Save check-in"), type="primary", key=f"{form}_save")
    if saved or again:
        fields = {name: st.session_state[k(name)] for name in defaults if not name.startswith("topic_")}
        fields["therapist"] = st.session_state[k("therapist")] or ""
        fields["topics"] = tuple(st.session_state[k(f"topic_{n}")] for n in range(3))
        fields["own_answers"] = own_answers(k, questions)
        saving.save(repo, form, prefix, CheckIn, fields, existing, finish, action=again)


def offer_carried_forward(repo: Repository, prefix: str) -> None:
    """Unsaid things and next steps from the last reflection, each one click from the agenda."""
    carry = carried_forward(repo.reflections())
    if carry is None:
        return

    def add_topic(text: str) -> None:
        for n in range(3):
            key = f"{prefix}_topic_{n}"
            if not st.session_state.get(key):
                st.session_state[key] = text[:SHORT_TEXT_MAX]
                return
        st.session_state[TOPICS_FULL] = True

    with st.container(border=True):
        # TRANSLATORS: {day} is a day and month, "9 February".
        st.caption(_("From your reflection of {day}").format(day=i18n.day_month(carry.from_date)))
        for label, text, key in (
            (_("What I did not say"), carry.unsaid, "unsaid"),
            (_("Next steps"), carry.next_steps, "next"),
        ):
            if text:
                ui.field(label, text)
                st.button(_("Add as a topic"), key=f"{prefix}_carry_{key}", on_click=add_topic, args=(text,))
        if st.session_state.pop(TOPICS_FULL, False):
            st.warning(_("You already have three topics; clear one to add this."))
