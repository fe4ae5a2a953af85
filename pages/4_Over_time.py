"""Over time: how connected you have felt, the five parts, and patterns worth raising."""

from datetime import date

import streamlit as st

import ui
from workbook import charts, reports
from workbook.signals import find_signals

repo = ui.frame("overtime")
st.title("Over time")
st.write("How the working relationship has felt, session by session, and anything that may be worth raising.")
reflections = repo.reflections()
if len(reflections) < 2:
    st.info(
        "After two sessions with a reflection, this page shows how connected you felt over time, the five parts"
        " of the relationship, and gentle signals worth raising with your therapist."
    )
    st.page_link(ui.PAGES["reflection"][0], label="Reflect on a session", icon=":material/self_improvement:")
    st.stop()

left, right = st.columns([3, 2])
span = left.date_input("Between", value=(), key="overtime_dates", format="YYYY-MM-DD", max_value=date.today())
therapists = sorted({r.therapist for r in reflections if r.therapist})
therapist = right.selectbox(
    "Therapist", ["", *therapists], format_func=lambda t: t or "Anyone", key="overtime_therapist"
)
start, end = (*tuple(span), None, None)[:2] if span else (None, None)
filters = reports.Filters(start=start, end=end or start, therapist=therapist)
chosen = repo.derived(f"overtime:{filters}", lambda: reports.chosen(reflections, filters))
if len(chosen) < 2:
    st.info("Fewer than two sessions match. Choose a wider range of dates, or anyone as therapist.")
    st.stop()

settings = repo.settings()
signals = repo.derived(f"signals:{filters}", lambda: find_signals(chosen, repo.goals(), settings.thresholds))
st.subheader("Worth raising")
if signals:
    st.caption("Patterns in your own ratings. They are invitations to talk, not verdicts.")
    for signal in signals:
        ui.show_signal(signal)
else:
    st.caption("Nothing stands out in this period.")

sessions = repo.derived(f"sessions:{filters}", lambda: reports.sessions_frame(chosen))
shared = reports.shared_feedback_frame(
    n for n in repo.feedback_notes() if n.shared_on and (start is None or n.shared_on >= start)
)
ui.chart_section(
    "Overall connection",
    f"Each point is a session; the dashed line is the average of the last few; the shaded band (below"
    f" {settings.thresholds.low_overall}) is worth a conversation; green lines mark feedback you shared.",
    charts.connection_chart(sessions, shared, settings.thresholds.low_overall),
    sessions.drop(columns=["id"]),
    "overall-connection",
)
parts = reports.parts_frame(sessions)
ui.chart_section(
    "The five parts",
    "Trust, empathy, collaboration, communication and shared goals for each session. Darker means lower,"
    " so a weak part shows as a dark row.",
    charts.parts_chart(parts),
    parts,
    "five-parts",
)
before_after = reports.before_after_frame(sessions, shared)
if not before_after.empty:
    ui.chart_section(
        "Before and after feedback",
        "Your average connection over the few sessions before each shared feedback note, and the few after it.",
        charts.before_after_chart(before_after),
        before_after,
        "before-after-feedback",
    )
wellbeing = reports.wellbeing_frame(repo.checkins(), chosen)
if len(wellbeing) >= 2:
    ui.chart_section(
        "How you had been, and how connected you felt",
        "Each point is a session: how you had been before it (from your check-in) and your connection in it.",
        charts.wellbeing_chart(wellbeing),
        wellbeing,
        "wellbeing-and-connection",
    )
goals = reports.goals_frame(repo.goals(), reflections)
if not goals.empty:
    ui.chart_section(
        "Goal progress",
        "Each goal on its ladder: −2 much less than expected, 0 as expected, +2 much more.",
        charts.goals_chart(goals),
        goals,
        "goal-progress",
    )
st.caption(ui.PRIVACY)
