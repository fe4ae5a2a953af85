"""The unlock screen, the idle lock, and where an encrypted workbook's key lives: this browser
session's state only (never the shared, cached repository and never the disk).

Wrong passphrases slow down: after each failure the next try waits twice as long (1 s, 2 s, 4 s … up
to a minute), counted per workbook across all browser sessions of this server.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from pathlib import Path

import streamlit as st

from ui.state import LOCK_REASON, UNLOCK_FORM, UNLOCK_INPUT, UNLOCKED
from workbook import i18n
from workbook.errors import WorkbookError, WrongPassphraseError
from workbook.files import only_readable
from workbook.i18n import _, ngettext
from workbook.repository import Repository

_FAILURES: dict[str, tuple[int, float]] = {}
_GUARD = threading.Lock()


def wait_left(path: Path) -> float:
    with _GUARD:
        failures, last = _FAILURES.get(str(path), (0, 0.0))
    if not failures:
        return 0.0
    return max(0.0, last + min(2 ** (failures - 1), 60) - time.monotonic())


def _failed(path: Path) -> None:
    with _GUARD:
        failures, _last = _FAILURES.get(str(path), (0, 0.0))
        _FAILURES[str(path)] = (failures + 1, time.monotonic())


def _succeeded(path: Path) -> None:
    with _GUARD:
        _FAILURES.pop(str(path), None)


def _seconds(wait: float) -> str:
    whole = max(1, math.ceil(wait))
    # TRANSLATORS: how long to wait, inside "Please wait {wait} before trying again."
    return ngettext("{count} second", "{count} seconds", whole).format(count=i18n.number(whole))


def unlocked(path: Path) -> Repository | None:
    """This session's unlocked repository for `path`, unless it has been idle too long."""
    held = st.session_state.get(UNLOCKED)
    if not held or held["path"] != str(path):
        return None
    repo: Repository = held["repo"]
    idle = repo.settings().idle_lock_minutes * 60
    if time.monotonic() - held["last"] > idle:
        minutes = idle // 60
        lock(
            ngettext(
                "Locked after {count} minute without activity.",
                "Locked after {count} minutes without activity.",
                minutes,
            ).format(count=i18n.number(minutes))
        )
        return None
    held["last"] = time.monotonic()
    return repo


def keep(path: Path, repo: Repository) -> None:
    st.session_state[UNLOCKED] = {"path": str(path), "repo": repo, "last": time.monotonic()}


def lock(reason: str | None = None) -> None:
    """Lock this session's workbook now; `reason` (else "Locked.") is said once on the unlock screen."""
    held = st.session_state.pop(UNLOCKED, None)
    if held:
        held["repo"].lock()  # forget the key and every decrypted entry
        gc.collect()  # and free them now (Streamlit's collection after every run is off: .streamlit/config.toml)
    st.session_state[LOCK_REASON] = reason or _("Locked.")


def unlock_screen(path: Path) -> None:
    """Shown instead of any page while the workbook is encrypted and locked; shows no entry."""
    st.title(_("Your workbook is locked"))
    reason = st.session_state.pop(LOCK_REASON, None)
    if reason:
        st.info(reason)
    st.write(_("It is encrypted. Enter your passphrase to open it; nothing is shown until you do."))
    with st.form(UNLOCK_FORM, clear_on_submit=True):
        passphrase = st.text_input(_("Passphrase"), type="password", key=UNLOCK_INPUT)
        tried = st.form_submit_button(_("Unlock"), type="primary", key=f"{UNLOCK_FORM}_go")
    if not tried:
        return
    wait = wait_left(path)
    if wait > 0:
        st.warning(_("Please wait {wait} before trying again.").format(wait=_seconds(wait)))
        return
    try:
        repo = Repository(path, read_only=only_readable(path))
        repo.unlock(passphrase)
    except WrongPassphraseError as error:
        _failed(path)
        # TRANSLATORS: {problem} says the passphrase was wrong; {wait} is "2 seconds".
        st.error(
            _("{problem} You can try again in {wait}.").format(problem=error.message, wait=_seconds(wait_left(path)))
        )
        return
    except WorkbookError as error:  # damaged, busy, unreadable: said here, never a traceback
        st.error(error.message)
        return
    _succeeded(path)
    keep(path, repo)
    st.rerun()


@st.fragment(run_every=30)
def idle_watch() -> None:
    """Every 30 seconds: if this session has been idle too long, rerun the page so it locks."""
    held = st.session_state.get(UNLOCKED)
    if held and time.monotonic() - held["last"] > held["repo"].settings().idle_lock_minutes * 60:
        st.rerun(scope="app")
