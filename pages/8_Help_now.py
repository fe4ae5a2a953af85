"""Help now: where to turn in a crisis, one click from every page."""

import streamlit as st

import ui
from workbook.i18n import _
from workbook.models import Settings
from workbook.wording import NOT_A_CRISIS_SERVICE

repo = ui.frame("help")  # None when the workbook is locked or damaged: help never waits for either
settings = repo.settings() if repo is not None else Settings()
st.title(_("Help now"))
st.write(_(NOT_A_CRISIS_SERVICE))
with st.container(border=True):
    st.header(_("Where to get help"))
    ui.crisis_resources(settings.crisis_lines, settings.crisis_country, explain=False)
st.write(
    _(
        "If you are not in danger right now but things feel heavy, you could write it down in a check-in"
        " and bring it to your next session, or tell someone you trust."
    )
)
st.page_link(ui.PAGES["checkin"][0], label=_("Write a check-in"), icon=":material/edit_note:")
st.caption(_("To change these numbers (for your country), go to Settings and your data."))
