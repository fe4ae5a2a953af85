"""Help now: where to turn in a crisis, one click from every page."""

import streamlit as st

import ui
from workbook.models import Settings
from workbook.wording import NOT_A_CRISIS_SERVICE

repo = ui.frame("help")  # None when the workbook is locked or damaged: help never waits for either
settings = repo.settings() if repo is not None else Settings()
st.title("Help now")
st.write(NOT_A_CRISIS_SERVICE)
with st.container(border=True):
    st.header("Where to get help")
    ui.crisis_resources(settings.crisis_lines, settings.crisis_country, explain=False)
st.write(
    "If you are not in danger right now but things feel heavy, you could write it down in a check-in"
    " and bring it to your next session, or tell someone you trust."
)
st.page_link(ui.PAGES["checkin"][0], label="Write a check-in", icon=":material/edit_note:")
st.caption("To change these numbers (for your country), go to Settings and your data.")
