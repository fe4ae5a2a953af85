"""Home: what to do now, the check-in to read in the session, how the connection has felt lately, goals,
and what carries forward; help first, and nothing that grades the relationship, while a safety worry is open."""

from datetime import date, datetime

import streamlit as st

import ui
from ui.language import country_choice, language_choice
from workbook import i18n, schedule
from workbook.i18n import _, ngettext
from workbook.loop import (
    SAFETY_FIRST,
    agenda_of,
    carried_forward,
    next_step,
    open_checkin,
    safety_flag_open,
    since_last_feedback,
)
from workbook.models import CheckIn
from workbook.signals import find_signals
from workbook.text import label_safe
from workbook.wording import ALLIANCE_INTRO, NOT_A_CRISIS_SERVICE, PRIVACY


def show_checkin(checkin: CheckIn, today: date) -> None:
    """The open check-in as the client wrote it, to read in the room: the topics in the order they gave
    them (a safety worry first), their questions and what feels hard to say; until they reflect."""
    topics = [topic for topic in agenda_of(checkin) if topic.strip()]
    if not (topics or checkin.questions.strip() or checkin.hard_to_say.strip()):
        return
    day = checkin.session_date
    with st.container(border=True, key="home_checkin"):
        st.subheader(_("What you want to bring"))
        if day is None:
            when = _("From your check-in for your next session.")
        elif day == today:
            when = _("From your check-in for your session today.")
        else:
            # TRANSLATORS: {day} is "Tuesday 9 February".
            when = _("From your check-in for your session on {day}.").format(day=i18n.weekday_day_month(day))
        st.caption(
            # TRANSLATORS: {when} is "From your check-in for your session today." (or "…on Tuesday 9 February.")
            _("{when} Ready to read in the room; it stays here until you reflect on that session.").format(when=when)
        )
        if topics:
            st.markdown(_("**Topics to raise**, most important first"))
            ui.words("\n".join(f"{n}. {topic}" for n, topic in enumerate(topics, start=1)))
        for label, text in (
            (_("Questions for your therapist"), checkin.questions),
            (_("Something that feels hard to say"), checkin.hard_to_say),
        ):
            if text.strip():
                st.markdown(f"**{label}**")
                ui.words(text.strip())


repo = ui.frame("home")
settings = repo.settings()
goals, checkins, reflections, notes = repo.goals(), repo.checkins(), repo.reflections(), repo.feedback_notes()

if settings.name:
    # TRANSLATORS: {name} is the client's own name, as they gave it in Settings.
    st.title(_("Welcome, {name}").format(name=label_safe(settings.name)))
else:
    st.title(_("Welcome"))
ui.show_flash()

if repo.is_empty():
    language, country = st.columns(2)  # side by side on a wide screen, one under the other on a phone
    with language:
        language_choice(repo, "home_language")
    with country:
        country_choice(repo, "home_country")
    st.write(_("Your country decides which crisis lines the workbook shows. You can change both in Settings."))
    st.write(
        _(
            "This is your own workbook for therapy: a place to set goals, prepare for each session, reflect"
            " afterwards and, every few sessions, tell your therapist what is working and what is not."
        )
    )
    st.header(_("Why the relationship matters"))
    st.write(_(ALLIANCE_INTRO))
    st.header(_("How it works"))
    st.write(
        _(
            "1. **Goals**: what you want from therapy, in your own words.\n"
            "2. **Before a session**: how you have been, and up to three topics to bring.\n"
            "3. **After a session**: what happened, and how connected you felt.\n"
            "4. **Feedback**: every few sessions, a note you can share with your therapist."
        )
    )
    st.info(
        _("{privacy} Your workbook is a file on this computer; the Settings page shows where.").format(
            privacy=_(PRIVACY)
        )
    )

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
st.header(_("What to do now"))
# While a safety worry is open, Home shows help and nothing that grades the relationship (no signals,
# no ratings): those can wait for a calmer day.
worried = safety_flag_open(checkins, reflections) is not None
if worried:  # first, until the next reflection
    with st.container(border=True, key="home_safety"):
        st.subheader(_("You said you were worried about your safety"))
        st.write(_("You matter, and help is there for you now. Please reach out:"))
        ui.crisis_resources(settings.crisis_lines, settings.crisis_country)
        st.write(_(SAFETY_FIRST))

waiting = open_checkin(checkins, reflections)
if coming is not None:
    ready = waiting is not None and waiting.session_date == coming_on
    when = schedule.when(coming, today)
    # TRANSLATORS: {when} is the next session's day and time, such as "Tuesday 10 February, 17:00".
    if ready:
        st.markdown(_("**Next session:** {when} — you have checked in.").format(when=when))
    else:
        st.markdown(_("**Next session:** {when} — check in beforehand.").format(when=when))
elif reflections:
    st.caption(_("Add your usual session time in Settings, and Home will show your next session."))

with st.container(border=True):
    st.subheader(step.headline)
    st.write(step.detail)
    if step.page in ui.PAGES:
        path, title, icon = ui.PAGES[step.page]
        st.page_link(path, label=_("Go to {page}").format(page=_(title)), icon=icon)

if waiting is not None:
    show_checkin(waiting, today)

rated = [] if worried else [r for r in reflections[-20:] if r.overall is not None]  # unrated: not shown as numbers
if rated:
    st.header(_("Your connection lately"))
    recent = rated[-5:]
    with st.container(horizontal=True, gap="large"):
        for reflection, before in zip(recent, (None, *recent[:-1]), strict=False):
            delta = None if before is None else reflection.overall - before.overall
            day = i18n.short_date(reflection.session_date)
            st.metric(day, f"{reflection.overall}/10", delta=delta, delta_color="off")
    st.caption(_("Overall connection after each of your last sessions."))

signals = (
    []
    if worried
    else repo.derived(
        "home-signals",
        lambda: find_signals(  # "your usual" is measured over the whole history, not only since feedback
            since_last_feedback(reflections, [n.shared_on for n in notes if n.shared_on]),
            goals,
            settings.thresholds,
            history=reflections,
            own_items=settings.own_items,
        ),
    )
)
if signals:
    st.subheader(_("Worth raising"))
    st.caption(_("Since you last shared feedback. Invitations to talk, not verdicts."))
    ui.show_signals(signals[:2])
    if len(signals) > 2:
        more = len(signals) - 2
        st.page_link(
            ui.PAGES["overtime"][0],
            label=ngettext("{count} more on Over time", "{count} more on Over time", more).format(
                count=i18n.number(more)
            ),
            icon=":material/monitoring:",
        )

carry = carried_forward(reflections)
if carry:
    st.header(_("Carried forward"))
    st.caption(
        _("From your reflection of {date}; offered again in your next check-in.").format(
            date=i18n.long_date(carry.from_date)
        )
    )
    ui.field(_("What I did not say"), carry.unsaid)
    ui.field(_("Next steps"), carry.next_steps)

active = [g for g in goals if g.status == "active"]
if active:
    st.header(_("Your active goals"))
    for goal in active:
        ui.words(f"• {goal.title}")

st.page_link(ui.PAGES["guide"][0], label=_("Making the relationship work: what helps"), icon=":material/handshake:")

st.divider()
st.write(_(NOT_A_CRISIS_SERVICE))  # the sentence that matters most here: read as the page's words, not small print
with st.expander(_("Where to get help now"), expanded=repo.is_empty(), icon=":material/favorite:"):
    ui.crisis_resources(settings.crisis_lines, settings.crisis_country, explain=False)
