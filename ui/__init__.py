"""Shared Streamlit helpers: the cached repository, the page frame and navigation, plain text.

Pages call `frame()` first: it sets the page up, draws the same navigation everywhere, and stops with
a clear explanation when the workbook file is damaged. Everything the client wrote is drawn with
`words()` (no Markdown, no HTML) and labels built from their text go through `label_safe`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ui import keeper, lock
from workbook.drafts import STORE
from workbook.errors import DamagedWorkbookError, InvalidEntryError, LockedError, WorkbookError
from workbook.models import CrisisLine
from workbook.paths import resolve_workbook_path
from workbook.reports import csv_of
from workbook.repository import Repository, settle_interrupted
from workbook.signals import Signal
from workbook.storage import file_is_encrypted
from workbook.text import label_safe
from workbook.views import Section
from workbook.wording import NOT_A_CRISIS_SERVICE, PRIVACY

__all__ = ["PRIVACY"]

PAGES = {
    "home": ("home.py", "Home", ":material/home:"),
    "goals": ("pages/1_Goals.py", "Goals", ":material/flag:"),
    "checkin": ("pages/2_Before_a_session.py", "Before a session", ":material/edit_note:"),
    "reflection": ("pages/3_After_a_session.py", "After a session", ":material/self_improvement:"),
    "overtime": ("pages/4_Over_time.py", "Over time", ":material/monitoring:"),
    "feedback": ("pages/5_Feedback.py", "Feedback", ":material/forum:"),
    "guide": ("pages/9_Making_it_work.py", "Making it work", ":material/handshake:"),
    "history": ("pages/6_History.py", "History", ":material/history:"),
    "settings": ("pages/7_Settings_and_data.py", "Settings and your data", ":material/settings:"),
    "help": ("pages/8_Help_now.py", "Help now", ":material/support:"),
}
IN_MENU = [name for name in PAGES if name != "help"]  # help has its own place, first in every menu


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(path: str) -> Repository:
    # One repository per workbook path for the whole server: it holds the parsed entries, so a rerun
    # reads nothing from disk unless the file changed. Keyed by path, so tests can use many.
    return Repository(Path(path))


def repository() -> tuple[Repository, bool]:
    """The shared repository for a plain workbook, or this session's unlocked one for an encrypted
    one; and whether it is encrypted."""
    path = resolve_workbook_path()
    if file_is_encrypted(path):
        mine = lock.unlocked(path)
        if mine is None:
            settle_interrupted(path)
            raise LockedError(path)
        return mine, True
    return _open(str(path)), False


def frame(page: str) -> Repository:
    """Set up a page: title, navigation, privacy line; stop calmly if the workbook is unusable."""
    title = PAGES[page][1]
    st.set_page_config(page_title=f"{title} · Alliance Workbook", page_icon="🌿", layout="centered")
    _navigation(page)
    try:
        repo, encrypted = repository()
        repo.check()
    except WorkbookError as error:
        if page == "help":  # help never waits for a passphrase or a repair: it shows the defaults
            return None  # type: ignore[return-value]
        _stop_calmly(error)
    with st.sidebar:
        keeper.mount()  # typed words reach the server before a click or a reload can lose them
    if encrypted:
        lock.idle_watch()
        with st.sidebar:
            st.button("Lock now", key="sidebar_lock", on_click=lock.lock, icon=":material/lock:")
    return repo


def _stop_calmly(error: WorkbookError) -> None:
    """Say what is wrong (or ask for the passphrase), then stop the page."""
    if isinstance(error, LockedError):
        lock.unlock_screen(error.path)
    elif isinstance(error, DamagedWorkbookError):
        _damaged(error)
    else:
        st.error(error.message)
    st.stop()


def _navigation(page: str) -> None:
    help_path, help_title, help_icon = PAGES["help"]
    with st.sidebar:
        st.page_link(help_path, label=f"{help_title}: crisis lines", icon=help_icon)
        st.markdown("**Alliance Workbook**")
        for name in IN_MENU:
            path, title, icon = PAGES[name]
            st.page_link(path, label=title, icon=icon)
        st.divider()
        st.caption(PRIVACY)
    if page != "help":  # on a phone the menu is folded away: help stays in view at the top of the page
        with st.container(horizontal=True, horizontal_alignment="right", key="help_now_top"):
            st.page_link(help_path, label=help_title, icon=help_icon)


def _damaged(error: DamagedWorkbookError) -> None:
    st.title("Your workbook needs attention")
    st.error("The workbook file could not be read, so nothing has been shown or changed.")
    st.write("What happened:")
    words(error.reason[0].upper() + error.reason[1:] + ".")
    st.write("The file:")
    st.code(str(error.path), language=None)
    if error.hint:  # not a matter of restoring a backup (a newer app's file, a permissions problem)
        words(error.hint.strip())
        return
    if error.backups:
        st.write("To restore the newest backup, close this app and run (or copy the file by hand):")
        st.code(f'cp "{error.path}" "{error.path}.damaged"\ncp "{error.backups[0]}" "{error.path}"', language=None)
        st.write("Other backups, newest first:")
        st.code("\n".join(str(p) for p in error.backups[:10]), language=None)
    else:
        st.write(
            "No backups were found beside it. If you have an export, move the damaged file away and"
            " import the export from the Settings page into a new, empty workbook."
        )
    st.caption("The damaged file is kept exactly as it is, in case it can be repaired.")


def words(text: str) -> None:
    """Show the client's own words exactly as written: no Markdown, no HTML."""
    st.text(text)


