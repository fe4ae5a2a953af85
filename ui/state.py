"""What the ui keeps for one browser session: drafts, the values forms were given, problems, flashes.

Every session-state key the ui itself uses is named here, once, so a new one can be checked against
the rest at a glance (a page's widgets are `<page>_<field>`; a form's are `<prefix>_<field>` under
the prefix its page gives it, and its own buttons and boxes `<prefix>_<kind>_<what>`, such as
`…_reflection_save`). Nothing here touches the
workbook: this is memory of the session (and, for typed words, of the server), never the disk.

Typed words kept by the server (workbook.drafts) are this browser's own: its id comes with the page's
cookies (`st.context.cookies`); a session without one (a test, a browser refusing cookies) keeps its
words in its own memory only. Words a form is given back that this session did not have on screen
(after a reload, in another tab, after the browser was closed) are noted as brought back (`BROUGHT_BACK`)
until the person keeps or clears them (ui.forms.widgets says so, and holds the form's Save till then).

When the app restarts, this memory and the server's go with it, while a tab left open still shows what
was typed and chosen. The page's keeper script (ui.keeper) sends, as it reconnects, every box and
rating its page shows, and `restore` takes them as this session's own: the screen and the session
agree again before any Save. What the tab had typed elsewhere (another page) and the new server does not
hold is noted as gone (`LOST`), and the form says so (ui.forms.widgets). A save forgets only the words
it saved: another tab's unsaved words for the same form stay (`forget`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from workbook.drafts import MAX_TEXT, STORE, TAB, browser_of
from workbook.errors import InvalidEntryError

# This session's own memory: a leading underscore, so never taken for a page's widget.
FLASH = "_flash"  # a confirmation shown once, after the rerun that follows a save
DRAFTS = "_drafts"  # widget key -> what was typed into it and not saved
BROUGHT_BACK = "_brought_back"  # widget key -> when the words brought back into it were typed; till kept or cleared
INITIAL = "_initial"  # the value each form widget was given, to tell what the person changed
RESTORED = "_restored"  # widget key -> what the page showed in it as it reconnected (`restore`): taken as it is
RESTORED_BY = "_restored_by"  # the tab (its keeper script's id) whose page re-sent them
RESTORING = "_restoring"  # this run carries a page's screen after a reconnection: its choices stay as shown
LOST = "_lost"  # widget key -> True: words this tab typed, not saved, that a restart of the app took
UNLOCKED = "_unlocked"  # an encrypted workbook's unlocked repository and when it was last used (ui.lock)
LOCK_REASON = "_lock_reason"  # why it locked, said once on the unlock screen
TOPICS_FULL = "_topics_full"  # a carried-forward item met three topics already: say so once
# Not yet here: ui.notes' JUST_SHARED ("_feedback_just_shared"), JUST_KEPT ("_feedback_just_kept") and LISTED
# ("_feedback_listed"), owned by the Feedback page's notes module.

# One per form: one of these followed by the form's name.
PROBLEMS = "_problems_"  # field -> what was wrong with it at the last attempt to save
SAVED = "_saved_"  # the confirmation shown at the form's button (ui.saving)
SAME_DAY = "_same_day_"  # the day that already has an entry: ask before a second one (ui.saving)
HELD = "_held_"  # Save was pressed before the words brought back were kept or cleared (ui.forms.widgets)
CONFLICT = "_conflict_"  # the clash with a newer version met by the last save (ui.conflict)

# One per editor: its prefix followed by one of these. Inside the editor's `<prefix>_` on purpose:
# forgetting the editor once it is saved forgets them too.
BASE = "_base"  # the version the editor started from (ui.conflict)
NEW_ID = "_new_id"  # the id a new entry keeps from first draw to save, so a second click stores nothing twice

# Widget keys the ui gives itself, on every page or on none in particular.
HELP_NOW_TOP = "help_now_top"  # the Help now link at the top of each page
SIDEBAR_LOCK = "sidebar_lock"  # Lock now
DRAFT_KEEPER = "draft_keeper"  # the draft keeper script (ui.keeper)
PAGE_SPEECH = "page_speech"  # the script that sets the page's language (ui.speech)
UNLOCK_FORM = "unlock_form"
UNLOCK_INPUT = "unlock_passphrase"  # where the passphrase is typed
CHART_CSV = "overtime_csv_"  # followed by the chart's key: its data as CSV
CHART_PNG = "overtime_png_"  # followed by the chart's key: the chart as a picture
SETTINGS_TAB = "settings_tab"  # which part of Settings is open
OPENED = "_opened_"  # + a box's key: whether the person left it open (ui.opened)
MORE_CHARTS = "overtime_more_"  # followed by the chart's key: its box opened
# "overtime_..." and "history_..." (filters, dates, therapist, every; _chosen, _fresh): the box choosing
# dates and a therapist on those pages, keyed by the page's name (ui/filters.py).
OVERTIME_MORE_SIGNALS = "overtime_more_signals"  # the signals after the first few are shown
OVERTIME_SIGNALS_AT_ONCE = 2  # the first few: a calm page, and a quick one
CHART_TAB = "overtime_tab_"  # followed by the chart's key: chart or table shown
CHART_DRAWN = "overtime_chart_"  # followed by the chart's key: a chart drawn as SVG (ui/connection.py)
EVIDENCE = "evidence_"  # followed by a signal's key: its evidence opened
SCALE = "_scale"  # after a rating's key: the scale drawn for it (ui/scale.py)
RESULT = "_result"  # after a form's name: what its Save did; the keeper script brings it into view


def flash(message: str) -> None:
    """A confirmation shown once, after the rerun that follows a save."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
        st.success(message)


