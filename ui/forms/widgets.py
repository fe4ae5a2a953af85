"""The pieces every entry form is built from: the start of a form, its text boxes, the session's date
and therapist, and the newer version shown when a save meets one.

Every text box's on_change keeps a draft (ui.state.remember), so leaving the page before saving
loses nothing; a problem found on saving is shown right under its field. Words given back to a form
that this session did not have on screen (a reload, another tab of this browser) are said at the top
of the form, with when they were typed, and the form saves nothing until the person keeps or clears
them (`begin`, `brought_back`). Words typed in this tab that a restart of the app took (the page did
not show them any more) are said there too, as gone (`gone_since`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

import streamlit as st

import ui
from ui import conflict, saving, state
from ui.details import entry_details
from ui.state import HELD, RESULT
from workbook import i18n
from workbook.drafts import STARTED
from workbook.i18n import _
from workbook.loop import known_therapists
from workbook.models import Asked, Entry, Goal, OwnQuestion, Settings
from workbook.repository import Repository
from workbook.text import label_safe

RATING_OPTIONS = list(range(11))
FAR = date(2200, 12, 31)  # date inputs accept any day; the entry's own rules say which are allowed
Keys = Callable[[str], str]  # a form's field name -> its widget key, `<prefix>_<field>`
E = TypeVar("E", bound=Entry)
# What saves a form: its Save, and the answers at its button after a first press (ui.saving, ui.conflict).
SAVING = ("_save", "_same_day_yes", "_conflict_apply", "_conflict_new")
_TO_SAY = "_brought_back_to_say"  # form -> its prefix, from `begin` to the first of its boxes drawn


def begin(
    prefix: str, kind: str, existing: E | None, after: Callable[[], None] | None, saved_new: str = ""
) -> tuple[str, Keys, E | None, Callable[[], None]]:
    """Start a form: its name (`<prefix>_<kind>`), its widgets' keys, the version it edits (held while
    the person edits it, see ui.conflict), and what follows a save: a new entry's form stays on the
    page and says `saved_new` (translated) at its button; an editor says "Changes saved." at the top."""
    form = f"{prefix}_{kind}"
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    existing = conflict.start(prefix, existing)  # type: ignore[assignment]
    finish = saving.finisher(form, prefix, _("Changes saved.") if existing else saved_new, after, here=existing is None)
    _hold_unseen(form, prefix)
    st.session_state.setdefault(_TO_SAY, {})[form] = prefix  # said above the form's first box
    return form, k, existing, finish


def _hold_unseen(form: str, prefix: str) -> None:
    """Words brought back and not yet kept or cleared are never saved unseen: a press of Save (or of an
    answer at the button) does nothing but bring the announcement, saying so, into view."""
    if state.brought_back(f"{prefix}_") and any(st.session_state.get(f"{form}{press}") for press in SAVING):
        st.session_state[f"{HELD}{form}"] = True
        st.rerun()


def _say_brought_back(key: str) -> None:
    """Above the first box a form draws: the words brought back into it, if any, and a choice."""
    waiting = st.session_state.get(_TO_SAY, {})
    form = next((f for f, prefix in waiting.items() if key.startswith(f"{prefix}_")), None)
    if form is not None:
        brought_back(form, waiting.pop(form))


def brought_back(form: str, prefix: str) -> None:
    """Say that words typed earlier and not saved are back in this form (`prefix`'s boxes), when they
    were typed, and offer to keep or clear them; until one is chosen the form saves nothing. Words a
    restart of the app took from this form are said to be gone."""
    if state.lost(f"{prefix}_"):
        with st.container(key=f"{form}_gone"):
            st.warning(gone_since(STARTED), icon=":material/history:")
    back = state.brought_back(f"{prefix}_")
    if not back:
        st.session_state.pop(f"{HELD}{form}", None)
        return
    held = st.session_state.pop(f"{HELD}{form}", False)
    said = when_typed(max(back.values()))
    # RESULT in the key once Save was held: the page's keeper script brings the question into view
    with st.container(border=True, key=f"{form}_brought_back{RESULT if held else ''}"):
        if held:
            # TRANSLATORS: {problems} is what was wrong, one or more sentences.
            st.warning(_("Not saved yet. {problems}").format(problems=said), icon=":material/error:")
        else:
            st.info(said, icon=":material/history:")
        with st.container(horizontal=True):
            st.button(
                _("Keep them"), key=f"{form}_brought_back_keep", on_click=state.keep_brought_back, args=(f"{prefix}_",)
            )
            st.button(
                _("Clear them"),
                key=f"{form}_brought_back_clear",
                on_click=state.clear_brought_back,
                args=(f"{prefix}_",),
            )


def when_typed(at: datetime) -> str:
    """The announcement of words brought back, typed at `at`."""
    if at.date() == date.today():
        # TRANSLATORS: {time} is when the words were typed, "14:02".
        return _("Words you typed at {time} and did not save are back: keep them or clear them.").format(
            time=i18n.clock(at)
        )
    # TRANSLATORS: {day} is a day and month, "9 February"; {time} is when the words were typed, "14:02".
    return _("Words you typed on {day} at {time} and did not save are back: keep them or clear them.").format(
        day=i18n.day_month(at.date()), time=i18n.clock(at)
    )


def gone_since(started: datetime) -> str:
    """Words typed in this form and not saved, which the app's restart at `started` took."""
    if started.date() == date.today():
        # TRANSLATORS: {time} is when the app started again, "14:02".
        return _("Words typed before the app restarted at {time} were not saved and are gone.").format(
            time=i18n.clock(started)
        )
    # TRANSLATORS: {day} is a day and month, "9 February"; {time} is when the app started again, "14:02".
    return _("Words typed before the app restarted on {day} at {time} were not saved and are gone.").format(
        day=i18n.day_month(started.date()), time=i18n.clock(started)
    )


def newer_version(repo: Repository) -> Callable[[Entry], None]:
    """How a form shows the newer version its save met."""

    def newer(entry: Entry) -> None:
        if isinstance(entry, Goal):  # a goal's details leave out its title, which the page shows
            ui.words(entry.title)
        entry_details(repo, entry)

    return newer


def text_box(label: str, key: str, form: str, name: str, help_text: str | None = None, height: int = 90) -> None:
    # No max_chars: the browser would drop a paste that is too long. A long text is kept in the box and
    # the limit explained next to it when saving.
    _say_brought_back(key)
    st.text_area(label, key=key, height=height, help=help_text, on_change=ui.remember, args=(key,))
    ui.problem_here(form, name)


def own_questions(k: Keys, form: str, questions: list[OwnQuestion]) -> None:
    """The client's own questions, in their words, each a text box like the others."""
    if questions:
        st.markdown(_("**Your own questions**"))
    for question in questions:
        # TRANSLATORS: {question} is the client's own question, in their words.
        label = _("{question} (retired)").format(question=question.prompt) if question.retired else question.prompt
        text_box(label_safe(label), k(f"answer_{question.id}"), form, "own_answers")


def own_answers(k: Keys, questions: list[OwnQuestion]) -> dict[str, str]:
    """What the form holds for the own questions; a question left blank is not answered."""
    typed = {q.id: st.session_state[k(f"answer_{q.id}")] or "" for q in questions}
    return {qid: text for qid, text in typed.items() if text.strip()}


def asked_now(settings: Settings, when: Asked, answered: dict[str, str]) -> list[OwnQuestion]:
    """The own questions a form shows: those asked now, and any an entry being edited answered
    (retired or moved since: its answer stays editable, never silently dropped)."""
    shown = list(settings.asked(when))
    shown += [q for q in settings.own_questions if q.id in answered and q not in shown]
    return shown


def text_line(label: str, key: str) -> None:
    _say_brought_back(key)
    st.text_input(label, key=key, on_change=ui.remember, args=(key,))


def session(k: Keys, form: str, repo: Repository, therapist: str) -> None:
    """Which session: its date and therapist, first in a check-in and in a reflection."""
    # No max_value: a date past it would silently become today. A future date is refused, said here.
    _say_brought_back(k("session_date"))
    st.date_input(_("Date of the session"), key=k("session_date"), format="YYYY-MM-DD", max_value=FAR)
    ui.problem_here(form, "session_date")
    _therapist(k("therapist"), repo, therapist)


def _therapist(key: str, repo: Repository, current: str) -> None:
    known = known_therapists(repo.settings().therapists, repo.reflections(), repo.checkins())
    if current and current not in known:
        known.insert(0, current)
    ui.default(key, current or (known[0] if known else None))
    st.selectbox(
        _("Therapist"),
        options=known,
        key=key,
        accept_new_options=True,
        placeholder=_("Type their name"),
        help=_("Remembered from your settings and earlier sessions; type a new name if it is someone new."),
    )
