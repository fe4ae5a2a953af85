"""Before a session: how I have been, and what I want to bring."""

import streamlit as st

import ui
from ui.forms import checkin_form, offer_carried_forward
from workbook.loop import open_checkin

repo = ui.frame("checkin")
st.title("Before a session")
st.write("A few minutes to gather your thoughts, so the important things get said.")
ui.show_flash()

waiting = open_checkin(repo.checkins(), repo.reflections())
if waiting is not None and "checkin_wellbeing" not in st.session_state:
    day = waiting.session_date.strftime("%-d %B") if waiting.session_date else "your next session"
    st.info(f"You have already checked in for {day}. You can edit that check-in in History, or add another here.")

offer_carried_forward(repo, "checkin")
checkin_form(repo, "checkin")
st.caption(ui.PRIVACY)
