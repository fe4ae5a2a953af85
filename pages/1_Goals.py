"""Goals: what I want from therapy, why, what progress would look like, and how far I have come."""

from datetime import date

import streamlit as st

import ui
from ui import conflict, saving
from ui.forms import FAR, entry_details, goal_form
from workbook import i18n
from workbook.errors import WorkbookError
from workbook.i18n import N_, _, ngettext, pgettext
from workbook.loop import goal_progress, with_progress
from workbook.models import Goal
from workbook.reports import progress_table
from workbook.wording import LADDER, STATUS

repo = ui.frame("goals")
st.title(_("Goals"))
st.write(_("What you want from therapy, in your own words. Goals can change; that is part of the work."))
ui.show_flash()
goals = repo.goals()
for prefix, gone in conflict.orphans("goals_edit_", {g.id for g in goals}):
    with st.container(border=True):
        st.warning(_("A goal you were editing was deleted in another window. Your words are below."))
        goal_form(repo, prefix, gone)  # type: ignore[arg-type]


# Drawn only while open (a closed form still costs the browser its dozen fields on every visit); words
# typed into it and not saved come back when it is opened again (ui.keeper).
if add := ui.opened(_("Add a goal"), "goals_add", expanded=not goals, icon=":material/add:"):
    with add:
        goal_form(repo, "goals_new")

if not goals:
    st.info(
        _("No goals yet. Start with one thing you would like to be different; you can refine it with your therapist.")
    )
    st.stop()

NONE_WITH = {
    "active": N_("No goals are active right now."),
    "achieved": N_("No goals are achieved right now."),
    "paused": N_("No goals are paused right now."),
    "let_go": N_("No goals are let go right now."),
}
status = st.segmented_control(
    _("Show"), list(STATUS), format_func=lambda s: _(STATUS[s]), key="goals_status", default="active"
)
chosen = [g for g in goals if status is None or g.status == status]
if not chosen:
    st.info(_(NONE_WITH[status]) if status in NONE_WITH else _("No goals right now."))
    st.stop()
ids = [g.id for g in chosen]
if st.session_state.get("goals_open") not in ids:
    st.session_state["goals_open"] = ids[-1]
titles = {g.id: g.title for g in chosen}
goal_id = st.selectbox(_("Open a goal"), ids, format_func=titles.get, key="goals_open")
goal = repo.get(Goal, goal_id)

with st.container(border=True):
    entry_details(repo, goal)

st.header(_("Progress"))
table = repo.derived(f"goal-progress:{goal.id}", lambda: progress_table(goal_progress(goal, repo.reflections())))
RECENT = 8  # ratings shown at once; the rest on request
# TRANSLATORS: how the browser writes a date in the grid (Moment.js tokens); its month names are English.
GRID_DATE = pgettext("grid date format", "D MMM YYYY")
if not table.empty:
    # The latest ratings as plain lines (quick to draw, read well by a screen reader, and the note in
    # the client's own words shown as written); all of them in a scrollable grid on request.
    for row in table.head(RECENT).itertuples():
        day, meaning = i18n.short_date(row.Date, year=True), _(row.Meaning)
        ui.words(f"{day} · {meaning} — {row.Note}" if row.Note else f"{day} · {meaning}")
    count = len(table)
    every = ngettext("All {count} ratings", "All {count} ratings", count).format(count=i18n.number(count))
    if count > RECENT and (box := ui.opened(every, f"goals_all_ratings_{goal.id[:8]}")):
        with box:
            st.dataframe(
                table.assign(Meaning=[_(meaning) for meaning in table["Meaning"]]),
                hide_index=True,
                width="stretch",
                height=min(36 * (len(table) + 1) + 4, 300),
                column_order=("Date", "Meaning", "Note"),
                column_config={
                    "Date": st.column_config.DateColumn(_("Date"), format=GRID_DATE, width=90),
                    "Meaning": st.column_config.TextColumn(_("How far"), width=160),
                    "Note": st.column_config.TextColumn(_("Note"), width=90),
                },
            )
else:
    st.caption(_("No progress ratings yet. Rate it here, or in a reflection after a session."))

with st.form("goals_progress", border=False):
    on = st.date_input(_("Date"), value=date.today(), key="goals_progress_on", max_value=FAR, format="YYYY-MM-DD")
    rating = st.pills(  # nothing chosen until the person chooses: no rating is made up for them
        _("How far has it come?"), list(LADDER), format_func=lambda v: _(LADDER[v]), key="goals_progress_rating"
    )
    note = st.text_input(_("A note (optional)"), key="goals_progress_note", max_chars=500)
    if st.form_submit_button(_("Add rating"), key="goals_progress_go"):

        def add_rating() -> Goal:
            if rating is None:
                raise WorkbookError(_("Choose how far it has come, then add the rating."))
            # Added to the goal as it is now, so an edit made in another window is kept.
            return repo.update(Goal, goal.id, lambda current: with_progress(current, on, rating, note))

        saving.act(
            add_rating, _("Progress noted."), after=lambda rated: conflict.follow(f"goals_edit_{goal.id[:8]}", rated)
        )

editing = f"goals_edit_{goal.id[:8]}"
if box := ui.opened(
    _("Edit this goal, or change its status"),
    f"{editing}_open",
    expanded=ui.touched(f"{editing}_"),
    icon=":material/edit:",
):
    with box:
        goal_form(repo, editing, goal)
