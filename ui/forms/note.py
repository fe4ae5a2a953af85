"""A feedback note, edited from History: its words, when it was shared, and what came of it.

Notes are written on the Feedback page (ui.feedback); this form only edits one already kept.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import ui
from ui import saving
from ui.forms.widgets import FAR, begin, newer_version, text_box
from workbook.i18n import _
from workbook.models import FeedbackNote
from workbook.repository import Repository


def feedback_form(
    repo: Repository, prefix: str, existing: FeedbackNote, after: Callable[[], None] | None = None
) -> None:
    """Edit a feedback note: its words, when it was shared, and what came of it."""
    form, k, existing, finish = begin(prefix, "feedback", existing, after)  # type: ignore[assignment]
    for name in ("body", "response", "agreed_changes"):
        ui.default(k(name), getattr(existing, name))
    ui.default(k("shared_on"), existing.shared_on)
    with st.container():
        text_box(_("The note"), k("body"), form, "body", height=200)
        st.date_input(_("Shared with my therapist on"), key=k("shared_on"), format="YYYY-MM-DD", max_value=FAR)
        ui.problem_here(form, "shared_on")
        text_box(_("My therapist's response"), k("response"), form, "response")
        text_box(_("What we agreed to change"), k("agreed_changes"), form, "agreed_changes")
        again = saving.at_the_button(form, prefix, "feedback note", newer_version(repo))
        saved = st.button(_("Save feedback note"), type="primary", key=f"{form}_save")
    if saved or again:
        fields = existing.model_dump() | {
            name: st.session_state[k(name)] for name in ("body", "response", "agreed_changes", "shared_on")
        }
        saving.save(repo, form, prefix, FeedbackNote, fields, existing, finish, action=again)
