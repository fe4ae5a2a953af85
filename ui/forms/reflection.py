"""After a session: the reflection form.

Cut into its blocks, top to bottom: which session, the topics brought, how connected the person
felt, their words, the goals they touched; the starting values of all of them are set first, and
the save gathers them back into a reflection's fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

import ui
from ui import saving
from ui.forms.widgets import (
    RATING_OPTIONS,
    Keys,
    asked_now,
    begin,
    newer_version,
    own_answers,
    own_questions,
    session,
    text_box,
)
from ui.scale import scale
from workbook.i18n import N_, _
from workbook.loop import agenda_of, open_checkin, suggested_session_date
from workbook.models import (
    SHORT_TEXT_MAX,
    AgendaItem,
    CheckIn,
    Goal,
    GoalProgress,
    OwnItem,
    OwnQuestion,
    Reflection,
    Settings,
)
from workbook.repository import Repository
from workbook.text import label_safe
from workbook.wording import LADDER, OVERALL, PARTS

RATINGS = (*PARTS, "overall")  # how connected the person felt, in the order it is asked
Own = tuple[Settings, list[OwnItem], list[OwnQuestion]]  # the settings, own things to rate, own questions
TEXTS = ("what_helped", "what_did_not_help", "insights", "feelings_after", "unsaid", "next_steps")


def reflection_form(
    repo: Repository, prefix: str, existing: Reflection | None = None, after: Callable[[], None] | None = None
) -> None:
    form, k, existing, finish = begin(
        prefix, "reflection", existing, after, _("Reflection saved. Well done for taking the time.")
    )
    waiting = None if existing else open_checkin(repo.checkins(), repo.reflections())  # the check-in it follows
    agenda = list(existing.agenda) if existing else [AgendaItem(topic=t[:SHORT_TEXT_MAX]) for t in agenda_of(waiting)]
    goals = [
        g for g in repo.goals() if g.status == "active" or (existing and any(t.goal_id == g.id for t in existing.goals))
    ]
    settings = repo.settings()
    own = (
        settings,
        rated_now(settings, existing),
        asked_now(settings, "after", existing.own_answers if existing else {}),
    )
    _defaults(k, existing, waiting, agenda, goals, own, repo.reflections())

    with st.container():
        session(k, form, repo, existing.therapist if existing else (waiting.therapist if waiting else ""))
        _agenda_covered(k, agenda)
        _connection(k, form, own[1])
        _texts(k, form)
        own_questions(k, form, own[2])
        _goals_touched(k, goals)
        st.checkbox(_("Private: leave this reflection out of exports and feedback unless I choose"), key=k("private"))
        again = saving.at_the_button(form, prefix, "reflection", newer_version(repo))
        saved = st.button(_("Save reflection"), type="primary", key=f"{form}_save")
    if saved or again:
        fields = _fields(k, agenda, goals)
        fields["own_ratings"] = {i.id: st.session_state[k(f"rate_{i.id}")] for i in own[1]}
        fields["own_ratings"] = {i: v for i, v in fields["own_ratings"].items() if v is not None}
        fields["own_answers"] = own_answers(k, own[2])
        fields["checkin_id"] = existing.checkin_id if existing else (waiting.id if waiting else None)
        saving.save(repo, form, prefix, Reflection, fields, existing, finish, action=again)


def _defaults(
    k: Keys,
    existing: Reflection | None,
    waiting: CheckIn | None,
    agenda: list[AgendaItem],
    goals: list[Goal],
    own: Own,
    reflected: tuple[Reflection, ...],
) -> None:
    """Each widget's starting value: the reflection being edited; for a new one, the date suggested by
    the check-in waiting for it, and nothing rated or written yet."""
    settings, items, questions = own
    ui.default(
        k("session_date"),
        existing.session_date
        if existing
        else suggested_session_date(
            waiting, date.today(), settings.calendar, reflected=[r.session_date for r in reflected[-10:]]
        ),
    )
    for part in RATINGS:
        ui.default(k(part), getattr(existing, part) if existing else None)
    rated = existing.own_ratings if existing else {}
    for item in items:
        ui.default(k(f"rate_{item.id}"), rated.get(item.id))
    answered = existing.own_answers if existing else {}
    for question in questions:
        ui.default(k(f"answer_{question.id}"), answered.get(question.id, ""))
    for name in TEXTS:
        ui.default(k(name), getattr(existing, name) if existing else "")
    ui.default(k("private"), existing.private if existing else False)
    for n, item in enumerate(agenda):
        ui.default(k(f"covered_{n}"), item.covered)
    touched = {t.goal_id: t for t in existing.goals} if existing else {}
    for goal in goals:
        ui.default(k(f"goal_{goal.id}"), touched[goal.id].rating if goal.id in touched else None)


COVERED = {True: N_("We got to it"), False: N_("We did not")}


def _agenda_covered(k: Keys, agenda: list[AgendaItem]) -> None:
    """The topics brought to the session, each answered "we got to it" or "we did not" by the client;
    left unanswered, a topic is said to be neither (never read as missed)."""
    if agenda:
        st.markdown(_("**Did we get to it?** The topics you brought"))
        for n, item in enumerate(agenda):
            st.radio(
                label_safe(item.topic),
                list(COVERED),
                format_func=lambda covered: _(COVERED[covered]),
                key=k(f"covered_{n}"),
                horizontal=True,
            )


def _connection(k: Keys, form: str, items: list[OwnItem]) -> None:
    """How connected the person felt: each part of the relationship, then overall, 0 to 10; then the
    client's own things to rate, in their words, on the same scale (each optional)."""
    st.markdown(_("**How connected did you feel?** 0 is not at all, 10 is completely"))
    for part, (name, wording) in (*PARTS.items(), ("overall", OVERALL)):
        scale(f"{_(name)}: {_(wording)}", RATING_OPTIONS, k(part))
        ui.problem_here(form, part)
    if items:
        st.markdown(_("**Your own things to rate**, 0 to 10 (leave one unchosen if you would rather not)"))
    for item in items:
        # TRANSLATORS: {item} is one of the client's own things to rate, in their words.
        retired = _("{item} (retired)").format(item=item.label) if item.retired else item.label
        scale(retired, RATING_OPTIONS, k(f"rate_{item.id}"))  # their words as written: plain text
    ui.problem_here(form, "own_ratings")


