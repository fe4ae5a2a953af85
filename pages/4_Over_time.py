"""Over time: how connected you have felt, the five parts, and patterns worth raising."""

from datetime import date

import streamlit as st

import ui
from ui.state import (
    MORE_CHARTS,
    OVERTIME_CHOSEN,
    OVERTIME_DATES,
    OVERTIME_EVERY,
    OVERTIME_FILTERS,
    OVERTIME_FRESH,
    OVERTIME_MORE_SIGNALS,
    OVERTIME_SIGNALS_AT_ONCE,
    OVERTIME_THERAPIST,
)
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

# The dates and the therapist are chosen in a box, drawn only while open (a date picker and a list cost
# the browser time on every visit); what was chosen stays in effect, and in the box's label, when it is
# closed or the page is left. A therapist no longer in any session is no longer chosen.
span, therapist = st.session_state.get(OVERTIME_CHOSEN, ((), ""))
therapists = repo.derived("therapists", lambda: sorted({r.therapist for r in reflections if r.therapist}))
if therapist not in therapists:
    therapist = ""


# "Show every session" starts the two fields afresh under new keys: a browser keeps what a field showed
# when only the server forgets it.
fresh = st.session_state.get(OVERTIME_FRESH, 0)
suffix = f"_{fresh}" if fresh else ""
dates_key, therapist_key = f"{OVERTIME_DATES}{suffix}", f"{OVERTIME_THERAPIST}{suffix}"


def keep_chosen() -> None:
    st.session_state[OVERTIME_CHOSEN] = (
        tuple(st.session_state.get(dates_key) or ()),
        st.session_state.get(therapist_key) or "",
    )


def every_session() -> None:
    st.session_state[OVERTIME_CHOSEN] = ((), "")
    st.session_state[OVERTIME_FRESH] = fresh + 1


def chosen(span: tuple[date, ...], therapist: str) -> reports.Filters:
    start, end = (*span, None, None)[:2]
    return reports.Filters(start=start, end=end or start, therapist=therapist)


# While open, its label stays put: a new label is a new box to Streamlit, which would close a date picker
# between the first and the last day of a range.
said = _("Choose dates or a therapist") if ui.is_open(OVERTIME_FILTERS) else views.filters_said(chosen(span, therapist))
if box := ui.opened(said, OVERTIME_FILTERS, icon=":material/filter_list:"):
    with box:
        left, right = st.columns([3, 2])
        span = left.date_input(
            _("Between"),
            value=span,
            key=dates_key,
            format="YYYY-MM-DD",
            max_value=date.today(),
            on_change=keep_chosen,
        )
        names = ["", *therapists]
        therapist = right.selectbox(
            _("Therapist"),
            names,
            index=names.index(therapist) if therapist in names else 0,
            format_func=lambda t: t or _("Anyone"),
            key=therapist_key,
            on_change=keep_chosen,
        )
        if span or therapist:
            st.button(
                _("Show every session"), key=OVERTIME_EVERY, on_click=every_session, icon=":material/filter_list_off:"
            )
filters = chosen(tuple(span or ()), therapist)
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