def field(label: str, text: str) -> None:
    """A labelled piece of the client's writing; nothing when empty."""
    if text and text.strip():
        st.caption(label)
        words(text)


def crisis_resources(lines: tuple[CrisisLine, ...], country: str = "", *, explain: bool = True) -> None:
    if explain:
        st.caption(NOT_A_CRISIS_SERVICE)
    for line in lines:
        words(f"{line.name}: {line.contact}")
    if country:
        st.caption(f"Resources for {label_safe(country)}; change them on the Settings page.")


def flash(message: str) -> None:
    """A confirmation shown once, after the rerun that follows a save."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.toast(message, icon=":material/check_circle:")
        st.success(message)


DRAFTS = "_drafts"
INITIAL = "_initial"  # the value each form widget was given, to tell what the person changed


def draft(key: str) -> object | None:
    """What was typed into widget `key` and not saved: the newest the server heard (the page's draft
    keeper sends every pause, click and page exit), else this session's last copy, else None."""
    kept = STORE.get(key)
    return kept if kept is not None else st.session_state.get(DRAFTS, {}).get(key)


def default(key: str, value: object) -> None:
    """Give widget `key` a starting value through session state (never also through `value=`):
    the draft typed earlier (even before a reload) if there is one, else `value`."""
    if key not in st.session_state:
        typed = draft(key)
        st.session_state[key] = typed if isinstance(typed, str) and isinstance(value, str) else value
        st.session_state.setdefault(INITIAL, {})[key] = value


def touched(prefix: str) -> bool:
    """Whether any widget under `prefix` now holds something other than the value it was given."""
    for key, value in st.session_state.get(INITIAL, {}).items():
        if not key.startswith(prefix):
            continue
        now = st.session_state[key] if key in st.session_state else draft(key)
        if now is not None and now != value:
            return True
    return False


def remember(key: str) -> None:
    """on_change of a text widget: keep what was typed, so leaving the page does not lose it.

    Streamlit forgets a widget's value once its page is left; this copy, in this session's state and
    the server's memory (never on disk), is what `default` offers when the form is shown again."""
    text = st.session_state.get(key)
    st.session_state.setdefault(DRAFTS, {})[key] = text
    if isinstance(text, str):
        STORE.keep(key, text)


def forget(prefix: str) -> None:
    """Clear the widgets, and the drafts, whose keys start with `prefix` (a saved form starts afresh)."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]
    for store in (st.session_state.get(DRAFTS, {}), st.session_state.get(INITIAL, {})):
        for key in [k for k in store if k.startswith(prefix)]:
            del store[key]
    STORE.forget(prefix)


def remember_problems(form: str, error: InvalidEntryError) -> None:
    st.session_state[f"_problems_{form}"] = {p.field: p.message for p in error.problems} or {"": error.message}


def problems(form: str) -> dict[str, str]:
    return st.session_state.get(f"_problems_{form}", {})


def clear_problems(form: str) -> None:
    st.session_state.pop(f"_problems_{form}", None)


def problem_here(form: str, *fields: str) -> None:
    """Show, right under a field, what was wrong with it at the last attempt to save."""
    found = problems(form)
    for name in fields:
        if name in found:
            st.error(found[name], icon=":material/error:")


def chart_section(section: Section) -> None:
    """A chart with a table view of its data and a CSV download of it."""
    st.subheader(section.title)
    st.caption(section.about)
    shown, table = st.tabs(["Chart", "Table"])
    with shown:
        st.vega_lite_chart(spec=section.spec, width="stretch", alt=section.alt)
    with table:
        st.dataframe(section.table, hide_index=True, width="stretch", height=300)
    st.download_button(
        "Download the data (CSV)",
        data=lambda: csv_of(section.table),
        file_name=f"{section.key}.csv",
        mime="text/csv",
        key=f"overtime_csv_{section.key}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_signal(signal: Signal) -> None:
    """A signal, gently: what was noticed, why, and the evidence (dates and values)."""
    with st.container(border=True):
        st.markdown(f"**{label_safe(signal.title)}**")
        words(signal.detail)
        with st.expander("The evidence"):
            st.dataframe(
                pd.DataFrame([{"Date": e.on, "What": e.what, "Value": e.value} for e in signal.evidence]),
                hide_index=True,
                width="stretch",
            )
        st.page_link(PAGES["guide"][0], label="Ways to raise it", icon=":material/handshake:")
