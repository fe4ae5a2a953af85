"""A goal: the form to set one down in the person's own words, or to edit it and change its status."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import ui
from ui import saving
from ui.forms.widgets import begin, newer_version, text_box, text_line
from workbook.i18n import _
from workbook.models import Goal
from workbook.repository import Repository
from workbook.wording import LADDER, STATUS


def goal_form(
    repo: Repository, prefix: str, existing: Goal | None = None, after: Callable[[], None] | None = None
) -> None:
    form, k, existing, finish = begin(prefix, "goal", existing, after, _("Goal saved."))
    for name in ("title", "why_it_matters", "magic_wand", "first_step"):
        ui.default(k(name), getattr(existing, name) if existing else "")
    ui.default(k("agreed_with_therapist"), existing.agreed_with_therapist if existing else False)
    ui.default(k("status"), existing.status if existing else "active")
    for level in LADDER:
        ui.default(k(f"ladder_{level}"), existing.ladder.get(str(level), "") if existing else "")
    with st.container():
        text_line(_("Your goal, in your own words"), k("title"))
        ui.problem_here(form, "title")
        text_box(_("Why it matters to you"), k("why_it_matters"), form, "why_it_matters")
        text_box(
            _("If a magic wand solved this overnight, what would be different?"), k("magic_wand"), form, "magic_wand"
        )
        text_box(_("A first small step"), k("first_step"), form, "first_step", height=68)
        with st.expander(_("What would each level of progress look like? (optional)")):
            for level, words in LADDER.items():
                text_line(f"{level:+d}: {_(words)}" if level else f"0: {_(words)}", k(f"ladder_{level}"))
            ui.problem_here(form, "ladder")
        st.checkbox(_("I have agreed this goal with my therapist"), key=k("agreed_with_therapist"))
        if existing:
            # TRANSLATORS: a goal's status: Active, Achieved, Paused, Let go.
            st.radio(_("Status"), list(STATUS), format_func=lambda s: _(STATUS[s]), horizontal=True, key=k("status"))
        again = saving.at_the_button(form, prefix, "goal", newer_version(repo))
        saved = st.button(_("Save goal"), type="primary", key=f"{form}_save")
    if saved or again:
        fields = {name: st.session_state[k(name)] for name in ("title", "why_it_matters", "magic_wand", "first_step")}
        fields |= {
            "agreed_with_therapist": st.session_state[k("agreed_with_therapist")],
            "status": st.session_state[k("status")],
            "ladder": {
                str(level): st.session_state[k(f"ladder_{level}")]
                for level in LADDER
                if st.session_state[k(f"ladder_{level}")].strip()
            },
        }
        if existing:
            fields["progress"] = existing.progress
        saving.save(repo, form, prefix, Goal, fields, existing, finish, action=again)
