"""Over time: how connected you have felt, the five parts, and patterns worth raising."""

import streamlit as st

import ui
from ui.filters import dates_and_therapist
from ui.state import MORE_CHARTS, OVERTIME_MORE_SIGNALS, OVERTIME_SIGNALS_AT_ONCE
from workbook import reports, views
from workbook.i18n import _

repo = ui.frame("overtime")
st.title(_("Over time"))
st.write(_("How the working relationship has felt, session by session, and anything that may be worth raising."))
reflections = repo.reflections()
if len(reflections) < 2:
    st.info(
        _(
            "After two sessions with a reflection, this page shows how connected you felt over time, the five parts"
            " of the relationship, and gentle signals worth raising with your therapist."
        )
    )
    st.page_link(ui.PAGES["reflection"][0], label=_("Reflect on a session"), icon=":material/self_improvement:")
    st.stop()

# The dates and the therapist are chosen in a box, drawn only while open (ui.filters).
therapists = repo.derived("therapists", lambda: sorted({r.therapist for r in reflections if r.therapist}))
start, end, therapist = dates_and_therapist("overtime", therapists)
filters = reports.Filters(start=start, end=end, therapist=therapist)
view = views.over_time_for(repo, filters)
if view is None:
    st.info(_("Fewer than two sessions match. Choose a wider range of dates, or anyone as therapist."))
    st.stop()
st.header(_("What your ratings show"))  # the sections below are its parts (h3), so no heading level is skipped
st.subheader(_("Worth raising"))
if view.signals:
    st.caption(
        _("Patterns in your own ratings, measured against your usual. They are invitations to talk, not verdicts.")
    )
    ui.show_signals(view.signals, at_once=OVERTIME_SIGNALS_AT_ONCE, more=OVERTIME_MORE_SIGNALS)
else:
    st.caption(_("Nothing stands out in this period."))
# The chart most worth seeing is drawn at once; the others when their box is opened (and, once opened,
# on every visit until closed), so the page is quick however many years it shows.
ui.chart_section(view.sections[0])
for section in view.sections[1:]:
    if more := ui.opened(_(section.title), f"{MORE_CHARTS}{section.key}", icon=":material/bar_chart:"):
        with more:
            ui.chart_section(section, heading=False)
st.caption(_(ui.PRIVACY))
