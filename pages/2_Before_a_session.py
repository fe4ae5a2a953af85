"""Before a session: how I have been, and what I want to bring."""

import streamlit as st

import ui
from ui.forms import checkin_form, offer_carried_forward
from workbook import i18n
from workbook.i18n import _
from workbook.loop import open_checkin

repo = ui.frame("checkin")
st.title(_("Before a session"))
st.write(_("A few minutes to gather your thoughts, so the important things get said."))
ui.show_flash()

waiting = open_checkin(repo.checkins(), repo.reflections())
if waiting is not None and "checkin_wellbeing" not in st.session_state:
    if waiting.session_date:
        # TRANSLATORS: {day} is a day such as "9 February".
        already = _(
            "You have already checked in for {day}. You can edit that check-in in History, or add another here."
        ).format(day=i18n.day_month(waiting.session_date))
    else:
        already = _(
            "You have already checked in for your next session. You can edit that check-in in History,"
            " or add another here."
        )
    st.info(already)

offer_carried_forward(repo, "checkin")
checkin_form(repo, "checkin")
st.caption(_(ui.PRIVACY))
