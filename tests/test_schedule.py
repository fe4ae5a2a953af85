"""The session calendar: regular sessions expanded, one-off changes applied, the words Home uses,
and the .ics file read back with `icalendar` the way a calendar app reads it."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from tests.conftest import checkin, goal, reflection
from workbook.errors import WorkbookError
from workbook.models import OwnItem, OwnQuestion, Schedule, ScheduleChange, SessionCalendar, Settings
from workbook.repository import Repository
from workbook.schedule import Session, calendar_file, last_session, next_session, sessions_between, when

BERLIN = ZoneInfo("Europe/Berlin")
URL = "http://workbook.home:8600"


def tuesdays(starts_on: str = "2026-03-03", **fields: object) -> Schedule:
    """A regular session: Tuesdays at 17:00 for 50 minutes unless told otherwise."""
    return Schedule(starts_on=date.fromisoformat(starts_on), **fields)  # type: ignore[arg-type]


def calendar(*schedules: Schedule, changes: tuple[ScheduleChange, ...] = (), **fields: object) -> SessionCalendar:
    return SessionCalendar(schedules=schedules, changes=changes, **fields)  # type: ignore[arg-type]


def cancel(schedule: Schedule, on: str) -> ScheduleChange:
    return ScheduleChange(schedule_id=schedule.id, on=date.fromisoformat(on))


def move(schedule: Schedule, on: str, to: str) -> ScheduleChange:
    return ScheduleChange(schedule_id=schedule.id, on=date.fromisoformat(on), moved_to=datetime.fromisoformat(to))


def starts(sessions: list[Session]) -> list[str]:
    return [f"{s.start:%Y-%m-%d %H:%M}" for s in sessions]


# --- sessions_between ----------------------------------------------------------------------------


def test_weekly_sessions_keep_their_clock_time_across_daylight_saving() -> None:
    # Europe moves its clocks on 29 March 2026, the US on 8 March: the session stays at 17:00.
    sessions = sessions_between(calendar(tuesdays()), date(2026, 3, 1), date(2026, 4, 14))
    assert starts(sessions) == [
        "2026-03-03 17:00",
        "2026-03-10 17:00",
        "2026-03-17 17:00",
        "2026-03-24 17:00",
        "2026-03-31 17:00",
        "2026-04-07 17:00",
        "2026-04-14 17:00",
    ]
    assert all(s.end - s.start == timedelta(minutes=50) and not s.moved for s in sessions)


def test_every_other_week_counts_from_the_first_session_across_the_new_year() -> None:
    schedule = tuesdays("2026-12-15", every_weeks=2, start=time(9, 30), minutes=60, therapist="Dr Okafor")
    # The range starts in a week without a session, and the first one in range is found by arithmetic.
    sessions = sessions_between(calendar(schedule), date(2026, 12, 20), date(2027, 1, 31))
    assert starts(sessions) == ["2026-12-29 09:30", "2027-01-12 09:30", "2027-01-26 09:30"]
    assert sessions[0].end == datetime(2026, 12, 29, 10, 30)
    assert {s.therapist for s in sessions} == {"Dr Okafor"} and {s.schedule_id for s in sessions} == {schedule.id}


def test_nothing_before_the_first_session_or_after_the_last() -> None:
    # ends_on is a Wednesday: the last session is the Tuesday before it.
    cal = calendar(tuesdays("2026-03-10", ends_on=date(2026, 3, 25)))
    assert starts(sessions_between(cal, date(2026, 1, 1), date(2026, 12, 31))) == [
        "2026-03-10 17:00",
        "2026-03-17 17:00",
        "2026-03-24 17:00",
    ]
    assert sessions_between(cal, date(2026, 3, 1), date(2026, 3, 9)) == []
    assert sessions_between(cal, date(2026, 3, 25), date(2027, 3, 25)) == []


def test_a_range_two_centuries_later_is_found_without_walking_there() -> None:
    cal = calendar(tuesdays("1900-01-02", every_weeks=2))
    started = clock.perf_counter()
    for _ in range(1000):
        sessions = sessions_between(cal, date(2199, 12, 1), date(2199, 12, 31))
    elapsed = clock.perf_counter() - started
    assert len(sessions) in (2, 3)
    assert all(s.start.weekday() == 1 and (s.start.date() - date(1900, 1, 2)).days % 14 == 0 for s in sessions)
    assert elapsed < 1, f"1,000 look-ups took {elapsed:.2f} s: the expansion walks from the first session"


def test_a_cancelled_session_is_gone_and_a_moved_one_is_at_its_new_time() -> None:
    schedule = tuesdays()
    cal = calendar(
        schedule,
        changes=(
            cancel(schedule, "2026-03-10"),
            move(schedule, "2026-03-17", "2026-03-19T10:00"),
            cancel(schedule, "2026-03-12"),  # not a session day: changes nothing
        ),
    )
    sessions = sessions_between(cal, date(2026, 3, 1), date(2026, 3, 24))
    assert starts(sessions) == ["2026-03-03 17:00", "2026-03-19 10:00", "2026-03-24 17:00"]
    assert [s.moved for s in sessions] == [False, True, False]
    assert sessions[1].end == datetime(2026, 3, 19, 10, 50)


def test_a_moved_session_counts_by_its_new_day() -> None:
    schedule = tuesdays()
    cal = calendar(schedule, changes=(move(schedule, "2026-03-31", "2026-04-02T08:00"),))
    # Its old day is in March, its new day in April: it is an April session.
    assert "2026-03-31 17:00" not in starts(sessions_between(cal, date(2026, 3, 1), date(2026, 3, 31)))
    assert starts(sessions_between(cal, date(2026, 4, 1), date(2026, 4, 5))) == ["2026-04-02 08:00"]


def test_the_later_of_two_changes_to_one_session_wins() -> None:
    schedule = tuesdays()
    cal = calendar(schedule, changes=(cancel(schedule, "2026-03-10"), move(schedule, "2026-03-10", "2026-03-11T17:00")))
    assert starts(sessions_between(cal, date(2026, 3, 9), date(2026, 3, 12))) == ["2026-03-11 17:00"]


def test_two_schedules_are_merged_in_order_of_start() -> None:
    tuesday, friday = tuesdays(therapist="Dr Okafor"), tuesdays("2026-03-06", start=time(8, 0), therapist="Sam")
    sessions = sessions_between(calendar(tuesday, friday), date(2026, 3, 1), date(2026, 3, 13))
    assert starts(sessions) == ["2026-03-03 17:00", "2026-03-06 08:00", "2026-03-10 17:00", "2026-03-13 08:00"]
    assert [s.therapist for s in sessions] == ["Dr Okafor", "Sam", "Dr Okafor", "Sam"]


# --- next_session and last_session ------------------------------------------------------------------


def test_the_next_session_is_the_one_going_on_until_it_ends() -> None:
    cal = calendar(tuesdays())
    assert next_session(cal, datetime(2026, 3, 1, 12, 0)).start == datetime(2026, 3, 3, 17, 0)
    assert next_session(cal, datetime(2026, 3, 3, 17, 30)).start == datetime(2026, 3, 3, 17, 0)  # going on
    assert next_session(cal, datetime(2026, 3, 3, 17, 50)).start == datetime(2026, 3, 10, 17, 0)  # just ended


def test_a_late_session_is_still_the_next_one_after_midnight() -> None:
    cal = calendar(tuesdays(start=time(23, 30), minutes=90))
    assert next_session(cal, datetime(2026, 3, 4, 0, 30)).start == datetime(2026, 3, 3, 23, 30)


def test_no_next_session_when_there_is_none_within_a_year() -> None:
    assert next_session(calendar(), datetime(2026, 3, 1)) is None
    assert next_session(calendar(tuesdays(ends_on=date(2026, 3, 10))), datetime(2026, 3, 11)) is None
    assert next_session(calendar(tuesdays("2028-01-04")), datetime(2026, 3, 1)) is None


def test_the_next_session_skips_a_cancelled_one_and_finds_a_moved_one() -> None:
    schedule = tuesdays()
    cal = calendar(schedule, changes=(cancel(schedule, "2026-03-03"), move(schedule, "2026-03-10", "2026-03-12T09:00")))
    found = next_session(cal, datetime(2026, 3, 2))
    assert found is not None and found.start == datetime(2026, 3, 12, 9, 0) and found.moved


def test_a_time_with_a_zone_is_read_on_this_computers_clock() -> None:
    local = datetime(2026, 3, 3, 17, 20).astimezone()  # this machine's zone, whatever it is
    assert next_session(calendar(tuesdays()), local.astimezone(UTC)).start == datetime(2026, 3, 3, 17, 0)


def test_the_last_session_is_the_latest_that_has_ended_within_three_weeks() -> None:
    schedule = tuesdays()
    cal = calendar(schedule, changes=(move(schedule, "2026-03-17", "2026-03-19T10:00"),))
    assert last_session(cal, datetime(2026, 3, 3, 17, 10)) is None  # going on: not yet one to reflect on
    assert last_session(cal, datetime(2026, 3, 3, 17, 50)).start == datetime(2026, 3, 3, 17, 0)  # just ended
    assert last_session(cal, datetime(2026, 3, 10, 16, 59)).start == datetime(2026, 3, 3, 17, 0)  # not yet
    assert last_session(cal, datetime(2026, 3, 18, 9, 0)).start == datetime(2026, 3, 10, 17, 0)  # moved on
    assert last_session(cal, datetime(2026, 3, 20, 9, 0)).start == datetime(2026, 3, 19, 10, 0)
    assert last_session(cal, datetime(2026, 3, 3, 16, 0)) is None  # before the first
    ended = calendar(tuesdays(ends_on=date(2026, 3, 3)))
    assert last_session(ended, datetime(2026, 3, 24, 18, 0)) is not None
    assert last_session(ended, datetime(2026, 3, 25, 18, 0)) is None  # more than three weeks ago


# --- when ----------------------------------------------------------------------------------------


def session_at(moment: str) -> Session:
    start = datetime.fromisoformat(moment)
    return Session(start=start, end=start + timedelta(minutes=50), therapist="", schedule_id="x", moved=False)


@pytest.mark.parametrize(
    ("moment", "today", "words"),
    [
        ("2025-12-02T17:00", "2025-12-02", "today, 17:00"),
        ("2025-12-02T09:05", "2025-12-01", "tomorrow, 09:05"),
        ("2025-12-02T17:00", "2025-12-03", "yesterday, 17:00"),
        ("2025-12-02T17:00", "2025-11-27", "Tuesday 2 December, 17:00"),
        ("2026-01-06T17:00", "2025-12-20", "Tuesday 6 January 2026, 17:00"),
        ("2025-12-31T23:30", "2025-12-30", "tomorrow, 23:30"),
    ],
)
def test_when_says_the_day_in_calm_words(moment: str, today: str, words: str) -> None:
    assert when(session_at(moment), date.fromisoformat(today)) == words


# --- the calendar file ---------------------------------------------------------------------------


def ics(settings: Settings, zone: str | None = "Europe/Berlin", url: str = URL) -> icalendar.Calendar:
    parsed = icalendar.Calendar.from_ical(calendar_file(settings, url, zone=zone))
    parsed.validate()
    assert all(not part.errors for part in parsed.walk()), [part.errors for part in parsed.walk()]
    return parsed


def series(parsed: icalendar.Calendar) -> list[icalendar.Event]:
    return [e for e in parsed.events if "RECURRENCE-ID" not in e]


def test_one_recurring_event_per_schedule_with_its_rule() -> None:
    weekly, fortnightly = tuesdays(), tuesdays("2026-03-06", every_weeks=2, ends_on=date(2026, 6, 26))
    parsed = ics(Settings(calendar=calendar(weekly, fortnightly)))
    assert parsed["PRODID"] == "-//Alliance Workbook//EN" and parsed["VERSION"] == "2.0"
    first, second = series(parsed)
    assert first["UID"] == f"{weekly.id}@alliance-workbook.local"
    assert first.start == datetime(2026, 3, 3, 17, 0, tzinfo=BERLIN)
    assert first.end == datetime(2026, 3, 3, 17, 50, tzinfo=BERLIN)
    assert first["RRULE"]["FREQ"] == ["WEEKLY"] and first["RRULE"]["INTERVAL"] == [1]
    assert "UNTIL" not in first["RRULE"]
    assert second["RRULE"]["INTERVAL"] == [2]
    # RFC 5545: with a zoned start, UNTIL is in UTC; 17:00 in Berlin in June is 15:00 UTC.
    assert second["RRULE"]["UNTIL"] == [datetime(2026, 6, 26, 15, 0, tzinfo=UTC)]
    assert isinstance(first.DTSTAMP, datetime) and first.DTSTAMP.tzinfo is not None
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Berlin"]


def test_both_reminders_with_their_times_and_links() -> None:
    parsed = ics(Settings(calendar=calendar(tuesdays(), remind_before=45, remind_after=10)), url=URL + "/")
    event = series(parsed)[0]
    before, after = event.walk("VALARM")
    assert before["ACTION"] == after["ACTION"] == "DISPLAY"
    assert (
        before["TRIGGER"].dt == timedelta(minutes=-45) and before["TRIGGER"].params.get("RELATED", "START") == "START"
    )
    assert after["TRIGGER"].dt == timedelta(minutes=10) and after["TRIGGER"].params["RELATED"] == "END"
    assert before["DESCRIPTION"] == f"Check in before your session: {URL}/Before_a_session"
    assert after["DESCRIPTION"] == f"Reflect while it is fresh: {URL}/After_a_session"
    # As a calendar app computes them: 45 minutes before 17:00, 10 minutes after the 17:50 end.
    times = sorted(alarm.trigger for alarm in event.alarms.times)
    assert times == [datetime(2026, 3, 3, 16, 15, tzinfo=BERLIN), datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)]
    assert f"{URL}/Before_a_session" in event["DESCRIPTION"] and f"{URL}/After_a_session" in event["DESCRIPTION"]
    assert event["URL"] == f"{URL}/Before_a_session"


def test_the_default_reminders_are_thirty_minutes_before_and_fifteen_after_the_end() -> None:
    before, after = series(ics(Settings(calendar=calendar(tuesdays()))))[0].walk("VALARM")
    assert before["TRIGGER"].dt == timedelta(minutes=-30)
    assert after["TRIGGER"].dt == timedelta(minutes=15) and after["TRIGGER"].params["RELATED"] == "END"


def test_cancelled_sessions_are_excluded_and_moved_ones_override_the_series() -> None:
    schedule = tuesdays()
    changes = (cancel(schedule, "2026-03-10"), move(schedule, "2026-03-31", "2026-04-02T10:00"))
    parsed = ics(Settings(calendar=calendar(schedule, changes=changes)))
    event, moved = parsed.events
    assert [d.dt for d in event["EXDATE"].dts] == [datetime(2026, 3, 10, 17, 0, tzinfo=BERLIN)]
    assert moved["UID"] == event["UID"]
    assert moved["RECURRENCE-ID"].dt == datetime(2026, 3, 31, 17, 0, tzinfo=BERLIN)
    assert moved.start == datetime(2026, 4, 2, 10, 0, tzinfo=BERLIN) and moved.end - moved.start == timedelta(
        minutes=50
    )
    assert len(moved.walk("VALARM")) == 2  # a moved session reminds too


def expand(parsed: icalendar.Calendar, until: datetime) -> list[str]:
    """The sessions a calendar app shows: each rule expanded, minus EXDATEs, overrides at their time."""
    shown: list[datetime] = []
    overrides = {e["UID"]: {} for e in parsed.events}
    for event in parsed.events:
        if "RECURRENCE-ID" in event:
            overrides[event["UID"]][event["RECURRENCE-ID"].dt] = event.start
    for event in series(parsed):
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
        skipped = {d.dt for d in event["EXDATE"].dts} if "EXDATE" in event else set()
        for start in rule.between(event.start, until, inc=True):
            if start not in skipped:
                shown.append(overrides[event["UID"]].get(start, start))
    return [f"{s.astimezone(BERLIN):%Y-%m-%d %H:%M}" for s in sorted(shown)]


def test_the_file_shows_the_same_sessions_as_the_app_across_daylight_saving_and_the_new_year() -> None:
    weekly = tuesdays("2026-03-03", ends_on=date(2027, 1, 12))
    fortnightly = tuesdays("2026-10-16", every_weeks=2, start=time(8, 15))
    changes = (
        cancel(weekly, "2026-03-31"),
        move(weekly, "2026-10-27", "2026-10-29T12:00"),
        cancel(fortnightly, "2026-12-25"),
    )
    cal = calendar(weekly, fortnightly, changes=changes)
    shown = expand(ics(Settings(calendar=cal)), datetime(2027, 2, 28, 23, 0, tzinfo=BERLIN))
    assert shown == starts(sessions_between(cal, date(2026, 1, 1), date(2027, 2, 28)))
    assert "2026-03-31 17:00" not in shown and "2026-10-29 12:00" in shown and "2027-01-19 17:00" not in shown


def test_uids_stay_the_same_from_one_export_to_the_next() -> None:
    schedule = tuesdays()
    settings = Settings(calendar=calendar(schedule, changes=(move(schedule, "2026-03-10", "2026-03-11T17:00"),)))
    first, second = (
        calendar_file(settings, URL, zone="Europe/Berlin"),
        calendar_file(settings, URL, zone="Europe/Berlin"),
    )
    uids = [[e["UID"] for e in icalendar.Calendar.from_ical(data).events] for data in (first, second)]
    assert uids[0] == uids[1] == [f"{schedule.id}@alliance-workbook.local"] * 2

    def without_stamp(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP")]

    assert without_stamp(first) == without_stamp(second)  # a re-import updates the events, never doubles them


CLIENT_WORDS = (
    "Robin Quill",  # the client's name
    "Dr Mira Okafor",  # a therapist, named in the schedule and in Settings
    "Felt safe to disagree",  # an own thing to rate
    "What did I notice in my body",  # an own question
    "Stop apologising at work",  # a goal
    "my sister's wedding",  # a check-in
    "I never told her about the panic",  # a reflection
)


def private_workbook(repo: Repository, show_therapist: bool) -> Settings:
    schedule = tuesdays(therapist=CLIENT_WORDS[1])
    repo.save_settings(
        Settings(
            name=CLIENT_WORDS[0],
            therapists=(CLIENT_WORDS[1],),
            own_items=(OwnItem(label=CLIENT_WORDS[2]),),
            own_questions=(OwnQuestion(prompt=CLIENT_WORDS[3]),),
            calendar=calendar(
                schedule, changes=(move(schedule, "2026-03-10", "2026-03-12T10:00"),), show_therapist=show_therapist
            ),
        )
    )
    repo.save(goal(CLIENT_WORDS[4]))
    repo.save(checkin(what_happened=CLIENT_WORDS[5], therapist=CLIENT_WORDS[1]))
    repo.save(reflection(unsaid=CLIENT_WORDS[6], therapist=CLIENT_WORDS[1]))
    return repo.settings()


def test_the_file_carries_none_of_the_clients_words(repo: Repository) -> None:
    data = calendar_file(private_workbook(repo, show_therapist=False), URL)
    for words in (*CLIENT_WORDS, "Okafor", "Robin"):
        assert words.lower().encode() not in data.lower(), words
    assert {e["SUMMARY"] for e in icalendar.Calendar.from_ical(data).events} == {"Therapy session"}


def test_the_therapist_is_named_only_when_the_client_ticks_it(repo: Repository) -> None:
    data = calendar_file(private_workbook(repo, show_therapist=True), URL)
    assert {e["SUMMARY"] for e in icalendar.Calendar.from_ical(data).events} == {"Therapy session with Dr Mira Okafor"}
    for words in (CLIENT_WORDS[0], *CLIENT_WORDS[2:]):
        assert words.lower().encode() not in data.lower(), words
    ticked_without_a_name = Settings(calendar=calendar(tuesdays(), show_therapist=True))
    assert series(ics(ticked_without_a_name))[0]["SUMMARY"] == "Therapy session"


def test_every_session_is_marked_private_for_anyone_shown_the_calendar() -> None:
    assert {e["CLASS"] for e in ics(Settings(calendar=calendar(tuesdays()))).events} == {"PRIVATE"}


def test_no_schedules_gives_a_calendar_without_events() -> None:
    parsed = icalendar.Calendar.from_ical(calendar_file(Settings(), URL, zone="Europe/Berlin"))
    assert parsed["PRODID"] == "-//Alliance Workbook//EN" and parsed.events == [] and parsed.timezones == []


@pytest.mark.parametrize(
    ("url", "zone", "words"),
    [
        ("localhost:8501", "Europe/Berlin", "not a web address"),
        ("ftp://localhost", "Europe/Berlin", "not a web address"),
        ("http://local host", "Europe/Berlin", "not a web address"),
        (URL, "Mars/Olympus", "not a time zone"),
        (URL, "../../etc/passwd", "not a time zone"),
        (URL, "Europe", "not a time zone"),
    ],
)
def test_a_bad_address_or_zone_is_refused_in_words(url: str, zone: str, words: str) -> None:
    with pytest.raises(WorkbookError, match=words):
        calendar_file(Settings(calendar=calendar(tuesdays())), url, zone=zone)


def test_the_words_follow_the_language_spoken_and_the_calendar_file_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Days and months come from the language spoken (Babel), the words from its catalogue."""
    from workbook import i18n
    from workbook.schedule import describe, describe_change

    weekly = tuesdays("2026-12-01", therapist="Sam", every_weeks=2, ends_on=date(2027, 3, 2))
    session = Session(datetime(2027, 12, 7, 17), datetime(2027, 12, 7, 17, 50), "", weekly.id, moved=False)
    assert (
        describe(weekly)
        == "Every other Tuesday, 17:00 for 50 minutes, with Sam, from 1 December 2026 until 2 March 2027"
    )
    assert when(session, date(2026, 12, 1)) == "Tuesday 7 December 2027, 17:00"
    with i18n.speaking("es"):
        assert "martes" in describe(weekly) and "1 de diciembre de 2026" in describe(weekly)
        assert when(session, date(2027, 12, 1)).startswith("martes 7")
        assert "miércoles" in describe_change(move(weekly, "2026-12-01", "2026-12-02T18:00"))
        data = calendar_file(Settings(calendar=calendar(weekly)), URL, zone="Europe/Berlin")
        summary = i18n._("Therapy session")
    event = icalendar.Calendar.from_ical(data).events[0]
    assert event["SUMMARY"] == summary != "Therapy session"  # in Spanish, and nothing of the client's
    assert b"Sam" not in data
