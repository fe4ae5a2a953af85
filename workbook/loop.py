"""The session loop: what to do now, and what carries from one step to the next.

Goals → check-in before a session → the session → reflection after it → feedback every few sessions.
Unsaid things and next steps from the last reflection are offered in the next check-in; the topics of
the open check-in are offered in the reflection ("did we get to it?").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from statistics import median

from . import i18n, schedule
from .i18n import N_, _, ngettext
from .models import CheckIn, FeedbackNote, Goal, Reflection, SessionCalendar
from .validation import build_entry

# The first topic of a check-in that said the client was worried about their safety: translated when
# it is offered (agenda_of), then the reflection keeps it as written, like the client's own topics.
SAFETY_TOPIC = N_("My safety: I have been worried about my safety")
# What the client can do about it: the workbook cannot put anything on their therapist's agenda.
SAFETY_FIRST = N_(
    "In your session, tell your therapist first thing that you have been worried about your safety."
    " The workbook cannot tell them for you: nobody else reads it."
)
FEEDBACK_EVERY = 6  # sessions between feedback notes, a rhythm the PCOMS research suggests


@dataclass(frozen=True)
class NextStep:
    page: str  # "goals", "checkin", "reflection" or "feedback"
    headline: str
    detail: str


@dataclass(frozen=True)
class CarryForward:
    from_date: date
    unsaid: str
    next_steps: str


@dataclass(frozen=True)
class ProgressPoint:
    on: date
    rating: int
    note: str
    source: str  # "goal page" or "reflection" (data: translated where it is shown)


def _checkin_day(checkin: CheckIn) -> date:
    return checkin.session_date or checkin.created_at.date()


def open_checkin(checkins: tuple[CheckIn, ...], reflections: tuple[Reflection, ...]) -> CheckIn | None:
    """The latest check-in that no reflection has followed yet: none names it, none is about its day
    (written after it) or a later one. Home shows it until then, and a new reflection offers its topics."""
    if not checkins:
        return None
    latest = checkins[-1]
    day = _checkin_day(latest)
    if any(
        r.checkin_id == latest.id or (r.session_date == day and r.created_at > latest.created_at)
        for r in reflections[-20:]
    ):
        return None
    if reflections and day < reflections[-1].session_date:
        return None  # older than the last reflection: that session has been reflected on
    return latest


def agenda_of(checkin: CheckIn | None) -> list[str]:
    """The topics a check-in brings, in order; a safety concern always comes first."""
    if checkin is None:
        return []
    return ([_(SAFETY_TOPIC)] if checkin.safety_concern else []) + list(checkin.topics)


def suggested_session_date(
    checkin: CheckIn | None,
    today: date,
    calendar: SessionCalendar | None = None,
    now: datetime | None = None,
    reflected: Iterable[date] = (),
) -> date:
    """The session a new reflection is most likely about: the open check-in's, if it has passed; else
    the last session on the client's calendar that has ended (in the last three weeks) and has no
    reflection yet (`reflected`: the days that have one); else today."""
    if checkin is not None and checkin.session_date is not None and checkin.session_date <= today:
        return checkin.session_date
    if calendar is not None:
        last = schedule.last_session(calendar, now or datetime.combine(today, datetime.now().time()))
        if last is not None and last.start.date() <= today and last.start.date() not in set(reflected):
            return last.start.date()
    return today


def checkin_date(calendar: SessionCalendar, now: datetime) -> date:
    """The session a new check-in is for: the next one on the client's calendar (today's, while it
    is still to come or going on), else today."""
    coming = schedule.next_session(calendar, now)
    return coming.start.date() if coming is not None else now.date()


def carried_forward(reflections: tuple[Reflection, ...]) -> CarryForward | None:
    """What the last reflection left unsaid and the next steps it named, if any."""
    if not reflections:
        return None
    last = reflections[-1]
    if not (last.unsaid.strip() or last.next_steps.strip()):
        return None
    return CarryForward(last.session_date, last.unsaid.strip(), last.next_steps.strip())


def usual_gap(reflections: tuple[Reflection, ...]) -> timedelta:
    days = [r.session_date for r in reflections[-7:]]
    gaps = [(b - a).days for a, b in pairwise(days) if (b - a).days > 0]
    return timedelta(days=round(median(gaps))) if gaps else timedelta(days=7)


def since_last_feedback(reflections: tuple[Reflection, ...], shared_dates: list[date]) -> list[Reflection]:
    """The sessions of the current period: from the day feedback was last shared on (all, if never).

    The one rule for "since feedback was shared", used everywhere (Home's signals, "what to do now",
    the Feedback page's default period, the before/after comparison in reports): a note is prepared
    before a session and shared in it, so that session already comes after the sharing."""
    if not shared_dates:
        return list(reflections)
    last = max(shared_dates)
    return [r for r in reflections if r.session_date >= last]


def sessions_since_feedback(reflections: tuple[Reflection, ...], notes: tuple[FeedbackNote, ...]) -> int:
    return len(since_last_feedback(reflections, [n.shared_on for n in notes if n.shared_on]))


def next_step(
    goals: tuple[Goal, ...],
    checkins: tuple[CheckIn, ...],
    reflections: tuple[Reflection, ...],
    notes: tuple[FeedbackNote, ...],
    today: date,
    *,
    feedback_page: bool = True,
    next_session_on: date | None = None,
    last_session_on: date | None = None,
) -> NextStep:
    """The one thing worth doing now, in plain words. `next_session_on`: the day of the next session
    on the client's calendar, when they keep one (else it is guessed from the usual gap);
    `last_session_on`: the day of the last one that has started, offered for a reflection until the
    day after it."""
    waiting = open_checkin(checkins, reflections)
    if waiting is not None:
        day = _checkin_day(waiting)
        if day <= today:
            if day == today:
                detail = _(
                    "You checked in for your session today. Afterwards, take a few minutes to note what"
                    " happened and how connected you felt."
                )
            else:
                # TRANSLATORS: {day} is "Tuesday 9 February".
                detail = _(
                    "You checked in for your session on {day}. Afterwards, take a few minutes to note what"
                    " happened and how connected you felt."
                ).format(day=i18n.weekday_day_month(day))
            return NextStep("reflection", _("Reflect on your session"), detail)
        return NextStep(
            "reflection",
            # TRANSLATORS: {day} is "Tuesday 9 February".
            _("You are ready for your session on {day}").format(day=i18n.weekday_day_month(day)),
            _("After it, come back to reflect: your topics will be waiting so you can tick off what you got to."),
        )
    if (
        last_session_on is not None
        and today - last_session_on <= timedelta(days=1)
        and not any(r.session_date == last_session_on for r in reflections[-5:])
    ):
        if last_session_on == today:
            detail = _(
                "You had a session today. Take a few minutes, while it is fresh, to note what happened and how"
                " connected you felt."
            )
        else:
            detail = _(
                "You had a session yesterday. Take a few minutes, while it is fresh, to note what happened and how"
                " connected you felt."
            )
        return NextStep("reflection", _("Reflect on your session"), detail)
    if feedback_page and reflections and (since := sessions_since_feedback(reflections, notes)) >= FEEDBACK_EVERY:
        return NextStep(
            "feedback",
            _("Prepare some feedback for your therapist"),
            ngettext(
                "It has been {count} session since you last shared"
                " feedback. Saying what helps and what does not is one of the best ways to make therapy work"
                " for you.",
                "It has been {count} sessions since you last shared"
                " feedback. Saying what helps and what does not is one of the best ways to make therapy work"
                " for you.",
                since,
            ).format(count=since),
        )
    if not goals and not reflections and not checkins:
        return NextStep(
            "goals",
            _("Start with what you want from therapy"),
            _("Write down one or two goals in your own words. You can change them any time."),
        )
    if reflections or next_session_on is not None:
        expected = next_session_on or reflections[-1].session_date + usual_gap(reflections)
        if expected <= today + timedelta(days=1):
            return NextStep(
                "checkin",
                _("Check in before your next session"),
                _("A few minutes to note how you have been and what you want to bring."),
            )
        day = i18n.weekday_day_month(expected)
        return NextStep(
            "checkin",
            # TRANSLATORS: {day} is "Tuesday 9 February".
            _("Your next session is on {day}").format(day=day)
            if next_session_on
            # TRANSLATORS: {day} is "Tuesday 9 February", guessed from the usual gap between sessions.
            else _("Your next session is probably around {day}").format(day=day),
            _("The day before, check in: how you have been, and what you want to bring."),
        )
    return NextStep(
        "checkin",
        _("Check in before your next session"),
        _("Note how you have been and what you want to bring, so nothing important gets lost."),
    )


def goal_progress(goal: Goal, reflections: tuple[Reflection, ...]) -> list[ProgressPoint]:
    """A goal's ratings over time: from the goals page and from reflections, oldest first."""
    points = [ProgressPoint(p.on, p.rating, p.note, N_("goal page")) for p in goal.progress]
    for reflection in reflections:
        for touched in reflection.goals:
            if touched.goal_id == goal.id and touched.rating is not None:
                points.append(ProgressPoint(reflection.session_date, touched.rating, touched.note, N_("reflection")))
    return sorted(points, key=lambda p: p.on)


def known_therapists(
    configured: tuple[str, ...], reflections: tuple[Reflection, ...], checkins: tuple[CheckIn, ...] = ()
) -> list[str]:
    """Therapists named in recent reflections and check-ins, the most recent first, then the settings'."""
    names: dict[str, str] = {}
    dated = [(r.session_date, r.therapist) for r in reflections[-50:]]
    dated += [(_checkin_day(c), c.therapist) for c in checkins[-50:]]
    for _day, name in sorted(dated, key=lambda pair: pair[0], reverse=True):
        if name:
            names.setdefault(name.casefold(), name)
    for name in configured:
        names.setdefault(name.casefold(), name)
    return list(names.values())


def with_progress(goal: Goal, on: date, rating: int, note: str) -> Goal:
    """The goal with one more progress rating; validated like any entry."""
    data = goal.model_dump()
    data["progress"] = [*data["progress"], {"on": on, "rating": rating, "note": note}]
    return build_entry(Goal, **data)  # type: ignore[return-value]


def safety_flag_open(checkins: tuple[CheckIn, ...], reflections: tuple[Reflection, ...]) -> CheckIn | None:
    """The newest check-in, when it said the client was worried about their safety and no reflection
    has been written since: until then, help stays at the top of Home."""
    if not checkins:
        return None
    newest = max(checkins, key=lambda c: c.created_at)
    if not newest.safety_concern:
        return None
    if any(r.created_at > newest.created_at for r in reflections):
        return None
    return newest