def browser() -> str | None:
    """This browser's id (workbook.drafts.BrowserId), None in a session that has none."""
    return browser_of(st.context.cookies)


def draft(key: str) -> object | None:
    """What was typed into widget `key` in this browser and not saved: the newest the server heard
    (the page's draft keeper sends every pause, click and page exit), else this session's last copy,
    else None."""
    mine = browser()
    kept = STORE.get(mine, key) if mine else None
    return kept.text if kept is not None else st.session_state.get(DRAFTS, {}).get(key)


def default(key: str, value: object) -> None:
    """Give widget `key` a starting value through session state (never also through `value=`):
    the draft typed earlier in this browser (even before a reload) if there is one, else `value`.

    Words this session did not already have (typed in another tab, or before a reload) are noted as
    brought back, with the time they were typed, until the person keeps or clears them."""
    if key in st.session_state:
        return
    st.session_state.setdefault(INITIAL, {})[key] = value
    restored = st.session_state.get(RESTORED, {})
    if key in restored:  # what the page showed as it reconnected: the person's, as they left it
        shown = restored.pop(key)
        st.session_state[key] = shown
        _own(key, shown, value)
        return
    if st.session_state.get(RESTORING) and _shown_by_browser(key):
        return  # a date, a tick, a therapist the page shows: the widget takes it as the browser sends it
    if not isinstance(value, str):
        st.session_state[key] = value
        return
    own = st.session_state.get(DRAFTS, {}).get(key)  # this session's copy: words it already showed
    mine = browser()
    kept = STORE.get(mine, key) if mine else None
    back = st.session_state.setdefault(BROUGHT_BACK, {})
    if kept is not None and (key in back or kept.text not in (own, value)):
        back[key] = kept.at
        st.session_state[key] = kept.text
    elif isinstance(own, str):
        st.session_state[key] = own
    else:
        back.pop(key, None)
        st.session_state[key] = value


