"""The page frame: what every page starts with, through `frame()`.

It sets the page up, draws the same navigation everywhere (with Help now in reach on every page),
opens the workbook through the repository cached for the whole server, and stops with a clear
explanation when the workbook is locked or its file is damaged.

For a phone and a keyboard, every page also carries touch targets a finger high on a narrow screen
(`_TOUCH_CSS`) and a few lines of script (`_PAGE_JS`), both fixed text of ours in a Streamlit v2
component with nothing of the client's in it: the menu folded away once a page is chosen where it
covers the page, the keyboard's focus on the new page's heading after choosing a page, and on what
happened when a confirmation button ("Yes, save it as well") goes away with the question it answered.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from ui import keeper, lock, speech
from ui.render import words
from ui.site import IN_MENU, PAGES
from ui.state import HELP_NOW_TOP, RESULT, SIDEBAR_LOCK
from workbook import i18n
from workbook.errors import DamagedWorkbookError, LockedError, WorkbookError
from workbook.files import only_readable
from workbook.i18n import _
from workbook.locking import WorkbookLock
from workbook.paths import resolve_workbook_path
from workbook.repository import Repository, settle_interrupted
from workbook.storage import file_is_encrypted
from workbook.wording import PRIVACY

# One repository per workbook path for the whole server: it holds the parsed entries, so a rerun reads
# nothing from disk unless the file changed. Keyed by path (tests use many); the four used last are kept.
_OPENED: OrderedDict[str, Repository] = OrderedDict()
_OPENING = threading.Lock()


def _open(path: str) -> Repository:
    with _OPENING:
        if path not in _OPENED:
            _OPENED[path] = Repository(Path(path), read_only=only_readable(Path(path)))
            while len(_OPENED) > 4:
                _OPENED.popitem(last=False)
        _OPENED.move_to_end(path)
        return _OPENED[path]


# A finger needs about 44 px (WCAG 2.5.5; Apple's and Android's guidance). On a narrow screen Streamlit
# draws its menu links 28 px high, buttons 40, a tick box's line 24, the menu's button 28 square and a
# field's help icon 16.
# Only sizes change, and only up to 640 px wide: a desktop keeps Streamlit's look. (The rating scale,
# in its own shadow root, says the same in ui/scale.py.)
_TOUCH_CSS = """
@media (max-width: 640px) {
  a[data-testid="stPageLink-NavLink"] { min-height: 44px; min-width: 44px; }
  [data-testid="stButton"] button, [data-testid="stFormSubmitButton"] button,
  [data-testid="stDownloadButton"] button, [data-testid="stPopover"] button,
  [data-testid="stLinkButton"] a { min-height: 44px; min-width: 44px; }
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button {
    min-height: 44px; min-width: 44px; justify-content: center;
  }
  [data-testid="stCheckbox"] label, [data-testid="stRadio"] label {
    min-height: 44px; min-width: 44px; align-items: center;
  }
  [data-testid="stRadio"] [role="radiogroup"] { column-gap: 0.75rem; row-gap: 0; }
  [data-testid="stExpander"] summary, [data-testid="stTab"] { min-height: 44px; }
  /* a field's "?" (16 px): a finger's square around it, over the empty end of the label's line */
  [data-testid="stTooltipIcon"] button {
    min-width: 44px; min-height: 44px; margin: -14px 0 -14px -28px; justify-content: center; align-items: center;
  }
}
/* the heading takes the keyboard's focus after a page is chosen: ringed for a keyboard, not a tap */
h1[tabindex="-1"]:focus:not(:focus-visible),
[data-testid="stAlertContainer"][tabindex="-1"]:focus:not(:focus-visible) {
  outline: none;
}
"""

_PAGE_JS = """
export default function () {
  if (window.__alliancePage) return;  // once per page load; pages change without reloading
  window.__alliancePage = true;
  const $ = (selector) => document.querySelector(selector);
  const running = () => /^(running|rerunRequested)$/.test(
    ($('[data-testid="stApp"]') || document.body).getAttribute("data-test-script-state") || "");
  // The menu covers the page (a phone, a narrow window) when it is open over the page's own area.
  const fold = () => {
    const close = $('[data-testid="stSidebarCollapseButton"] button');
    const menu = $('[data-testid="stSidebar"]'), main = $('[data-testid="stMain"]');
    if (!close || !menu || !main) return;
    if (menu.getBoundingClientRect().right > main.getBoundingClientRect().left + 1) close.click();
  };
  // A page chosen in the menu (even the one already shown): the menu makes way at once.
  document.addEventListener("click", (event) => {
    const menuLink = '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]';
    if (event.target.closest && event.target.closest(menuLink)) setTimeout(fold, 0);
  });
  const focusOn = (el) => {
    if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
    el.focus();
  };
  // The page this document was loaded as: a page chosen before this script was first drawn counts too.
  const loaded = (performance.getEntriesByType("navigation")[0] || {}).name || location.href;
  let path = new URL(loaded, location.href).pathname;
  let arriving = null;  // a new page is on its way: its heading takes the focus once it is drawn
  let settled = null;  // the heading just given the focus: given it again if a redraw replaces it
  let lost = null;  // the focused button went away (a question answered): focus what happened
  let last = null;
  let again = null;
  document.addEventListener("focusin", (event) => { last = event.target; lost = null; }, true);
  const heading = () => $('[data-testid="stMain"] h1');
  const check = () => {
    const now = Date.now();
    if (location.pathname !== path) {
      path = location.pathname;
      arriving = { since: now };
      lost = null;
      settled = null;
      fold();
    }
    const at = document.activeElement;
    const nowhere = !at || at === document.body;
    if (!arriving && last && !last.isConnected && nowhere) {
      lost = { since: now };
      last = null;
    }
    if (arriving && !running()) {
      const found = heading();
      if (found) {
        arriving = null;
        const busy = !nowhere && at.closest('[data-testid="stMain"]') && !at.closest('[data-testid="stPageLink"]');
        if (!busy) {  // unless the person is already at work on the new page
          focusOn(found);
          settled = { heading: found, until: now + 5000 };
        }
      } else if (now - arriving.since > 30000) arriving = null;
    }
    if (settled) {  // the heading focused may be the page left, still in view: focus its successor
      if (now > settled.until) settled = null;
      else if (!settled.heading.isConnected && nowhere && heading()) {
        settled.heading = heading();
        focusOn(settled.heading);
      }
    }
    if (lost) {  // the run that took the button away has drawn what happened by the time it ends
      if (!running()) {
        const results = document.querySelectorAll('[data-testid="stMain"] [class*="st-key-"][class*="RESULT"]');
        const result = results.length ? results[results.length - 1] : null;
        const said = result && (result.querySelector('[data-testid="stAlertContainer"]') || result);
        if (said && nowhere) focusOn(said);
        if (said || now - lost.since > 5000) lost = null;
      }
    }
    clearTimeout(again);
    if (arriving || lost || settled) again = setTimeout(check, 250);  // the page may finish without another change
  };
  let waiting = false;
  new MutationObserver(() => {
    if (waiting) return;
    waiting = true;
    setTimeout(() => { waiting = false; check(); }, 30);
  }).observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-test-script-state"],
  });
  window.addEventListener("popstate", () => setTimeout(check, 0));
  check();
}
""".replace("RESULT", RESULT)

# Not isolated: its style sheet is the whole page's (drawn with the component, before its script runs).
_page_script = st.components.v2.component("alliance_page", css=_TOUCH_CSS, js=_PAGE_JS, isolate_styles=False)
_PAGE_SCRIPT = "page_script"  # its widget key (beside ui.state's PAGE_SPEECH)


def read_ahead() -> None:
    """Read a plain workbook into the server's repository before any page asks for it (app.py, as the
    server starts). It never waits and makes no folder: an encrypted workbook waits for its passphrase,
    and one that is not there yet or that another program is using waits for the page, which explains
    each, as it does any problem with the file."""
    with contextlib.suppress(WorkbookError, OSError):
        path = resolve_workbook_path()
        if not path.is_file() or file_is_encrypted(path):
            return  # nothing to read yet, or a link to a disk not there: the page explains, creating nothing
        with WorkbookLock(path, timeout=0).hold():
            pass  # free now (busy: the command line may be at work, and the page says so)
        _open(str(path)).check()


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
    """Set up a page: language, title, navigation, privacy line; stop calmly if the workbook is unusable."""
    before = i18n.current()
    try:
        repo, encrypted = repository()
        repo.check()
        problem = None
    except WorkbookError as error:
        repo, encrypted, problem = None, False, error
    speak(repo.settings().language if repo is not None else "")
    if problem is not None and i18n.current() != before:  # say what is wrong in the language now spoken
        try:
            repository()[0].check()
        except WorkbookError as again:
            problem = again
    title = _(PAGES[page][1])
    st.set_page_config(page_title=f"{title} · Alliance Workbook", page_icon="🌿", layout="centered")
    _navigation(page)
    with st.sidebar:
        speech.mount()  # the page's language for screen readers, and Streamlit's own words in it
        _page_script(key=_PAGE_SCRIPT)  # a phone's touch targets and menu, the keyboard's focus
    if problem is not None:
        if page == "help":  # help never waits for a passphrase or a repair: it shows the defaults
            return None  # type: ignore[return-value]
        _stop_calmly(problem)
    assert repo is not None
    if repo.read_only:
        st.info(
            _(
                "This workbook is on a disk that cannot be written to (a write-protected stick, a snapshot):"
                " you can read and export everything, but nothing can be saved. To write in it, copy the file"
                " to a folder you can write to and open it there."
            ),
            icon=":material/lock:",
        )
    with st.sidebar:
        keeper.mount()  # typed words reach the server before a click or a reload can lose them
    if encrypted:
        lock.idle_watch()
        with st.sidebar:
            st.button(_("Lock now"), key=SIDEBAR_LOCK, on_click=lock.lock, icon=":material/lock:")
    return repo


def speak(chosen: str = "") -> None:
    """Speak the client's language on this server from now on: `WORKBOOK_LANGUAGE`, else the one chosen
    in Settings, else the browser's own (a locked or new workbook has chosen none yet)."""
    language = i18n.choose(chosen, st.context.locale)
    i18n.use_for_server(language)  # callbacks and the background work that follows a save
    i18n.use_here(language)  # this page's run, whatever another browser's run sets meanwhile


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
        st.page_link(help_path, label=_("Help now: crisis lines"), icon=help_icon)
        # TRANSLATORS: the app's name, usually kept as it is.
        st.markdown(_("**Alliance Workbook**"))
        for name in IN_MENU:
            path, title, icon = PAGES[name]
            st.page_link(path, label=_(title), icon=icon)
        st.divider()
        st.caption(_(PRIVACY))
    if page != "help":  # on a phone the menu is folded away: help stays in view at the top of the page
        with st.container(horizontal=True, horizontal_alignment="right", key=HELP_NOW_TOP):
            st.page_link(help_path, label=_(help_title), icon=help_icon)


def _damaged(error: DamagedWorkbookError) -> None:
    st.title(_("Your workbook needs attention"))
    st.error(_("The workbook file could not be read, so nothing has been shown or changed."))
    st.write(_("What happened:"))
    words(error.reason[0].upper() + error.reason[1:] + ".")
    st.write(_("The file:"))
    st.code(str(error.path), language=None)
    if error.hint:  # not a matter of restoring a backup (a newer app's file, a permissions problem)
        words(error.hint.strip())
        return
    if error.backups:
        st.write(_("To restore the newest backup, close this app and run (or copy the file by hand):"))
        st.code(f'cp "{error.path}" "{error.path}.damaged"\ncp "{error.backups[0]}" "{error.path}"', language=None)
        st.write(_("Other backups, newest first:"))
        st.code("\n".join(str(p) for p in error.backups[:10]), language=None)
    else:
        st.write(
            _(
                "No backups were found beside it. If you have an export, move the damaged file away and"
                " import the export from the Settings page into a new, empty workbook."
            )
        )
    st.caption(_("The damaged file is kept exactly as it is, in case it can be repaired."))
