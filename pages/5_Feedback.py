"""Feedback: prepare a note for your therapist from your own entries, share it, and close the loop."""

from datetime import date

import streamlit as st

import ui
from ui.feedback import draft_editor, note_downloads, shared_notes
from workbook.feedback import default_period, in_period
from workbook.models import Reflection

repo = ui.frame("feedback")
st.title("Feedback for your therapist")
st.write(
    "Telling your therapist what helps and what does not is one of the best ways to make therapy work for you."
    " Your entries are turned into a draft below: keep what you want to say, change the words, drop the rest."
)
ui.show_flash()
reflections, notes = repo.reflections(), repo.feedback_notes()
if not reflections:
    st.info("After your first reflection, a draft of feedback will be prepared here from what you wrote.")
    st.page_link(ui.PAGES["reflection"][0], label="Reflect on a session", icon=":material/self_improvement:")
    st.stop()

st.header("Prepare a note")
start, end = default_period(notes, reflections, date.today())
since_last = st.radio(
    "Which sessions?",
    ["since", "range"],
    format_func={"since": "Since I last shared feedback", "range": "Choose the dates"}.get,
    horizontal=True,
    key="feedback_period",
)
if since_last == "range":
    span = st.date_input("From and to", value=(start, end), key="feedback_dates", format="YYYY-MM-DD")
    start, end = (*tuple(span), end)[:2] if span else (start, end)
include_private = st.checkbox("Include reflections I marked private", key="feedback_private")


def period(private: bool) -> list[Reflection]:  # once per workbook state and choice, not on every click
    return repo.derived(f"feedback-period:{start}:{end}:{private}", lambda: in_period(reflections, start, end, private))


chosen = period(include_private)
hidden = len(period(True)) - len(chosen)
st.caption(
    f"{len(chosen)} session{'' if len(chosen) == 1 else 's'} from {start:%-d %B %Y} to {end:%-d %B %Y}"
    + (f"; {hidden} private reflections left out." if hidden else ".")
)
note = draft_editor(repo, chosen, start, end, include_private)
if note is not None:
    note_downloads(repo, note, chosen, start, end, include_private)

shared_notes(repo)
st.caption(ui.PRIVACY)