def _shown_by_browser(key: str) -> bool:
    """Whether the browser sent, with this run, the value the widget keyed `key` shows on its page.

    Streamlit keeps no such list in public: its widget ids end in the key (`$$ID-<hash>-<key>`,
    Streamlit 1.67). If that changes this answers False, and the form's own starting value is shown."""
    ctx = get_script_run_ctx()
    try:
        sent = ctx.session_state._state._new_widget_state.states  # type: ignore[union-attr]
    except AttributeError:
        return False
    ending = re.compile(rf"^\$\$ID-[0-9a-f]+-{re.escape(key)}$")
    return any(isinstance(wid, str) and ending.match(wid) for wid in list(sent))


def restore(shown: Mapping[str, object], typed: list[str], tab: str | None) -> None:
    """A page reconnected to the server, or was opened by a tab under a new one (ui.keeper): the app
    restarted, or the connection dropped for a moment. `shown`: what its boxes and ratings show (widget
    key -> words, a number or None); they are this session's again, as the person left them, and the
    server keeps the words for this browser again. `typed`: the boxes this tab typed in and had not
    saved that its page does not show: words the server no longer holds were taken by a restart, and
    the form says so (`lost`)."""
    mine = browser()
    tab = tab if isinstance(tab, str) and TAB.match(tab) else None
    st.session_state[RESTORED_BY] = tab
    drafts = st.session_state.setdefault(DRAFTS, {})
    restored = st.session_state.setdefault(RESTORED, {})
    initial = st.session_state.get(INITIAL, {})
    for key, value in shown.items():
        if not (isinstance(key, str) and _is_key(key)):
            continue
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                continue
        elif not (value is None or (isinstance(value, int) and not isinstance(value, bool))):
            continue
        if key not in st.session_state:  # a new session: the form takes it as it starts (`default`)
            restored[key] = value
        elif key in initial and st.session_state[key] != value:
            st.session_state[key] = value  # a connection back after a moment: the session had it, not this
            _own(key, value, initial[key])
    st.session_state[RESTORING] = True
    gone = st.session_state.setdefault(LOST, {})
    for key in typed:
        if not (isinstance(key, str) and _is_key(key)) or key in shown:
            continue
        held = STORE.get(mine, key) if mine else None
        if held is None and not drafts.get(key):
            gone[key] = True
            if mine:  # said in every tab of this browser, after a reload too, till the form is saved
                STORE.lose(mine, key)


def _own(key: str, shown: object, given: object) -> None:
    """Words a page re-sent after a reconnection are this session's own, as typed here (never announced
    as brought back); the server keeps them for this browser again, unless they are the form's own."""
    if not isinstance(shown, str):
        return
    st.session_state.get(BROUGHT_BACK, {}).pop(key, None)
    if shown == given:
        return
    st.session_state.setdefault(DRAFTS, {})[key] = shown
    if (mine := browser()) and shown.strip():
        STORE.keep(mine, key, shown, tab=st.session_state.get(RESTORED_BY))


def restored() -> None:
    """The start of each run (ui.keeper): a run after the one that restored keeps its widgets' own ways."""
    st.session_state.pop(RESTORING, None)


def lost(prefix: str) -> bool:
    """Whether words typed in the form under `prefix` were taken by a restart of the app."""
    mine = browser()
    return any(key.startswith(prefix) for key in st.session_state.get(LOST, {})) or bool(
        mine and STORE.lost(mine, prefix)
    )


def unsaved() -> dict[str, str | None]:
    """The boxes this browser has unsaved words in (widget key -> the tab that typed them last), for the
    page's keeper script: names of boxes, never words."""
    mine = browser()
    if not mine:
        return {}
    return {key: draft.tab for key, draft in STORE.mine(mine).items() if draft.text.strip()}


_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,120}$")  # a widget key, as workbook.drafts accepts it


def _is_key(key: str) -> bool:
    return bool(_KEY.match(key)) and not key.startswith("_")


def brought_back(prefix: str) -> dict[str, datetime]:
    """The boxes under `prefix` showing words brought back and not yet kept or cleared, and when each
    was typed."""
    back = st.session_state.get(BROUGHT_BACK, {})
    return {key: at for key, at in back.items() if key.startswith(prefix) and key in st.session_state}


