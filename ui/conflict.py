"""Saving an edit that meets a newer version: say so beside the form, keep the words, offer the way on.

An editor remembers the version it started from (`start`). When the stored entry was changed in
another window since, the repository refuses the save; the form then shows what happened, the newer
version on request, and two ways on: apply my changes on top of it, or drop mine and take the newer
one. An entry deleted elsewhere can be saved as a new entry. The person's typed words stay in the form
throughout: nothing is lost and nothing is overwritten without their say.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

import ui
from ui.state import BASE, CONFLICT
from workbook import edits
from workbook.errors import ChangedElsewhereError, ConflictError, DeletedElsewhereError, NotFoundError, WorkbookError
from workbook.i18n import _
from workbook.models import Entry
from workbook.repository import Repository

WARM_AFTER = 0.4  # seconds: the page that saved is drawn first


@dataclass(frozen=True)
class Clash:
    message: str
    base: Entry  # the version the editor started from
    mine: Entry  # what the person tried to save
    newer: Entry | None  # the stored version now; None when it was deleted


def start(prefix: str, existing: Entry | None) -> Entry | None:
    """The version this editor started from: the one first shown, kept while the person edits it.

    Until they change something, the form follows the stored entry (a rating added from this same
    page, a save in another window): only an edit in progress is held to the version it began from."""
    if existing is None:
        return None
    key = f"{prefix}{BASE}"
    shown: Entry | None = st.session_state.get(key)
    if shown is not None and shown.updated_at != existing.updated_at and not ui.touched(f"{prefix}_"):
        ui.forget(f"{prefix}_")  # nothing typed yet: show the stored version afresh
        shown = None
    if shown is None:
        st.session_state[key] = shown = existing
    return shown


def follow(prefix: str, saved: Entry) -> None:
    """This window itself changed the entry (a progress rating added beside the editor): the editor's
    starting version moves along, so the person's next save is not taken for a clash."""
    key = f"{prefix}{BASE}"
    if key in st.session_state:
        st.session_state[key] = saved


def _key(form: str) -> str:
    return f"{CONFLICT}{form}"


def clear(form: str) -> None:
    st.session_state.pop(_key(form), None)


def attempt(
    repo: Repository,
    form: str,
    entry: Entry,
    base: Entry | None,
    finish: Callable[[], None],
    *,
    on_top: bool = False,
) -> None:
    """Save `entry` (an edit of `base`, or new when base is None); on a clash, show it beside the form.

    With `on_top`, the fields the person changed from `base` are applied to the stored version as it
    is at this moment (re-read now: it may have changed again since the warning was shown)."""
    mine = entry
    try:
        if on_top and base is not None:
            entry = edits.on_top(base, mine, _stored(repo, base))
        # Settings always exist (as defaults until first saved); any other edit needs its entry.
        repo.save(entry, must_exist=base is not None and base.kind != "settings")
    except ConflictError as error:
        newer = error.newer if isinstance(error, ChangedElsewhereError) else None
        st.session_state[_key(form)] = Clash(error.message, base or mine, mine, newer)  # type: ignore[arg-type]
        st.rerun()
    except WorkbookError as error:
        st.error(error.message)
        return
    clear(form)
    warm_soon(repo)
    finish()


def warm_soon(repo: Repository) -> None:
    """After a save, build the heavier pages' views for the workbook as it is now, in the background
    and a moment later (once this page has been drawn again), so the next click is not the one that
    pays for the change."""

    def later() -> None:
        from workbook import views  # pandas and Altair: not loaded by every page at start

        time.sleep(WARM_AFTER)
        views.warm(repo)

    threading.Thread(target=later, name="workbook-warm", daemon=True).start()


def _stored(repo: Repository, base: Entry) -> Entry:
    if base.kind == "settings":
        return repo.settings()
    try:
        return repo.get(type(base), base.id)
    except NotFoundError:
        raise DeletedElsewhereError(base.label) from None


def box(form: str, prefix: str, details: Callable[[Entry], None]) -> str | None:
    """What happened at the last save, if it met a newer version, and the ways on. The choice
    ("apply" or "new") is returned for the form to carry out, so that it saves what the form holds
    now, including anything typed after the warning."""
    clash: Clash | None = st.session_state.get(_key(form))
    if clash is None:
        return None
    with st.container(border=True, key=f"{form}_conflict"):
        st.warning(clash.message, icon=":material/sync_problem:")
        if clash.newer is not None:
            both = edits.field_titles(clash.newer, edits.clashes(clash.base, clash.mine, clash.newer))
            st.caption(
                # TRANSLATORS: {fields} names the parts of the form, such as "Session date, What happened".
                _("Both windows changed {fields}: applying yours puts your words there.").format(
                    fields=", ".join(_(title) for title in both)
                )
                if both
                else _("The other window changed other parts: applying yours keeps both.")
            )
            with st.expander(_("See the newer version")):
                details(clash.newer)
            with st.container(horizontal=True):
                apply = st.button(_("Apply my changes on top of it"), key=f"{form}_conflict_apply", type="primary")
                drop = st.button(_("Use the newer version instead"), key=f"{form}_conflict_drop")
            if apply:
                return "apply"
        else:
            with st.container(horizontal=True):
                again = st.button(_("Save it as a new entry"), key=f"{form}_conflict_new", type="primary")
                drop = st.button(_("Let it go"), key=f"{form}_conflict_drop")
            if again:
                return "new"
        if drop:
            clear(form)
            ui.forget(f"{prefix}_")
            st.rerun()
    return None


def orphans(start_of_prefix: str, alive: set[str]) -> list[tuple[str, Entry]]:
    """Editors whose entry was deleted elsewhere while the person had typed in them: (prefix, entry)."""
    found = []
    for key, value in list(st.session_state.items()):
        if not (isinstance(key, str) and key.startswith(start_of_prefix) and key.endswith(BASE)):
            continue
        prefix = key.removesuffix(BASE)
        if isinstance(value, Entry) and value.id not in alive and ui.touched(f"{prefix}_"):
            found.append((prefix, value))
    return found
