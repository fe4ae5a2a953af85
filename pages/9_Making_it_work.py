"""Making the relationship work: what helps, what gets in the way, and what the research found."""

import streamlit as st

import ui
from workbook import guide

ui.frame("guide")
st.title("Making the relationship work")
st.write(guide.INTRO)
st.header("What helps", divider="gray")
for tip in guide.WHAT_HELPS:
    st.subheader(tip.title)
    st.write(tip.text)
st.header("What can get in the way", divider="gray")
for tip in guide.WHAT_GETS_IN_THE_WAY:
    st.subheader(tip.title)
    st.write(tip.text)
st.header("What research found", divider="gray")
for finding in guide.RESEARCH:
    st.write(f"- {finding}")
st.page_link(ui.PAGES["feedback"][0], label="Prepare feedback for your therapist", icon=":material/forum:")
