"""The pieces every entry form is built from: the start of a form, its text boxes, the session's date
and therapist, and the newer version shown when a save meets one.

Every text box's on_change keeps a draft (ui.state.remember), so leaving the page before saving
loses nothing; a problem found on saving is shown right under its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import streamlit as st

import ui
from ui import conflict, saving
from ui.details import entry_details
from workbook.i18n import _
from workbook.loop import known_therapists
from workbook.models import Asked, Entry, Goal, OwnQuestion, Settings
from workbook.repository import Repository
from workbook.text import label_safe

RATING_OPTIONS = list(range(11))
FAR = date(2200, 12, 31)  # date inputs accept any day; the entry's own rules say which are allowed
Keys = Callable[[str], str]  # a form's field name -> its widget key, `<prefix>_<field>`
E = TypeVar("E", bound=Entry)


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
    return form, k, existing, finish


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
    st.text_input(label, key=key, on_change=ui.remember, args=(key,))


def session(k: Keys, form: str, repo: Repository, therapist: str) -> None:
    """Which session: its date and therapist, first in a check-in and in a reflection."""
    # No max_value: a date past it would silently become today. A future date is refused, said here.
    st.date_input(_("Date of the session"), key=k("session_date"), format="YYYY-MM-DD", max_value=FAR)
    ui.problem_here(form, "session_date")
    _therapist(k("therapist"), repo, therapist)


def _therapist(key: str, repo: Repository, current: str) -> None:
    known = known_therapists(repo.settings().therapists, repo.reflections())
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
