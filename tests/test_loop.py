"""The session loop's own rules (workbook/loop.py), without pages."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import checkin, reflection
from workbook.feedback import default_period
from workbook.loop import safety_flag_open, sessions_since_feedback, since_last_feedback
from workbook.models import FeedbackNote
from workbook.reports import before_after_frame, sessions_frame, shared_feedback_frame


def test_the_session_feedback_was_shared_in_comes_after_the_sharing_everywhere() -> None:
    sessions = (reflection("2026-03-07"), reflection("2026-03-14"), reflection("2026-03-21"))
    shared = FeedbackNote(body="Please keep time for the end", shared_on=date(2026, 3, 14))
    assert [r.session_date.day for r in since_last_feedback(sessions, [date(2026, 3, 14)])] == [14, 21]
    assert sessions_since_feedback(sessions, (shared,)) == 2
    start, _ = default_period((shared,), sessions, date(2026, 3, 22))
    assert start == date(2026, 3, 14)  # the Feedback page's period starts where the rule says
    effect = before_after_frame(sessions_frame(sessions), shared_feedback_frame((shared,)))
    assert list(effect["sessions_before"]) == [1] and list(effect["sessions_after"]) == [2]  # and so do the charts


def test_without_feedback_shared_every_session_counts() -> None:
    sessions = (reflection("2026-03-07"), reflection("2026-03-14"))
    assert since_last_feedback(sessions, []) == list(sessions)
    assert sessions_since_feedback(sessions, (FeedbackNote(body="not shared yet"),)) == 2


def test_a_safety_worry_stays_until_a_reflection_is_written_after_it() -> None:
    worried = checkin(safety_concern=True)
    assert safety_flag_open((worried,), ()) == worried
    written_before = reflection().model_copy(update={"created_at": worried.created_at - timedelta(hours=1)})
    assert safety_flag_open((worried,), (written_before,)) == worried
    written_after = reflection((date.today() - timedelta(days=7)).isoformat())  # backdated, but written after
    assert safety_flag_open((worried,), (written_after,)) is None
    assert safety_flag_open((worried, checkin()), ()) is None  # the newest check-in has no worry


def test_a_therapist_named_only_in_a_check_in_is_offered_next_time() -> None:
    # Issue 25: a therapist added in a check-in was missing from the next form's list.
    from workbook.loop import known_therapists

    before = checkin(therapist="Dr Okafor", session_date="2026-03-10")
    after = reflection("2026-03-03", therapist="Sam")
    assert known_therapists(("Alex",), (after,), (before,)) == ["Dr Okafor", "Sam", "Alex"]
    assert known_therapists(("sam",), (after,), ()) == ["Sam"]  # one name, however it is written
