"""After a session: what happened, and how connected I felt."""

import streamlit as st

import ui
from ui.forms import reflection_form
from workbook.i18n import _
from workbook.loop import open_checkin

repo = ui.frame("reflection")
st.title(_("After a session"))
st.write(_("Note what happened while it is fresh, and how connected you felt to your therapist."))
ui.show_flash()

if open_checkin(repo.checkins(), repo.reflections()) is None and not repo.reflections():
    st.caption(_("Tip: check in before your next session, and your topics will be waiting here."))

reflection_form(repo, "reflection")
st.caption(_(ui.PRIVACY))
