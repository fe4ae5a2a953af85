"""Making the relationship work: what helps, what gets in the way, and what the research found."""

import streamlit as st

import ui
from workbook import guide
from workbook.i18n import _

ui.frame("guide")
st.title(_("Making the relationship work"))
st.write(_(guide.INTRO))
# Each part drawn as one block of Markdown (the app's own words): a handful of elements for the browser
# to draw rather than dozens, with the same headings for a screen reader.
st.header(_("What helps"), divider="gray")
st.markdown("\n\n".join(f"### {_(tip.title)}\n\n{_(tip.text)}" for tip in guide.WHAT_HELPS))
st.header(_("What can get in the way"), divider="gray")
st.markdown("\n\n".join(f"### {_(tip.title)}\n\n{_(tip.text)}" for tip in guide.WHAT_GETS_IN_THE_WAY))
st.header(_("What research found"), divider="gray")
st.markdown("\n".join(f"- {_(finding)}" for finding in guide.RESEARCH))
st.page_link(ui.PAGES["feedback"][0], label=_("Prepare feedback for your therapist"), icon=":material/forum:")
