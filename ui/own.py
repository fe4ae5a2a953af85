"""Settings, made the client's own: their own things to rate, their own questions, and when their
sessions are (with a calendar file that reminds them to check in and to reflect).

Every button here makes one small change to the settings as they are at that moment
(`Repository.change_settings`) and says what it did right where it was pressed. The settings form
above is told of each change (`conflict.follow`), so its next save is not taken for a clash.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import streamlit as st

import ui
from ui import conflict
from ui.state import RESULT
from workbook import preferences, schedule
from workbook.errors import WorkbookError
from workbook.guide import SUGGESTED_QUESTIONS
from workbook.i18n import N_, _
from workbook.loop import known_therapists
from workbook.models import MAX_OWN_ITEMS, MAX_OWN_QUESTIONS, OwnItem, OwnQuestion, Settings
from workbook.repository import Repository
from workbook.text import label_safe

ASKED = {"before": N_("Before a session (check-in)"), "after": N_("After a session (reflection)")}
WHEN = {"before": N_("before a session"), "after": N_("after a session")}  # the same, after a suggestion
ADDED = {"before": N_("Added. It is asked before a session."), "after": N_("Added. It is asked after a session.")}
EVERY = {1: N_("Every week"), 2: N_("Every other week")}
SAID = "settings_said_"  # + a section's name: what its last button did
SUGGESTIONS = "settings_questions_suggestions_open"  # the box of suggested questions
NEW = "settings_added_"  # + a section's name: how many were added in this session (names the new box)


def _change(
    repo: Repository,
    section: str,
    change: Callable[[Settings], Settings],
    done: str,
    *,
    touched: str | None = None,
    added: bool = False,
) -> None:
    """Apply one change to the settings as stored now; say what happened in `section`. Only the one it
    `touched` (an id) shows its stored words afresh: words typed into the others stay. Once something
    is `added`, its box starts empty (a new box: the browser keeps a widget's old text otherwise). If
    the change is refused, every word stays where it was typed."""
    try:
        saved = repo.change_settings(change)
    except WorkbookError as error:
        st.session_state[f"{SAID}{section}"] = ("error", error.message)
    else:
        conflict.follow("settings", saved)
        st.session_state[f"{SAID}{section}"] = ("done", done)
        if touched is not None:
            ui.forget(f"settings_{section}_{touched}")
        if added:
            ui.forget(_new_box(section))
            st.session_state[f"{NEW}{section}"] = st.session_state.get(f"{NEW}{section}", 0) + 1
    st.rerun()


def _new_box(section: str) -> str:
    """The key of the box a new one is typed in: a fresh box after each one added."""
    return f"settings_{section}_new_{st.session_state.get(f'{NEW}{section}', 0)}"


def _said(section: str) -> None:
    said = st.session_state.pop(f"{SAID}{section}", None)
    if said:
        with st.container(key=f"settings_{section}{RESULT}"):  # brought into view if a redraw scrolled away
            kind, message = said
            if kind == "done":
                st.success(message, icon=":material/check_circle:")
            else:
                st.error(message, icon=":material/error:")


# --- Own things to rate and own questions ------------------------------------------------------


def own_items(repo: Repository) -> None:
    st.header(_("Your own things to rate"))
    st.caption(
        _(
            "Up to {count} statements in your own words, like “I felt safe to disagree”, rated 0 to 10 after"
            " each session beside the five parts. Rewording or retiring one keeps its past ratings."
        ).format(count=MAX_OWN_ITEMS)
    )
    settings = repo.settings()
    _own_list(repo, "items", "own_items", settings.rated(), [i for i in settings.own_items if i.retired])
    if len(settings.rated()) < MAX_OWN_ITEMS:
        ui.default(_new_box("items"), "")  # words typed here come back after another tab or page
        label = st.text_input(
            _("A new thing to rate"), key=_new_box("items"), on_change=ui.remember, args=(_new_box("items"),)
        )
        if st.button(_("Add it"), key="settings_items_add"):
            _change(
                repo,
                "items",
                lambda s: preferences.with_own_item(s, label),
                _("Added. It is asked after each session."),
                added=True,
            )
    else:
        st.caption(_("You rate {count} things of your own; retire one to add another.").format(count=MAX_OWN_ITEMS))
    _said("items")


def own_questions(repo: Repository) -> None:
    st.header(_("Your own questions"))
    st.caption(
        _(
            "Questions in your own words, asked before a session or after it. Your answers stay private: they go"
            " into a feedback note only if you tick them there."
        )
    )
    settings = repo.settings()
    in_use = tuple(q for q in settings.own_questions if not q.retired)
    _own_list(repo, "questions", "own_questions", in_use, [q for q in settings.own_questions if q.retired])
    if len(in_use) < MAX_OWN_QUESTIONS:
        ui.default(_new_box("questions"), "")
        prompt = st.text_input(
            _("A new question"), key=_new_box("questions"), on_change=ui.remember, args=(_new_box("questions"),)
        )
        asked = st.radio(
            # TRANSLATORS: when an own question is asked: before a session or after it.
            _("Asked"),
            list(ASKED),
            format_func=lambda a: _(ASKED[a]),
            index=1,
            horizontal=True,
            key="settings_questions_new_asked",
        )
        if st.button(_("Add it"), key="settings_questions_add"):
            _change(
                repo,
                "questions",
                lambda s: preferences.with_own_question(s, prompt, asked),
                _(ADDED[asked]),
                added=True,
            )
        # A suggestion is offered in the language shown; once used it is the client's own question, kept
        # in the words they saw (never translated again).
        taken = {q.prompt.casefold() for q in in_use}
        offered = [(_(text), asked) for text, asked in SUGGESTED_QUESTIONS if _(text).casefold() not in taken]
        box = (
            ui.opened(_("Need a start? Questions drawn from what research found matters"), SUGGESTIONS)
            if offered
            else None
        )
        if box is not None:
            with box:
                for n, (text, asked) in enumerate(offered):
                    with st.container(horizontal=True, vertical_alignment="center"):
                        st.markdown(f"{label_safe(text)} *({_(WHEN[asked])})*")
                        if st.button(_("Use this"), key=f"settings_questions_suggested_{n}"):
                            _change(
                                repo,
                                "questions",
                                lambda s, t=text, a=asked: preferences.with_own_question(s, t, a),
                                _("Added. You can reword it to fit you."),
                            )
    else:
        st.caption(
            _("You have {count} questions of your own; retire one to add another.").format(count=MAX_OWN_QUESTIONS)
        )
    _said("questions")


def _own_list(
    repo: Repository,
    section: str,
    which: preferences.OwnList,
    in_use: tuple[OwnItem, ...] | tuple[OwnQuestion, ...],
    retired: list[OwnItem] | list[OwnQuestion],
) -> None:
    """Each one in use: its words (editable), when it is asked (questions), up, down, retire; and the
    retired ones, each of which can be used again while there is room."""
    limit = MAX_OWN_ITEMS if section == "items" else MAX_OWN_QUESTIONS
    for n, item in enumerate(in_use):
        words = item.label if isinstance(item, OwnItem) else item.prompt
        key = f"settings_{section}_{item.id}"
        ui.default(key, words)
        with st.container(border=True, key=f"{key}_box"):
            numbered = _("Thing to rate {number}") if section == "items" else _("Question {number}")
            typed = st.text_input(numbered.format(number=n + 1), key=key)
            asked = None
            if isinstance(item, OwnQuestion):
                ui.default(f"{key}_asked", item.asked)
                asked = st.radio(
                    _("Asked"), list(ASKED), format_func=lambda a: _(ASKED[a]), horizontal=True, key=f"{key}_asked"
                )
            with st.container(horizontal=True):
                if st.button(_("Save"), key=f"{key}_save", icon=":material/check:"):
                    _change(
                        repo,
                        section,
                        lambda s, i=item.id, t=typed, a=asked: preferences.reworded(s, which, i, t, a),
                        _("Saved."),
                        touched=item.id,
                    )
                if n > 0 and st.button(_("Move up"), key=f"{key}_up", icon=":material/arrow_upward:"):
                    _change(repo, section, lambda s, i=item.id: preferences.moved(s, which, i, -1), _("Moved up."))
                if n < len(in_use) - 1 and st.button(
                    _("Move down"), key=f"{key}_down", icon=":material/arrow_downward:"
                ):
                    _change(repo, section, lambda s, i=item.id: preferences.moved(s, which, i, 1), _("Moved down."))
                if st.button(_("Retire"), key=f"{key}_retire", icon=":material/archive:"):
                    _change(
                        repo,
                        section,
                        lambda s, i=item.id: preferences.retired(s, which, i),
                        _("Retired. Its past ratings are kept.")
                        if section == "items"
                        else _("Retired. Its past answers are kept."),
                        touched=item.id,
                    )
    if retired and (
        box := ui.opened(_("Retired ({count})").format(count=len(retired)), f"settings_{section}_retired_open")
    ):
        with box:
            for item in retired:
                words = item.label if isinstance(item, OwnItem) else item.prompt
                with st.container(horizontal=True, vertical_alignment="center"):
                    ui.words(words)
                    if len(in_use) < limit and st.button(_("Use again"), key=f"settings_{section}_{item.id}_back"):
                        _change(
                            repo,
                            section,
                            lambda s, i=item.id: preferences.retired(s, which, i, retire=False),
                            _("It is asked again."),
                            touched=item.id,
                        )


# --- When sessions happen -------------------------------------------------------------------------


def sessions(repo: Repository) -> None:
    st.header(_("Your sessions"))
    st.caption(
        _(
            "When your sessions usually are. Home then knows your next one, the session pages start from its date,"
            " and a calendar file can remind you to check in before and to reflect after."
        )
    )
    settings = repo.settings()
    cal = settings.calendar
    now = datetime.now()
    coming = schedule.next_session(cal, now)
    if coming is not None:
        # TRANSLATORS: {when} is the session's day and time, e.g. "Tuesday 10 February, 17:00".
        st.info(_("Next session: {when}.").format(when=schedule.when(coming, now.date())), icon=":material/event:")
    for plan in cal.schedules:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            ui.words(schedule.describe(plan))
            if st.button(_("Remove"), key=f"settings_sessions_{plan.id}_remove", icon=":material/delete:"):
                _change(
                    repo,
                    "sessions",
                    lambda s, i=plan.id: preferences.without_schedule(s, i),
                    _("Removed. Take it out of your calendar app too, if you added it there."),
                )
    _add_schedule(repo, settings)
    if cal.schedules:
        _one_off(repo, settings, now)
        _reminders(repo, settings)
    _said("sessions")


def _add_schedule(repo: Repository, settings: Settings) -> None:
    """The box to add a regular session. Once one is added, the box is closed and a new one (new keys:
    the browser keeps a widget's old values otherwise) starts from the usual values next time."""
    label = _("Add your regular session") if not settings.calendar.schedules else _("Add another regular session")
    new = _new_box("sessions")  # settings_sessions_new_<how many were added in this session>
    box = ui.opened(label, f"{new}_open", expanded=not settings.calendar.schedules)
    if box is None:
        return
    # The usual values through session state, never `value=`: a field whose value= is a date or time
    # cannot be emptied in Streamlit 1.67; cleared (or half typed) it keeps sending the last whole value
    # it held ("1" of "17" → 01:00), and that would be saved. Started this way, a cleared field is None.
    ui.default(f"{new}_first", date.today())
    ui.default(f"{new}_start", time(17, 0))
    with box, st.form(f"{new}_form", border=False):
        first = st.date_input(
            _("The next session (its weekday repeats)"), None, key=f"{new}_first", format="YYYY-MM-DD"
        )
        first_said = st.empty()
        start = st.time_input(_("Starts at"), None, step=timedelta(minutes=5), key=f"{new}_start")
        start_said = st.empty()
        minutes = st.number_input(_("Length in minutes"), 10, 480, 50, step=5, key=f"{new}_minutes")
        every = st.radio(
            _("How often"),
            list(EVERY),
            format_func=lambda e: _(EVERY[e]),
            horizontal=True,
            key=f"{new}_every",
        )
        known = known_therapists(settings.therapists, repo.reflections(), repo.checkins())
        therapist = st.selectbox(
            # TRANSLATORS: the therapist a regular session is with.
            _("With"),
            known,
            index=0 if known else None,
            accept_new_options=True,
            placeholder=_("Type their name (optional)"),
            key=f"{new}_therapist",
        )
        # TRANSLATORS: a button: add this regular session.
        if st.form_submit_button(_("Add"), key=f"{new}_go") and _chosen(
            (first, first_said, _("Choose the day of the next session")), (start, start_said, _("Choose a start time"))
        ):
            _change(
                repo,
                "sessions",
                lambda s: preferences.with_schedule(
                    s, starts_on=first, start=start, minutes=int(minutes), every_weeks=every, therapist=therapist or ""
                ),
                _("Added. Home now shows your next session."),
                added=True,
            )


def _chosen(*fields: tuple[object, object, str]) -> bool:
    """Whether every (value, place under its field, words if it is empty) has a value; under each field
    left empty (cleared, or half typed), say what to choose. Nothing is saved until each is chosen."""
    for value, place, missing in fields:
        if value is None:
            place.error(missing, icon=":material/error:")  # type: ignore[attr-defined]
    return all(value is not None for value, _place, _missing in fields)


def _one_off(repo: Repository, settings: Settings, now: datetime) -> None:
    """Move one session, or mark it as not happening; and undo such a change."""
    cal = settings.calendar
    today = now.date()
    changed = {(c.schedule_id, c.on): c for c in cal.changes}
    box = ui.opened(_("A session moved or not happening"), "settings_sessions_change_open")
    if box is None:
        return
    with box:
        # Each session by its schedule and day, not by its place in the list: the list may have moved on
        # (midnight, a change in another window) between drawing it and pressing Save.
        upcoming = {
            (u.schedule_id, u.start.date()): u
            for u in schedule.usual_sessions(cal, today, today + timedelta(weeks=12))[:12]
        }

        def named(which: tuple[str, date]) -> str:
            change = changed.get(which)
            when = schedule.when(upcoming[which], today)
            if change is None:
                return when
            # TRANSLATORS: {session} is a session's day and time, e.g. "Tuesday 10 February, 17:00".
            note = _("{session} (not happening)") if change.moved_to is None else _("{session} (moved)")
            return note.format(session=when)

        if upcoming:
            with st.form("settings_sessions_change_form", border=False):
                picked = st.selectbox(
                    _("Which session"), list(upcoming), format_func=named, key="settings_sessions_change_which"
                )
                what = st.radio(
                    _("What changes"),
                    ["moved", "cancelled"],
                    format_func=lambda w: _("It moves to") if w == "moved" else _("It is not happening"),
                    horizontal=True,
                    key="settings_sessions_change_what",
                )
                # Usual values through session state, so a cleared field is None (see _add_schedule).
                ui.default("settings_sessions_change_day", today)
                ui.default("settings_sessions_change_at", time(17, 0))
                day = st.date_input(_("New day"), None, key="settings_sessions_change_day", format="YYYY-MM-DD")
                day_said = st.empty()
                at = st.time_input(_("New time"), None, step=timedelta(minutes=5), key="settings_sessions_change_at")
                at_said = st.empty()
                if (
                    st.form_submit_button(_("Save this change"), key="settings_sessions_change_go")
                    and picked is not None
                    and (
                        what == "cancelled"  # a session not happening needs no new day or time
                        or _chosen((day, day_said, _("Choose the new day")), (at, at_said, _("Choose the new time")))
                    )
                ):
                    schedule_id, on = picked
                    moved_to = datetime.combine(day, at) if what == "moved" else None
                    _change(
                        repo,
                        "sessions",
                        lambda s: preferences.with_change(s, schedule_id, on, moved_to, today=today),
                        _("Saved. Download the calendar file again to update your calendar app."),
                    )
        for change in cal.changes:  # every change to a session still to come, wherever it was moved
            if change.on < today and (change.moved_to is None or change.moved_to.date() < today):
                continue
            with st.container(horizontal=True, vertical_alignment="center"):
                ui.words(schedule.describe_change(change))
                if st.button(_("Undo"), key=f"settings_sessions_undo_{change.schedule_id}_{change.on}"):
                    _change(
                        repo,
                        "sessions",
                        lambda s, c=change: preferences.without_change(s, c.schedule_id, c.on),
                        _("Back as usual."),
                    )


def _reminders(repo: Repository, settings: Settings) -> None:
    cal = settings.calendar
    st.subheader(_("Reminders in your own calendar"))
    with st.form("settings_sessions_reminders_form", border=False):
        before = st.number_input(
            _("Remind me to check in, minutes before"),
            0,
            1440,
            cal.remind_before,
            step=5,
            key="settings_sessions_before",
        )
        after = st.number_input(
            _("Remind me to reflect, minutes after it ends"),
            0,
            1440,
            cal.remind_after,
            step=5,
            key="settings_sessions_after",
        )
        named = st.checkbox(
            _("Name my therapist in the calendar"),
            cal.show_therapist,
            key="settings_sessions_named",
            # TRANSLATORS: “Therapy session” is the calendar event's title (workbook/schedule.py): the same words.
            help=_("Off: the calendar only says “Therapy session”. None of your words are ever in it."),
        )
        if st.form_submit_button(_("Save reminders"), key="settings_sessions_reminders_go"):
            _change(
                repo,
                "sessions",
                lambda s: preferences.with_reminders(s, before=int(before), after=int(after), show_therapist=named),
                _("Saved. Download the calendar file again to update your calendar app."),
            )
    here = _here()  # read now: the download itself runs later, outside this page's run
    st.download_button(
        _("Download the calendar file (.ics)"),
        data=lambda: schedule.calendar_file(repo.settings(), here),
        file_name="therapy-sessions.ics",
        mime="text/calendar",
        key="settings_sessions_ics",
        on_click="ignore",
        icon=":material/calendar_month:",
    )
    st.caption(
        _(
            "Open it with Google Calendar, Apple Calendar, Outlook or Thunderbird. It holds only “Therapy session”,"
            " the times, and links back to this workbook on this computer; none of your words."
        )
    )


def _here() -> str:
    """This workbook's address as the browser sees it (http://localhost:8501), for the calendar's links."""
    url = urlsplit(st.context.url or "http://localhost:8501")
    return f"{url.scheme}://{url.netloc}"
