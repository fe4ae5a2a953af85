"""Making the relationship work: what helps, what gets in the way, and what the research found."""

import streamlit as st

import ui
from workbook import guide
from workbook.i18n import _

ui.frame("guide")
st.title(_("Making the relationship work"))
st.write(_(guide.INTRO))
st.header(_("What helps"), divider="gray")
for tip in guide.WHAT_HELPS:
    st.subheader(_(tip.title))
    st.write(_(tip.text))
st.header(_("What can get in the way"), divider="gray")
for tip in guide.WHAT_GETS_IN_THE_WAY:
    st.subheader(_(tip.title))
    st.write(_(tip.text))
st.header(_("What research found"), divider="gray")
for finding in guide.RESEARCH:
    st.write(f"- {_(finding)}")
st.page_link(ui.PAGES["feedback"][0], label=_("Prepare feedback for your therapist"), icon=":material/forum:")
