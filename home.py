"""Home: what to do now, how the connection has felt lately, goals, and what carries forward."""

from datetime import datetime

import streamlit as st

import ui
from workbook import schedule
from workbook.loop import carried_forward, next_step, open_checkin, safety_flag_open, since_last_feedback
from workbook.signals import find_signals
from workbook.text import label_safe
from workbook.wording import ALLIANCE_INTRO, NOT_A_CRISIS_SERVICE, PRIVACY

repo = ui.frame("home")
settings = repo.settings()
goals, checkins, reflections, notes = repo.goals(), repo.checkins(), repo.reflections(), repo.feedback_notes()

name = f", {label_safe(settings.name)}" if settings.name else ""
st.title(f"Welcome{name}")
ui.show_flash()

if repo.is_empty():
    st.write(
        "This is your own workbook for therapy: a place to set goals, prepare for each session, reflect"
        " afterwards and, every few sessions, tell your therapist what is working and what is not."
    )
    st.header("Why the relationship matters")
    st.write(ALLIANCE_INTRO)
    st.header("How it works")
    st.write(
        "1. **Goals**: what you want from therapy, in your own words.\n"
        "2. **Before a session**: how you have been, and up to three topics to bring.\n"
        "3. **After a session**: what happened, and how connected you felt.\n"
        "4. **Feedback**: every few sessions, a note you can share with your therapist."
    )
    st.info(PRIVACY + " Your workbook is a file on this computer; the Settings page shows where.")

now = datetime.now()
today = now.date()
coming = schedule.next_session(settings.calendar, now)
coming_on = coming.start.date() if coming else None
last = schedule.last_session(settings.calendar, now)
last_on = last.start.date() if last else None
step = repo.derived(
    f"home-step:{today}:{coming_on}:{last_on}",
    lambda: next_step(
        goals,
        checkins,
        reflections,
        notes,
        today,
        feedback_page="feedback" in ui.PAGES,
        next_session_on=coming_on,
        last_session_on=last_on,
    ),
)
# An h2, then each thing to do as an h3: help first while a safety worry is open (an empty workbook
# has no check-in, so the welcome above never comes before it).
st.header("What to do now")
if safety_flag_open(checkins, reflections) is not None:  # first, until the next reflection
    with st.container(border=True, key="home_safety"):
        st.subheader("You said you were worried about your safety")
        st.write("You matter, and help is there for you now. Please reach out:")
        ui.crisis_resources(settings.crisis_lines, settings.crisis_country)

if coming is not None:
    waiting = open_checkin(checkins, reflections)
    ready = waiting is not None and waiting.session_date == coming_on
    st.markdown(
        f"**Next session:** {schedule.when(coming, today)}"
        + (" — you have checked in." if ready else " — check in beforehand.")
    )
elif reflections:
    st.caption("Add your usual session time in Settings, and Home will show your next session.")

with st.container(border=True):
    st.subheader(step.headline)
    st.write(step.detail)
    if step.page in ui.PAGES:
        path, title, icon = ui.PAGES[step.page]
        st.page_link(path, label=f"Go to {title}", icon=icon)

rated = [r for r in reflections[-20:] if r.overall is not None]  # sessions left unrated are not shown as numbers
if rated:
    st.header("Your connection lately")
    recent = rated[-5:]
    with st.container(horizontal=True, gap="large"):
        for reflection, before in zip(recent, (None, *recent[:-1]), strict=False):
            delta = None if before is None else reflection.overall - before.overall
            st.metric(f"{reflection.session_date:%-d %b}", f"{reflection.overall}/10", delta=delta, delta_color="off")
    st.caption("Overall connection after each of your last sessions.")

signals = repo.derived(
    "home-signals",
    lambda: find_signals(  # "your usual" is measured over the whole history, not only since feedback
        since_last_feedback(reflections, [n.shared_on for n in notes if n.shared_on]),
        goals,
        settings.thresholds,
        history=reflections,
        own_items=settings.own_items,
    ),
)
if signals:
    st.subheader("Worth raising")
    st.caption("Since you last shared feedback. Invitations to talk, not verdicts.")
    for signal in signals[:2]:
        ui.show_signal(signal)
    if len(signals) > 2:
        st.page_link(
            ui.PAGES["overtime"][0], label=f"{len(signals) - 2} more on Over time", icon=":material/monitoring:"
        )

carry = carried_forward(reflections)
if carry:
    st.header("Carried forward")
    st.caption(f"From your reflection of {carry.from_date:%-d %B %Y}; offered again in your next check-in.")
    ui.field("What I did not say", carry.unsaid)
    ui.field("Next steps", carry.next_steps)

active = [g for g in goals if g.status == "active"]
if active:
    st.header("Your active goals")
    for goal in active:
        ui.words(f"• {goal.title}")

st.page_link(ui.PAGES["guide"][0], label="Making the relationship work: what helps", icon=":material/handshake:")

st.divider()
st.caption(NOT_A_CRISIS_SERVICE)
with st.expander("Where to get help now", expanded=repo.is_empty(), icon=":material/favorite:"):
    ui.crisis_resources(settings.crisis_lines, settings.crisis_country, explain=False)