def rated_now(settings: Settings, existing: Reflection | None) -> list[OwnItem]:
    """The own things a reflection form asks: those in use, and any the entry being edited rated
    (retired since: its rating stays editable, never silently dropped)."""
    shown = list(settings.rated())
    rated = existing.own_ratings if existing else {}
    return shown + [i for i in settings.own_items if i.id in rated and i not in shown]


def _texts(k: Keys, form: str) -> None:
    again = _("Offered again in your next check-in.")
    text_box(_("What helped?"), k("what_helped"), form, "what_helped")
    text_box(_("What did not help?"), k("what_did_not_help"), form, "what_did_not_help")
    text_box(_("Insights: anything you understood differently?"), k("insights"), form, "insights")
    text_box(_("How do you feel now?"), k("feelings_after"), form, "feelings_after")
    text_box(_("What did you not say?"), k("unsaid"), form, "unsaid", help_text=again)
    text_box(_("Next steps"), k("next_steps"), form, "next_steps", help_text=again)


def _goals_touched(k: Keys, goals: list[Goal]) -> None:
    """How far each goal has come, on its ladder, in the words Goals uses ("What I expected"), never as
    a bare -2 … +2; a goal left unchosen was not touched today."""
    if not goals:
        return
    st.markdown(_("**Goals you touched**, and how far each has come (leave a goal unchosen if not today)"))
    for goal in goals:
        scale(goal.title, list(LADDER), k(f"goal_{goal.id}"), shown=lambda v: _(LADDER[v]))


def _fields(k: Keys, agenda: list[AgendaItem], goals: list[Goal]) -> dict[str, object]:
    """What the form holds now, as a reflection's fields (all but the check-in it follows)."""
    fields = {name: st.session_state[k(name)] for name in (*TEXTS, *RATINGS, "session_date", "private")}
    fields["therapist"] = st.session_state[k("therapist")] or ""
    fields["agenda"] = tuple(
        AgendaItem(topic=item.topic, covered=st.session_state[k(f"covered_{n}")]) for n, item in enumerate(agenda)
    )
    fields["goals"] = tuple(
        GoalProgress(goal_id=g.id, rating=st.session_state[k(f"goal_{g.id}")])
        for g in goals
        if st.session_state[k(f"goal_{g.id}")] is not None
    )
    return fields
