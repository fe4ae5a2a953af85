"""Sessions: when the client's regular sessions happen, and a calendar file that reminds them.

A `SessionCalendar` (in Settings) holds regular schedules and one-off changes; this module expands
them into `Session`s (Home's "next session", the default date of a check-in or reflection) and writes
them as an iCalendar file with two reminders per session. Every time is the client's wall-clock time,
a naive datetime: a session at 17:00 is at 17:00 in winter and in summer, so the expansion is plain
date arithmetic and a change of daylight saving time cannot move it.

Its words (Home's "Tuesday 2 December, 17:00", the calendar file's titles and reminders) are in the
language spoken when they are made; the calendar file holds none of the client's words in any language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import i18n
from .errors import WorkbookError
from .i18n import N_, _
from .models import Schedule, ScheduleChange, SessionCalendar, Settings
from .text import quoted

if TYPE_CHECKING:
    import icalendar

LOOK_AHEAD = timedelta(days=366)  # next_session looks this far ahead, at most
LOOK_BACK = timedelta(days=21)  # last_session looks this far back, at most: an older one is not "the last session"

DEFAULT_URL = "http://localhost:8501"
PRODID = "-//Alliance Workbook//EN"
UID_DOMAIN = "alliance-workbook.local"
# The calendar file's own words, translated where the file is made (`_summary`, `_event`).
SUMMARY = N_("Therapy session")
CHECK_IN = N_("Check in before your session: {url}/Before_a_session")
REFLECT = N_("Reflect while it is fresh: {url}/After_a_session")
# A machine that says UTC is most often a server whose zone was never set, not a client living on UTC.
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu"})
# The VTIMEZONE covers the schedules' days; an open-ended schedule gets this many years of rules.
ZONE_YEARS = 20


@dataclass(frozen=True)
class Session:
    """One session, at the client's wall-clock time (naive datetimes)."""

    start: datetime
    end: datetime
    therapist: str
    schedule_id: str
    moved: bool  # a one-off change put it at another time than its schedule's


# --- expanding schedules -----------------------------------------------------------------------


def _period(schedule: Schedule) -> int:
    return 7 * schedule.every_weeks


