"""Saving an edit that meets a newer version: say so beside the form, keep the words, offer the way on.

An editor remembers the version it started from (`start`). When the stored entry was changed in
another window since, the repository refuses the save; the form then shows what happened, the newer
version on request, and two ways on: apply my changes on top of it, or drop mine and take the newer
one. An entry deleted elsewhere can be saved as a new entry. The person's typed words stay in the form
throughout: nothing is lost and nothing is overwritten without their say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

import ui
from workbook import edits
from workbook.errors import ChangedElsewhereError, ConflictError, WorkbookError
from workbook.models import Entry, new_id, now
from workbook.repository import Repository

BASE_SUFFIX = "_base"


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
    key = f"{prefix}{BASE_SUFFIX}"
    shown: Entry | None = st.session_state.get(key)
    if shown is not None and shown.updated_at != existing.updated_at and not ui.touched(f"{prefix}_"):
        ui.forget(f"{prefix}_")  # nothing typed yet: show the stored version afresh
        shown = None
    if shown is None:
        st.session_state[key] = shown = existing
    return shown


def _key(form: str) -> str:
    return f"_conflict_{form}"


def clear(form: str) -> None:
    st.session_state.pop(_key(form), None)


def attempt(repo: Repository, form: str, entry: Entry, base: Entry | None, finish: Callable[[], None]) -> None:
    """Save `entry` (an edit of `base`, or new when base is None); on a clash, show it beside the form."""
    try:  # settings always exist (as defaults until first saved); any other edit needs its entry
        repo.save(entry, must_exist=base is not None and base.kind != "settings")
    except ConflictError as error:
        newer = error.newer if isinstance(error, ChangedElsewhereError) else None
        st.session_state[_key(form)] = Clash(error.message, base or entry, entry, newer)  # type: ignore[arg-type]
        st.rerun()
    except WorkbookError as error:
        st.error(error.message)
        return
    clear(form)
    finish()


def box(repo: Repository, form: str, prefix: str, finish: Callable[[], None], details: Callable[[Entry], None]) -> None:
    """What happened at the last save, if it met a newer version, and the ways on."""
    clash: Clash | None = st.session_state.get(_key(form))
    if clash is None:
        return
    with st.container(border=True, key=f"{form}_conflict"):
        st.warning(clash.message, icon=":material/sync_problem:")
        if clash.newer is not None:
            both = edits.field_titles(clash.newer, edits.clashes(clash.base, clash.mine, clash.newer))
            st.caption(
                f"Both windows changed {', '.join(both)}: applying yours puts your words there."
                if both
                else "The other window changed other parts: applying yours keeps both."
            )
            with st.expander("See the newer version"):
                details(clash.newer)
            with st.container(horizontal=True):
                apply = st.button("Apply my changes on top of it", key=f"{form}_conflict_apply", type="primary")
                drop = st.button("Use the newer version instead", key=f"{form}_conflict_drop")
            if apply:
                attempt(repo, form, edits.on_top(clash.base, clash.mine, clash.newer), clash.base, finish)
        else:
            with st.container(horizontal=True):
                again = st.button("Save it as a new entry", key=f"{form}_conflict_new", type="primary")
                drop = st.button("Let it go", key=f"{form}_conflict_drop")
            if again:
                moment = now()
                fresh = clash.mine.model_copy(update={"id": new_id(), "created_at": moment, "updated_at": moment})
                attempt(repo, form, fresh, None, finish)
        if drop:
            clear(form)
            ui.forget(f"{prefix}_")
            st.rerun()


def orphans(start_of_prefix: str, alive: set[str]) -> list[tuple[str, Entry]]:
    """Editors whose entry was deleted elsewhere while the person had typed in them: (prefix, entry)."""
    found = []
    for key, value in list(st.session_state.items()):
        if not (isinstance(key, str) and key.startswith(start_of_prefix) and key.endswith(BASE_SUFFIX)):
            continue
        prefix = key.removesuffix(BASE_SUFFIX)
        if isinstance(value, Entry) and value.id not in alive and ui.touched(f"{prefix}_"):
            found.append((prefix, value))
    return found
