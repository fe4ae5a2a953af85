"""Saving a form: one path from the Save button to what the person sees, right next to that button.

On a phone the top of the page is out of sight when Save is pressed, so what happened is said at the
button: saved, what is missing, a question before a second entry for the same day, or a clash with a
version saved elsewhere (ui.conflict). A new entry keeps one id from first draw to save, so a second
click on Save stores nothing twice; an untouched form saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import streamlit as st

import ui
from ui import conflict
from ui.state import NEW_ID, RESULT, SAME_DAY, SAVED
from workbook import i18n
from workbook.errors import InvalidEntryError, NotFoundError, WorkbookError
from workbook.i18n import N_, _
from workbook.models import Entry, new_id
from workbook.repository import Repository
from workbook.validation import build_entry

NOTHING_YET = N_("Nothing to save yet: write or choose something first.")  # shown as _(NOTHING_YET)
# The question before a second entry for the same day, whole for each kind that has a day (a language
# may need a different article or agreement for each); `{entry}` names any other kind.
SAME_DAY_QUESTIONS = {
    "check-in": N_("You already have a check-in for {weekday} {date}. Save this one as another check-in for that day?"),
    "reflection": N_(
        "You already have a reflection for {weekday} {date}. Save this one as another reflection for that day?"
    ),
}
T = TypeVar("T")


def act(
    do: Callable[[], T],
    done: str | Callable[[T], str] | None,
    *,
    form: str | None = None,
    after: Callable[[T], None] | None = None,
) -> None:
    """Do one action (save, delete, back up, import, encrypt…) and show what happened, the same way
    everywhere: a problem with an entry next to its form (`form`), any other problem where the person
    is, or, once done, `after` and a confirmation (`done`; None where the page says it its own way)
    shown after the page is drawn again."""
    try:
        result = do()
    except InvalidEntryError as error:
        if form is None:
            st.error(error.message, icon=":material/error:")
            return
        ui.remember_problems(form, error)
        st.rerun()
    except WorkbookError as error:
        st.error(error.message, icon=":material/error:")
        return
    if form is not None:
        ui.clear_problems(form)
    if after is not None:
        after(result)
    if done is not None:
        ui.flash(done(result) if callable(done) else done)
    st.rerun()


def finisher(form: str, prefix: str, done: str, after: Callable[[], None] | None, *, here: bool) -> Callable[[], None]:
    """What follows a save: the form starts afresh, and the confirmation shows at its button (`here`,
    for a form that stays on the page) or at the top (an editor that closes once saved)."""

    def finish() -> None:
        ui.clear_problems(form)
        ui.forget(f"{prefix}_")
        if after:
            after()
        if here:
            st.session_state[f"{SAVED}{form}"] = done
            st.toast(done, icon=":material/check_circle:")
        else:
            ui.flash(done)
        st.rerun()

    return finish


def save(
    repo: Repository,
    form: str,
    prefix: str,
    model: type[Entry],
    fields: dict[str, Any],
    base: Entry | None,
    finish: Callable[[], None],
    *,
    action: str | None = None,
) -> None:
    """Validate and save; on any problem, say it next to its field and at the button, and keep the words.

    `action` is what the person chose at the button after the last attempt: "same_day" (yes, another
    entry for that day), "apply" (my changes on top of the newer version), "new" (an entry deleted
    elsewhere, saved as a new one)."""
    if action == "new":
        base = None
        st.session_state[f"{prefix}{NEW_ID}"] = new_id()
    if base is not None:  # an edit: it starts from the version first shown (see ui.conflict)
        fields |= {"id": base.id, "created_at": base.created_at, "updated_at": base.updated_at}
    else:
        if not ui.touched(f"{prefix}_"):
            ui.remember_problems(form, InvalidEntryError(_(NOTHING_YET)))
            st.rerun()
        fields["id"] = st.session_state.setdefault(f"{prefix}{NEW_ID}", new_id())
        try:
            repo.get(model, fields["id"])
        except NotFoundError:
            pass
        else:  # this very form was saved already (a second click): nothing twice
            finish()
    try:
        entry = build_entry(model, **fields)
    except InvalidEntryError as error:
        ui.remember_problems(form, error)
        st.rerun()
    day = getattr(entry, "session_date", None)
    if base is None and action is None and day is not None and _same_day(repo, model, day):
        st.session_state[f"{SAME_DAY}{form}"] = day
        st.rerun()
    st.session_state.pop(f"{SAME_DAY}{form}", None)
    ui.clear_problems(form)
    conflict.attempt(repo, form, entry, base, finish, on_top=action == "apply")


def _same_day(repo: Repository, model: type[Entry], day: date) -> bool:
    return any(getattr(other, "session_date", None) == day for other in repo.all(model))


def at_the_button(form: str, prefix: str, label: str, details: Callable[[Entry], None]) -> str | None:
    """Draw what happened at the last press of Save, at the button; returns what the person chose
    there just now, for `save` to carry out with the form as it is ("same_day", "apply", "new")."""
    done = st.session_state.pop(f"{SAVED}{form}", None)
    found, nothing_yet = ui.problems(form), _(NOTHING_YET)
    if found == {"": nothing_yet} and ui.touched(f"{prefix}_"):  # something was entered since: no longer so
        ui.clear_problems(form)
        found = {}
    if done or found:
        # RESULT in the key: the page's keeper script brings this into view if a redraw scrolled away
        with st.container(key=f"{form}{RESULT}"):
            if done:
                st.success(done, icon=":material/check_circle:")
            if found:
                summary = " ".join(dict.fromkeys(found.values()))
                if found == {"": nothing_yet}:
                    message = nothing_yet
                else:
                    # TRANSLATORS: {problems} is what was wrong, one or more sentences.
                    message = _("Not saved yet. {problems}").format(problems=summary)
                st.error(message, icon=":material/error:")
    day = st.session_state.get(f"{SAME_DAY}{form}")
    again = None
    if day is not None:
        with st.container(border=True, key=f"{form}_same_day"):
            question = SAME_DAY_QUESTIONS.get(label)
            if question is None:
                # TRANSLATORS: {entry} names a kind of entry ("goal"); {weekday} {date}: "Monday 9 February 2026".
                question = N_(
                    "You already have a {entry} for {weekday} {date}. Save this one as another {entry} for that day?"
                )
            st.warning(
                _(question).format(entry=_(label), weekday=i18n.weekday(day), date=i18n.long_date(day)),
                icon=":material/help:",
            )
            again = "same_day" if st.button(_("Yes, save it as well"), key=f"{form}_same_day_yes") else None
            st.page_link(ui.PAGES["history"][0], label=_("See the other one in History"), icon=":material/history:")
    return conflict.box(form, prefix, details) or again