def _days(schedule: Schedule, first: date, last: date) -> Iterator[date]:
    """The schedule's regular days in [first, last], counted from the first one in range (no walking
    from starts_on: a range decades later costs the same)."""
    period = _period(schedule)
    last = min(last, schedule.ends_on or last)
    skipped = max(0, -(-(first - schedule.starts_on).days // period))  # whole periods before `first`, rounded up
    day = schedule.starts_on + timedelta(days=skipped * period)
    if day > last:
        return
    for step in range((last - day).days // period + 1):
        yield day + timedelta(days=step * period)


def _is_session_day(schedule: Schedule, day: date) -> bool:
    return next(_days(schedule, day, day), None) is not None


def _changes(cal: SessionCalendar) -> dict[tuple[str, date], ScheduleChange]:
    """The one-off changes that touch a real session, by (schedule id, day); a later change of the
    same session replaces an earlier one. A change for a day without a session changes nothing."""
    schedules = {s.id: s for s in cal.schedules}
    found: dict[tuple[str, date], ScheduleChange] = {}
    for change in cal.changes:
        schedule = schedules.get(change.schedule_id)
        if schedule is not None and _is_session_day(schedule, change.on):
            found[(change.schedule_id, change.on)] = change
    return found


def _session(schedule: Schedule, start: datetime, *, moved: bool) -> Session:
    end = start + timedelta(minutes=schedule.minutes)
    return Session(start=start, end=end, therapist=schedule.therapist, schedule_id=schedule.id, moved=moved)


def sessions_between(cal: SessionCalendar, first: date, last: date) -> list[Session]:
    """Every session whose day is in [first, last], one-off changes applied, sorted by start.

    A cancelled session is left out; a moved one is at its new time and counts by its new day."""
    changes = _changes(cal)
    found = [
        _session(schedule, datetime.combine(day, schedule.start), moved=False)
        for schedule in cal.schedules
        for day in _days(schedule, first, last)
        if (schedule.id, day) not in changes
    ]
    schedules = {s.id: s for s in cal.schedules}
    for (schedule_id, _day), change in changes.items():
        if change.moved_to is not None and first <= change.moved_to.date() <= last:
            found.append(_session(schedules[schedule_id], change.moved_to, moved=True))
    return sorted(found, key=lambda s: (s.start, s.schedule_id))


def _wall_clock(moment: datetime) -> datetime:
    # A moment with a zone is read on this machine's clock, which is the client's.
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def next_session(cal: SessionCalendar, now: datetime) -> Session | None:
    """The first session that has not ended by `now` (one going on counts), up to a year ahead."""
    now = _wall_clock(now)
    # From the day before: a late session may still be going on after midnight.
    upcoming = sessions_between(cal, now.date() - timedelta(days=1), (now + LOOK_AHEAD).date())
    return next((s for s in upcoming if s.end > now), None)


def last_session(cal: SessionCalendar, now: datetime) -> Session | None:
    """The latest session that has ended by `now`, up to three weeks back (None: none that recent). One
    still going on is not yet a session to reflect on."""
    now = _wall_clock(now)
    ended = [s for s in sessions_between(cal, (now - LOOK_BACK).date(), now.date()) if s.end <= now]
    return ended[-1] if ended else None


def when(session: Session, today: date) -> str:
    """The session's day and time in calm words: "today, 17:00", "Tuesday 2 December, 17:00"."""
    day, time = session.start.date(), i18n.clock(session.start)
    if day == today:
        return _("today, {time}").format(time=time)
    if day == today + timedelta(days=1):
        return _("tomorrow, {time}").format(time=time)
    if day == today - timedelta(days=1):
        return _("yesterday, {time}").format(time=time)
    if day.year != today.year:
        # TRANSLATORS: a session in another year: {day} is "Tuesday 2 December", {year} "2027", {time} "17:00".
        return _("{day} {year}, {time}").format(day=i18n.weekday_day_month(day), year=day.year, time=time)
    # TRANSLATORS: a session's day and time: {day} is "Tuesday 2 December", {time} "17:00".
    return _("{day}, {time}").format(day=i18n.weekday_day_month(day), time=time)


def usual_sessions(cal: SessionCalendar, first: date, last: date) -> list[Session]:
    """The sessions as their schedules have them, before any one-off change: the ones a change is
    made to (a change is keyed by the day its session would have been)."""
    return sessions_between(cal.model_copy(update={"changes": ()}), first, last)


def _every(schedule: Schedule) -> str:
    day = i18n.weekday_name(schedule.starts_on.weekday())
    if schedule.every_weeks == 1:
        # TRANSLATORS: how often a regular session is; {weekday} is "Tuesday".
        return _("Every {weekday}").format(weekday=day)
    # TRANSLATORS: a regular session every two weeks; {weekday} is "Tuesday".
    return _("Every other {weekday}").format(weekday=day)


def describe(schedule: Schedule) -> str:
    """A regular session in words: "Every Tuesday, 17:00 for 50 minutes, with Sam, from 1 December 2026"."""
    fields = {
        "every": _every(schedule),
        "time": i18n.clock(schedule.start),
        "minutes": schedule.minutes,
        "therapist": schedule.therapist,
        "start": i18n.long_date(schedule.starts_on),
        "end": i18n.long_date(schedule.ends_on) if schedule.ends_on is not None else "",
    }
    if schedule.therapist and schedule.ends_on is not None:
        # TRANSLATORS: a regular session. {every} is "Every Tuesday" or "Every other Tuesday", {time} "17:00",
        # {therapist} the therapist's name as the client wrote it, {start} and {end} dates ("1 December 2026").
        words = _("{every}, {time} for {minutes} minutes, with {therapist}, from {start} until {end}")
    elif schedule.therapist:
        # TRANSLATORS: a regular session, as the one above without its last day.
        words = _("{every}, {time} for {minutes} minutes, with {therapist}, from {start}")
    elif schedule.ends_on is not None:
        # TRANSLATORS: a regular session, as the one above without a therapist's name.
        words = _("{every}, {time} for {minutes} minutes, from {start} until {end}")
    else:
        # TRANSLATORS: a regular session, as the one above without a therapist's name or a last day.
        words = _("{every}, {time} for {minutes} minutes, from {start}")
    return words.format(**fields)


def describe_change(change: ScheduleChange) -> str:
    """A one-off change in words: "Tuesday 2 December: moved to Wednesday 3 December, 18:00"."""
    was = i18n.weekday_day_month(change.on)
    if change.moved_to is None:
        # TRANSLATORS: a session that was cancelled; {day} is "Tuesday 2 December".
        return _("{day}: not happening").format(day=was)
    to = change.moved_to
    # TRANSLATORS: a session moved; {day} and {new_day} are like "Tuesday 2 December", {time} "18:00".
    return _("{day}: moved to {new_day}, {time}").format(
        day=was, new_day=i18n.weekday_day_month(to.date()), time=i18n.clock(to)
    )


# --- the calendar file -------------------------------------------------------------------------
#
# Time zones. The sessions are wall-clock times, so iCalendar's "floating" times (no TZID) would say
# exactly that. But floating times are badly handled where it matters: Outlook refuses a floating
# DTEND outside all-day events, and Google Calendar (subscribed files) and GNOME Calendar have been
# seen to read them as UTC, so a 17:00 session would show at 18:00 or 19:00 in Berlin. So the file
# names this computer's zone (TZID=Europe/Berlin, with its VTIMEZONE and X-WR-TIMEZONE): the workbook
# runs on the client's own computer, whose clock is the one the sessions are entered in, and a zoned
# RRULE keeps 17:00 across daylight saving changes in every calendar app. Only when the zone is
# unknown, or UTC (most often a home server whose zone was never set), are times left floating: then
# Apple Calendar and Thunderbird still place them on the client's own clock, and the others read them
# as UTC, no worse than writing UTC would be. `--zone` on the command line (the `zone` argument)
# names the zone when this machine's is not the client's.


def local_zone() -> str | None:
    """This computer's time zone, like "Europe/Berlin"; None when it is unknown or UTC."""
    try:
        import tzlocal  # loaded when a calendar file is made, not with every page

        name = tzlocal.get_localzone_name()
        ZoneInfo(name or "")
    except (LookupError, OSError, ValueError):  # ZoneInfoNotFoundError is a LookupError
        return None
    return None if name in UTC_NAMES else name


def _zone(name: str | None) -> tzinfo | None:
    name = local_zone() if name is None else name.strip()
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (LookupError, OSError, ValueError):  # unknown, a folder of zones ("Europe"), not a name at all
        raise WorkbookError(
            _("“{name}” is not a time zone; use a name like Europe/Berlin.").format(name=quoted(name))
        ) from None


def _base(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        raise WorkbookError(
            _("“{url}” is not a web address like {example}.").format(url=quoted(url), example=DEFAULT_URL)
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or url.strip().endswith(("?", "#")):
        raise WorkbookError(
            _("“{url}” has more than the workbook's address; give only its start, like {example}.").format(
                url=quoted(url), example=DEFAULT_URL
            )
        )
    return f"{parts.scheme}://{parts.netloc}"


def _summary(cal: SessionCalendar, schedule: Schedule) -> str:
    # The therapist's name is the only word of the client's that may appear, and only when ticked.
    if cal.show_therapist and schedule.therapist:
        # TRANSLATORS: a calendar event's title; {therapist} is the name the client gave (only if they ticked it).
        return _("Therapy session with {therapist}").format(therapist=schedule.therapist)
    return _(SUMMARY)


def _alarm(description: str, minutes: int, *, after_end: bool) -> icalendar.Alarm:
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    if after_end:
        alarm.add("trigger", timedelta(minutes=minutes), parameters={"RELATED": "END"})
    else:
        alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _event(cal: SessionCalendar, schedule: Schedule, start: datetime, stamp: datetime, url: str) -> icalendar.Event:
    """A VEVENT with the fixed words, both links and both reminders; `start` carries the zone (or none)."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", f"{schedule.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=schedule.minutes))
    event.add("summary", _summary(cal, schedule))
    check_in, reflect = _(CHECK_IN).format(url=url), _(REFLECT).format(url=url)
    event.add("description", f"{check_in}\n{reflect}")
    event.add("url", f"{url}/Before_a_session")
    event.add("class", "PRIVATE")  # someone shown this calendar sees "busy", not a therapy session
    event.add_component(_alarm(check_in, cal.remind_before, after_end=False))
    event.add_component(_alarm(reflect, cal.remind_after, after_end=True))
    return event


def _zone_span(cal: SessionCalendar) -> tuple[date, date]:
    """The days the VTIMEZONE must describe: from the first session to the last one (or years on)."""
    days = [s.starts_on for s in cal.schedules] + [c.moved_to.date() for c in cal.changes if c.moved_to]
    ends = [s.ends_on or date(max(s.starts_on, date.today()).year + ZONE_YEARS, 12, 31) for s in cal.schedules]
    return min(days), max(days + ends)


def calendar_file(settings: Settings, base_url: str = DEFAULT_URL, *, zone: str | None = None) -> bytes:
    """An RFC 5545 calendar: one recurring event per schedule, with a check-in reminder before each
    session and a reflection reminder after it, linking to the pages at `base_url`.

    It holds no words of the client's: only "Therapy session" (and the therapist's name when they ticked
    it). `zone` is an IANA zone name; None: this computer's (see above). No schedules: no events."""
    cal = settings.calendar
    url, tz = _base(base_url), _zone(zone)
    stamp = datetime.now(UTC).replace(microsecond=0)
    import icalendar  # loaded when a calendar file is made, not with every page

    ical = icalendar.Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    if tz is not None:
        ical.add("x-wr-timezone", str(tz))
    changes = _changes(cal)
    for schedule in cal.schedules:
        first = datetime.combine(schedule.starts_on, schedule.start, tz)
        event = _event(cal, schedule, first, stamp, url)
        rule: dict[str, object] = {"freq": "weekly", "interval": schedule.every_weeks}
        if schedule.ends_on is not None:
            # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC; with a floating one, floating too.
            until = datetime.combine(schedule.ends_on, schedule.start, tz)
            rule["until"] = until.astimezone(UTC) if tz is not None else until
        event.add("rrule", rule)
        mine = sorted((day, c) for (sid, day), c in changes.items() if sid == schedule.id)
        cancelled = [datetime.combine(day, schedule.start, tz) for day, c in mine if c.moved_to is None]
        if cancelled:
            event.add("exdate", cancelled)
        ical.add_component(event)
        for day, change in mine:
            if change.moved_to is not None:  # the same UID with a RECURRENCE-ID: this one session, moved
                moved = _event(cal, schedule, change.moved_to.replace(tzinfo=tz), stamp, url)
                moved.add("recurrence-id", datetime.combine(day, schedule.start, tz))
                ical.add_component(moved)
    if tz is not None and cal.schedules:
        first_day, last_day = _zone_span(cal)
        ical.add_missing_timezones(first_date=first_day, last_date=last_day)
    return ical.to_ical()
