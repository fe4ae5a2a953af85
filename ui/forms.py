"""The entry forms (check-in, reflection, goal), shared by their own pages and by History's edit.

Widget keys are stable, so a rerun keeps what was typed, and every text field's on_change keeps a
draft in the browser session, so leaving the page before saving loses nothing either. Widget keys are
`<prefix>_<field>`. On save the entry is validated by the domain; a problem is shown under its field
and everything typed stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

import ui
from ui import conflict, saving
from workbook.loop import agenda_of, carried_forward, known_therapists, open_checkin, suggested_session_date
from workbook.models import (
    SHORT_TEXT_MAX,
    AgendaItem,
    CheckIn,
    Entry,
    FeedbackNote,
    Goal,
    GoalProgress,
    Reflection,
)
from workbook.repository import Repository
from workbook.text import label_safe
from workbook.wording import LADDER, OVERALL, PARTS, STATUS, TREND

RATING_OPTIONS = list(range(11))
FAR = date(2200, 12, 31)  # date inputs accept any day; the entry's own rules say which are allowed


def _details(repo: Repository) -> Callable[[Entry], None]:
    def newer(entry: Entry) -> None:
        if isinstance(entry, Goal):  # a goal's details leave out its title, which the page shows
            ui.words(entry.title)
        entry_details(repo, entry)

    return newer


def _ticked(key: str, show: Callable[[int], str] = str) -> Callable[[int], str]:
    """Pill labels with a tick on the chosen one: the choice is plain to see, not only a faint tint."""
    return lambda value: f":material/check: {show(value)}" if st.session_state.get(key) == value else show(value)


def _text(label: str, key: str, form: str, name: str, help_text: str | None = None, height: int = 90) -> None:
    # No max_chars: the browser would drop a paste that is too long. A long text is kept in the box and
    # the limit explained next to it when saving.
    st.text_area(label, key=key, height=height, help=help_text, on_change=ui.remember, args=(key,))
    ui.problem_here(form, name)


def _line(label: str, key: str) -> None:
    st.text_input(label, key=key, on_change=ui.remember, args=(key,))


def _therapist(key: str, repo: Repository, current: str) -> None:
    known = known_therapists(repo.settings().therapists, repo.reflections())
    if current and current not in known:
        known.insert(0, current)
    ui.default(key, current or (known[0] if known else None))
    st.selectbox(
        "Therapist",
        options=known,
        key=key,
        accept_new_options=True,
        placeholder="Type their name",
        help="Remembered from your settings and earlier sessions; type a new name if it is someone new.",
    )


def checkin_form(
    repo: Repository, prefix: str, existing: CheckIn | None = None, after: Callable[[], None] | None = None
) -> None:
    form = f"{prefix}_checkin"
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    existing = conflict.start(prefix, existing)  # type: ignore[assignment]
    finish = saving.finisher(
        form,
        prefix,
        "Changes saved." if existing else "Check-in saved. Take it with you into your session.",
        after,
        here=existing is None,
    )
    today = date.today()
    topics = list(existing.topics) if existing else []
    defaults = {
        "session_date": existing.session_date if existing else today,
        "wellbeing": existing.wellbeing if existing else None,  # unrated until the person chooses
        "trend": existing.trend if existing else None,
        "safety_concern": existing.safety_concern if existing else False,
        **{f"topic_{n}": topics[n] if n < len(topics) else "" for n in range(3)},
    }
    for field in ("what_happened", "homework_worked", "homework_hard", "questions", "hard_to_say"):
        defaults[field] = getattr(existing, field) if existing else ""
    for name, value in defaults.items():
        ui.default(k(name), value)

    # Outside the form on purpose: ticking it shows where to get help at once.
    st.checkbox("I am worried about my safety right now", key=k("safety_concern"))
    if st.session_state[k("safety_concern")]:
        with st.container(border=True):
            st.info("You matter, and help is available now.", icon=":material/favorite:")
            ui.crisis_resources(repo.settings().crisis_lines, repo.settings().crisis_country)
            st.caption("Your safety will be first on the agenda for this session.")

    with st.container():
        st.date_input("Date of the session", key=k("session_date"), format="YYYY-MM-DD", max_value=FAR)
        ui.problem_here(form, "session_date")
        _therapist(k("therapist"), repo, existing.therapist if existing else "")
        st.pills(
            "How have you been since your last session? 0 is very hard, 10 is very well",
            RATING_OPTIONS,
            format_func=_ticked(k("wellbeing")),
            key=k("wellbeing"),
            help="Leave it unchosen if you would rather not put a number on it.",
        )
        st.radio("Compared with last time", options=list(TREND), format_func=TREND.get, horizontal=True, key=k("trend"))
        _text("What happened since last time?", k("what_happened"), form, "what_happened")
        _text("Homework or things you tried: what worked?", k("homework_worked"), form, "homework_worked")
        _text("And what was hard?", k("homework_hard"), form, "homework_hard")
        st.markdown("**Topics to raise**, most important first")
        for n, label in enumerate(("First topic to raise", "Second topic to raise", "Third topic to raise")):
            _line(label, k(f"topic_{n}"))
        ui.problem_here(form, "topics")
        _text("Questions for your therapist", k("questions"), form, "questions")
        _text(
            "Something that feels hard to say",
            k("hard_to_say"),
            form,
            "hard_to_say",
            help_text="Writing it here first can make it easier to say in the room. Only you see this.",
        )
        again = saving.at_the_button(repo, form, prefix, "check-in", finish, _details(repo))
        saved = st.button("Save check-in", type="primary", key=f"{form}_save")
    if saved or again:
        fields = {name: st.session_state[k(name)] for name in defaults if not name.startswith("topic_")}
        fields["therapist"] = st.session_state[k("therapist")] or ""
        fields["topics"] = tuple(st.session_state[k(f"topic_{n}")] for n in range(3))
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
        st.session_state["_topics_full"] = True

    with st.container(border=True):
        st.caption(f"From your reflection of {carry.from_date:%-d %B}")
        for label, text, key in (
            ("What I did not say", carry.unsaid, "unsaid"),
            ("Next steps", carry.next_steps, "next"),
        ):
            if text:
                ui.field(label, text)
                st.button("Add as a topic", key=f"{prefix}_carry_{key}", on_click=add_topic, args=(text,))
        if st.session_state.pop("_topics_full", False):
            st.warning("You already have three topics; clear one to add this.")


def reflection_form(
    repo: Repository, prefix: str, existing: Reflection | None = None, after: Callable[[], None] | None = None
) -> None:
    form = f"{prefix}_reflection"
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    existing = conflict.start(prefix, existing)  # type: ignore[assignment]
    finish = saving.finisher(
        form,
        prefix,
        "Changes saved." if existing else "Reflection saved. Well done for taking the time.",
        after,
        here=existing is None,
    )
    waiting = None if existing else open_checkin(repo.checkins(), repo.reflections())
    agenda = list(existing.agenda) if existing else [AgendaItem(topic=t[:SHORT_TEXT_MAX]) for t in agenda_of(waiting)]
    texts = ("what_helped", "what_did_not_help", "insights", "feelings_after", "unsaid", "next_steps")
    ui.default(k("session_date"), existing.session_date if existing else suggested_session_date(waiting, date.today()))
    for part in (*PARTS, "overall"):
        ui.default(k(part), getattr(existing, part) if existing else None)
    for name in texts:
        ui.default(k(name), getattr(existing, name) if existing else "")
    ui.default(k("private"), existing.private if existing else False)
    for n, item in enumerate(agenda):
        ui.default(k(f"covered_{n}"), item.covered)
    goals = [
        g for g in repo.goals() if g.status == "active" or (existing and any(t.goal_id == g.id for t in existing.goals))
    ]
    touched = {t.goal_id: t for t in existing.goals} if existing else {}
    for goal in goals:
        ui.default(k(f"goal_{goal.id}"), touched[goal.id].rating if goal.id in touched else None)

    with st.container():
        # No max_value: a date past it would silently become today. A future date is refused, said here.
        st.date_input("Date of the session", key=k("session_date"), format="YYYY-MM-DD", max_value=FAR)
        ui.problem_here(form, "session_date")
        _therapist(k("therapist"), repo, existing.therapist if existing else (waiting.therapist if waiting else ""))
        if agenda:
            st.markdown("**Did we get to it?** The topics you brought")
            for n, item in enumerate(agenda):
                st.checkbox(label_safe(item.topic), key=k(f"covered_{n}"))
        st.markdown("**How connected did you feel?** 0 is not at all, 10 is completely")
        for part, (name, wording) in (*PARTS.items(), ("overall", OVERALL)):
            st.pills(f"{name}: {wording}", RATING_OPTIONS, format_func=_ticked(k(part)), key=k(part))
            ui.problem_here(form, part)
        _text("What helped?", k("what_helped"), form, "what_helped")
        _text("What did not help?", k("what_did_not_help"), form, "what_did_not_help")
        _text("Insights: anything you understood differently?", k("insights"), form, "insights")
        _text("How do you feel now?", k("feelings_after"), form, "feelings_after")
        _text("What did you not say?", k("unsaid"), form, "unsaid", help_text="Offered again in your next check-in.")
        _text("Next steps", k("next_steps"), form, "next_steps", help_text="Offered again in your next check-in.")
        if goals:
            st.markdown("**Goals you touched**, and how far each has come (leave a goal unchosen if not today)")
            for goal in goals:
                st.pills(
                    label_safe(goal.title),
                    list(LADDER),
                    format_func=_ticked(k(f"goal_{goal.id}"), lambda v: f"{v:+d}" if v else "0"),
                    key=k(f"goal_{goal.id}"),
                )
            st.caption(
                " · ".join(f"{level:+d}: {words}" if level else f"0: {words}" for level, words in LADDER.items())
            )
        st.checkbox("Private: leave this reflection out of exports and feedback unless I choose", key=k("private"))
        again = saving.at_the_button(repo, form, prefix, "reflection", finish, _details(repo))
        saved = st.button("Save reflection", type="primary", key=f"{form}_save")
    if saved or again:
        fields = {name: st.session_state[k(name)] for name in (*texts, *PARTS, "overall", "session_date", "private")}
        fields["therapist"] = st.session_state[k("therapist")] or ""
        fields["agenda"] = tuple(
            AgendaItem(topic=item.topic, covered=st.session_state[k(f"covered_{n}")]) for n, item in enumerate(agenda)
        )
        fields["goals"] = tuple(
            GoalProgress(goal_id=g.id, rating=st.session_state[k(f"goal_{g.id}")])
            for g in goals
            if st.session_state[k(f"goal_{g.id}")] is not None
        )
        fields["checkin_id"] = existing.checkin_id if existing else (waiting.id if waiting else None)
        saving.save(repo, form, prefix, Reflection, fields, existing, finish, action=again)


def goal_form(
    repo: Repository, prefix: str, existing: Goal | None = None, after: Callable[[], None] | None = None
) -> None:
    form = f"{prefix}_goal"
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    existing = conflict.start(prefix, existing)  # type: ignore[assignment]
    finish = saving.finisher(
        form, prefix, "Changes saved." if existing else "Goal saved.", after, here=existing is None
    )
    for name in ("title", "why_it_matters", "magic_wand", "first_step"):
        ui.default(k(name), getattr(existing, name) if existing else "")
    ui.default(k("agreed_with_therapist"), existing.agreed_with_therapist if existing else False)
    ui.default(k("status"), existing.status if existing else "active")
    for level in LADDER:
        ui.default(k(f"ladder_{level}"), existing.ladder.get(str(level), "") if existing else "")
    with st.container():
        _line("Your goal, in your own words", k("title"))
        ui.problem_here(form, "title")
        _text("Why it matters to you", k("why_it_matters"), form, "why_it_matters")
        _text(
            "If a magic wand solved this overnight, what would be different?",
            k("magic_wand"),
            form,
            "magic_wand",
        )
        _text("A first small step", k("first_step"), form, "first_step", height=68)
        with st.expander("What would each level of progress look like? (optional)"):
            for level, words in LADDER.items():
                _line(f"{level:+d}: {words}" if level else f"0: {words}", k(f"ladder_{level}"))
            ui.problem_here(form, "ladder")
        st.checkbox("I have agreed this goal with my therapist", key=k("agreed_with_therapist"))
        if existing:
            st.radio("Status", list(STATUS), format_func=STATUS.get, horizontal=True, key=k("status"))
        again = saving.at_the_button(repo, form, prefix, "goal", finish, _details(repo))
        saved = st.button("Save goal", type="primary", key=f"{form}_save")
    if saved or again:
        fields = {name: st.session_state[k(name)] for name in ("title", "why_it_matters", "magic_wand", "first_step")}
        fields |= {
            "agreed_with_therapist": st.session_state[k("agreed_with_therapist")],
            "status": st.session_state[k("status")],
            "ladder": {
                str(level): st.session_state[k(f"ladder_{level}")]
                for level in LADDER
                if st.session_state[k(f"ladder_{level}")].strip()
            },
        }
        if existing:
            fields["progress"] = existing.progress
        saving.save(repo, form, prefix, Goal, fields, existing, finish, action=again)


def feedback_form(
    repo: Repository, prefix: str, existing: FeedbackNote, after: Callable[[], None] | None = None
) -> None:
    """Edit a feedback note: its words, when it was shared, and what came of it."""
    form = f"{prefix}_feedback"
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    existing = conflict.start(prefix, existing)  # type: ignore[assignment]
    finish = saving.finisher(form, prefix, "Changes saved.", after, here=False)
    for name in ("body", "response", "agreed_changes"):
        ui.default(k(name), getattr(existing, name))
    ui.default(k("shared_on"), existing.shared_on)
    with st.container():
        _text("The note", k("body"), form, "body", height=200)
        st.date_input("Shared with my therapist on", key=k("shared_on"), format="YYYY-MM-DD", max_value=FAR)
        ui.problem_here(form, "shared_on")
        _text("My therapist's response", k("response"), form, "response")
        _text("What we agreed to change", k("agreed_changes"), form, "agreed_changes")
        again = saving.at_the_button(repo, form, prefix, "feedback note", finish, _details(repo))
        saved = st.button("Save feedback note", type="primary", key=f"{form}_save")
    if saved or again:
        fields = existing.model_dump() | {
            name: st.session_state[k(name)] for name in ("body", "response", "agreed_changes", "shared_on")
        }
        saving.save(repo, form, prefix, FeedbackNote, fields, existing, finish, action=again)


def entry_details(repo: Repository, entry: Entry) -> None:
    """Everything in an entry, the client's words as plain text."""
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
    skip = {"id", "created_at", "updated_at", "therapist", "title", "topics", "agenda", "status"}
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        if name not in skip and not name.endswith("_id") and isinstance(value, str):
            ui.field(info.title or name, value)
    if isinstance(entry, Reflection) and entry.goals:
        titles = {g.id: g.title for g in repo.goals()}
        for touched in entry.goals:
            rating = "not rated" if touched.rating is None else f"{touched.rating:+d}" if touched.rating else "0"
            ui.words(f"Goal “{titles.get(touched.goal_id, 'a deleted goal')}”: {rating}")
    if isinstance(entry, Goal) and entry.ladder:
        for level, text in entry.ladder.items():
            ui.words(f"{int(level):+d}: {text}" if int(level) else f"0: {text}")
    st.caption(f"Written {entry.created_at:%-d %B %Y}; last changed {entry.updated_at:%-d %B %Y}.")