def keep_brought_back(prefix: str) -> None:
    """on_click of "Keep them": the words brought back under `prefix` stay, as this session's own."""
    back = st.session_state.get(BROUGHT_BACK, {})
    for key in [k for k in back if k.startswith(prefix)]:
        del back[key]
        if isinstance(text := st.session_state.get(key), str):
            st.session_state.setdefault(DRAFTS, {})[key] = text


def clear_brought_back(prefix: str) -> None:
    """on_click of "Clear them": each box brought back under `prefix` goes back to the value its form
    gave it (empty, or the entry being edited), and its words are forgotten, here and by the server."""
    back = st.session_state.get(BROUGHT_BACK, {})
    initial = st.session_state.get(INITIAL, {})
    mine = browser()
    for key in [k for k in back if k.startswith(prefix)]:
        del back[key]
        st.session_state.get(DRAFTS, {}).pop(key, None)
        shown = st.session_state.get(key)
        if mine:  # the words shown here; newer ones another tab typed since stay
            STORE.drop(mine, key, shown if isinstance(shown, str) else None)
        if key in initial:
            st.session_state[key] = initial[key]


def touched(prefix: str) -> bool:
    """Whether any widget under `prefix` now holds something other than the value it was given."""
    for key, value in st.session_state.get(INITIAL, {}).items():
        if not key.startswith(prefix):
            continue
        if key in st.session_state:  # what the field holds now, None included (a rating cleared)
            if st.session_state[key] != value:
                return True
        elif (typed := draft(key)) is not None and typed != value:  # a box Streamlit forgot: its draft
            return True
    return False


def remember(key: str) -> None:
    """on_change of a text widget: keep what was typed, so leaving the page does not lose it.

    Streamlit forgets a widget's value once its page is left; this copy, in this session's state and
    the server's memory (never on disk), is what `default` offers when the form is shown again."""
    text = st.session_state.get(key)
    st.session_state.setdefault(DRAFTS, {})[key] = text
    st.session_state.get(LOST, {}).pop(key, None)  # typed again: no longer said to be gone
    mine = browser()
    if isinstance(text, str) and mine:
        STORE.keep(mine, key, text)


def forget(prefix: str) -> None:
    """Clear the widgets, and the drafts, whose keys start with `prefix` (a saved form starts afresh).

    The server forgets only the words this session held (what it saved, or let go): words another tab
    of this browser typed for the same form, and has not saved, stay for that tab."""
    held: dict[str, object] = {}
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        held[key] = st.session_state[key]
        del st.session_state[key]
    for store in (
        st.session_state.get(DRAFTS, {}),
        st.session_state.get(INITIAL, {}),
        st.session_state.get(BROUGHT_BACK, {}),
        st.session_state.get(RESTORED, {}),
        st.session_state.get(LOST, {}),
    ):
        for key in [k for k in store if k.startswith(prefix)]:
            if store is st.session_state.get(DRAFTS) and key not in held:
                held[key] = store[key]  # a box not drawn now: the words this session had for it
            del store[key]
    if mine := browser():
        STORE.forget(mine, prefix, saved=held)


def remember_problems(form: str, error: InvalidEntryError) -> None:
    st.session_state[f"{PROBLEMS}{form}"] = {p.field: p.message for p in error.problems} or {"": error.message}


def problems(form: str) -> dict[str, str]:
    return st.session_state.get(f"{PROBLEMS}{form}", {})


def clear_problems(form: str) -> None:
    st.session_state.pop(f"{PROBLEMS}{form}", None)


def problem_here(form: str, *fields: str) -> None:
    """Show, right under a field, what was wrong with it at the last attempt to save."""
    found = problems(form)
    for name in fields:
        if name in found:
            st.error(found[name], icon=":material/error:")
