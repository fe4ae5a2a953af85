"""The language chooser (on the first-run welcome and in Settings) and the country chooser beside it on
the welcome (for the crisis lines shown), each saved at once in the workbook."""

from __future__ import annotations

import streamlit as st

from ui import conflict
from ui.page import speak
from ui.state import INITIAL
from workbook import i18n, preferences
from workbook.crisis import COUNTRIES, country_meant, country_named
from workbook.errors import WorkbookError
from workbook.i18n import _
from workbook.models import Settings
from workbook.repository import Repository
from workbook.validation import build_entry

CRISIS_LINES = "settings_crisis_lines"  # the Settings page's box of crisis lines
CRISIS_COUNTRY = "settings_crisis_country"  # and its country


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
    _redraw_untouched(CRISIS_LINES)


def _redraw_untouched(*keys: str) -> None:
    """Settings' boxes among `keys` that still hold what they were given are drawn afresh from the
    saved settings the next time Settings is open (one changed by hand is left as typed)."""
    initial = st.session_state.get(INITIAL, {})
    for key in keys:
        if key in st.session_state and st.session_state[key] == initial.get(key):
            del st.session_state[key]
            initial.pop(key, None)


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


def country_written(chosen: object) -> str:
    """What is saved for a country chosen or typed: one the app has lines for (picked, named, or typed in
    part or with a slip: "United King") by its name in the language spoken; another as it was typed."""
    text = " ".join(str(chosen or "").split())
    known = COUNTRIES.get(text) or country_meant(text)
    return _(known.name) if known is not None else text


def picked(written: str) -> str | None:
    """The picker's value for a country as saved: its code if the app has lines for it, else as written."""
    known = country_named(written)
    return known.code if known else (written or None)


def _country_chosen(repo: Repository, key: str) -> None:
    written = country_written(st.session_state[key])
    known = country_named(written)
    if known is not None:
        st.session_state[key] = known.code
    try:
        saved = repo.change_settings(lambda s: build_entry(Settings, **(s.model_dump() | {"crisis_country": written})))
    except WorkbookError as error:
        st.session_state[f"{key}_problem"] = error.message
        return
    conflict.follow("settings", saved)
    _redraw_untouched(CRISIS_COUNTRY, CRISIS_LINES)  # Settings then shows the country, and its lines


def country_picker(key: str, written: str, **saving: object) -> object:
    """The country box: one of the countries the app has lines for, or another typed in (kept as
    typed, with a plain word under the box on what that means). `saving`: Streamlit's on_change/args,
    on the first visit (saved at once); none inside a form (saved with it)."""
    options: list[str] = list(COUNTRIES)
    for other in (written, st.session_state.get(key)):  # typed in before, or just now: shown as written
        if isinstance(other, str) and other and other not in options and country_named(other) is None:
            options.append(other)
    if key not in st.session_state:
        st.session_state[key] = picked(written)
    chosen = st.selectbox(
        _("Your country"),
        options=options,
        format_func=lambda option: _(COUNTRIES[option].name) if option in COUNTRIES else option,
        index=None,
        placeholder=_("Choose, or type its name"),
        accept_new_options=True,
        key=key,
        **saving,  # type: ignore[arg-type]
    )
    if written and country_named(written) is None:
        st.caption(
            # TRANSLATORS: {country} is the country as the client typed it.
            _(
                "The workbook has no crisis lines of its own for “{country}”, so Help now shows general ones."
                " Add your local crisis line in Settings, under “Crisis resources” in “You and where to get help”."
            ).format(country=written)
        )
    return chosen


def country_choice(repo: Repository, key: str) -> None:
    """Where the client lives, for the crisis lines the pages show: one of the countries the app has
    lines for, or another typed in (general lines then, and a word on adding a local one). Saved at once."""
    country_picker(key, repo.settings().crisis_country, on_change=_country_chosen, args=(repo, key))
    problem = st.session_state.pop(f"{key}_problem", None)
    if problem:
        st.error(problem)
