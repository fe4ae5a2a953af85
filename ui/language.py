"""The language chooser: on the first-run welcome and in Settings, saved at once in the workbook."""

from __future__ import annotations

import streamlit as st

from ui import conflict
from ui.page import speak
from ui.state import INITIAL
from workbook import i18n, preferences
from workbook.errors import WorkbookError
from workbook.i18n import _
from workbook.repository import Repository

CRISIS_LINES = "settings_crisis_lines"  # the Settings page's box of crisis lines


def _chosen(repo: Repository, key: str) -> None:
    language = st.session_state[key]
    try:
        saved = repo.change_settings(lambda s: preferences.with_language(s, language))
    except WorkbookError as error:
        st.session_state[f"{key}_problem"] = error.message
        return
    conflict.follow("settings", saved)  # the settings form open beside it: its next save is no clash
    speak(language)  # this very rerun already speaks it
    # Crisis lines the client never changed are shown in the language spoken: drawn afresh in the new one.
    initial = st.session_state.get(INITIAL, {})
    if CRISIS_LINES in st.session_state and st.session_state[CRISIS_LINES] == initial.get(CRISIS_LINES):
        del st.session_state[CRISIS_LINES]
        initial.pop(CRISIS_LINES, None)


def language_choice(repo: Repository, key: str) -> None:
    """A choice of the app's language, named in each language; changing it saves it at once."""
    names = i18n.LANGUAGES
    st.session_state.setdefault(key, i18n.current())
    st.selectbox(
        # " · Language" stays English, for an English speaker who lands in another language to find it.
        _("Language") + (" · Language" if i18n.current() != i18n.DEFAULT else ""),
        options=list(names),
        format_func=names.__getitem__,
        key=key,
        on_change=_chosen,
        args=(repo, key),
        disabled=i18n.forced(),
    )
    problem = st.session_state.pop(f"{key}_problem", None)
    if problem:
        st.error(problem)
    if i18n.forced():
        st.caption(
            # TRANSLATORS: {language} is a language's name in its own language ("English", "Español").
            _("This computer is set to speak {language} (WORKBOOK_LANGUAGE).").format(language=names[i18n.current()])
        )
