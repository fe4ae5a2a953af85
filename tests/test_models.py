"""Validation: what a person may enter, and the messages they see when it is wrong."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from tests.conftest import reflection
from workbook.errors import InvalidEntryError
from workbook.models import LONG_TEXT_MAX, AtMost, CheckIn, FeedbackNote, Goal, Reflection, Settings
from workbook.validation import build_entry, parse_entry

GOAL_ID = "3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70"
RATINGS = dict(trust=8, empathy=8, collaboration=7, communication=8, shared_goals=7, overall=8)


def problem(kind: str, **data: object) -> InvalidEntryError:
    with pytest.raises(InvalidEntryError) as caught:
        parse_entry(kind, data)
    return caught.value


@pytest.mark.parametrize("bad", [-1, 11, 7.5, "7", True])
def test_connection_ratings_are_whole_numbers_from_0_to_10(bad: object) -> None:
    error = problem("reflection", session_date="2026-03-14", **{**RATINGS, "trust": bad})
    assert error.for_field("trust") is not None
    assert "Trust" in error.message
    assert "whole number from 0 to 10" in error.message


def test_a_reflection_can_keep_words_without_ratings_and_unrated_stays_unrated() -> None:
    entry = parse_entry("reflection", {"session_date": "2026-03-14", "what_helped": "Just being there"})
    assert isinstance(entry, Reflection)
    assert entry.overall is None and set(entry.ratings().values()) == {None}  # never a number not chosen
    assert parse_entry("checkin", {"what_happened": "a week"}).wellbeing is None  # type: ignore[attr-defined]


def test_ratings_at_the_edges_are_accepted() -> None:
    entry = parse_entry("reflection", {"session_date": "2026-03-14", **RATINGS, "trust": 0, "overall": 10})
    assert isinstance(entry, Reflection)
    assert (entry.trust, entry.overall) == (0, 10)


@pytest.mark.parametrize("bad", [-3, 3, 1.5])
def test_goal_progress_is_on_the_minus_two_to_plus_two_ladder(bad: object) -> None:
    error = problem("goal", title="Sleep", progress=[{"on": "2026-03-14", "rating": bad}])
    assert "from -2 to 2" in error.message
    assert "Progress ratings, item 1" in error.message


@pytest.mark.parametrize("day", ["2026-02-30", "14/03/2026", "yesterday", "1899-12-31", ""])
def test_dates_must_be_real(day: str) -> None:
    error = problem("reflection", session_date=day, **RATINGS)
    assert error.for_field("session_date") is not None
    assert "Session date" in error.message


def test_a_reflection_cannot_be_about_a_future_session_but_can_be_backdated() -> None:
    far = date.today() + timedelta(days=30)
    error = problem("reflection", session_date=far.isoformat(), **RATINGS)
    assert "in the future" in error.message
    assert reflection("2019-05-01").session_date == date(2019, 5, 1)


def test_required_fields_are_named() -> None:
    error = problem("reflection", trust=5)
    fields = {p.field for p in error.problems}
    assert fields == {"session_date"}  # ratings may be left unchosen; a reflection needs its day
    assert "Session date is required" in error.message


def test_text_has_a_sane_maximum_length_and_the_message_says_it() -> None:
    error = problem("reflection", session_date="2026-03-14", **RATINGS, insights="x" * (LONG_TEXT_MAX + 1))
    assert f"{LONG_TEXT_MAX:,}" in error.message
    assert error.for_field("insights")


def test_goal_title_cannot_be_blank_and_status_is_one_of_four() -> None:
    with pytest.raises(InvalidEntryError) as caught:
        build_entry(Goal, title="   ", status="done")
    assert caught.value.for_field("title") == "Goal cannot be empty."
    assert "active, achieved, paused or let_go" in (caught.value.for_field("status") or "")


def test_check_in_has_at_most_three_topics_in_order_and_drops_blank_ones() -> None:
    entry = build_entry(CheckIn, wellbeing=5, topics=("First", "", "Second"))
    assert entry.topics == ("First", "Second")
    with pytest.raises(InvalidEntryError, match="at most 3"):
        build_entry(CheckIn, wellbeing=5, topics=("a", "b", "c", "d"))


def test_feedback_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(InvalidEntryError, match="ends before it starts"):
        build_entry(FeedbackNote, body="Thanks", period_start="2026-03-14", period_end="2026-03-01")


def test_unknown_fields_and_bad_ids_are_refused() -> None:
    error = problem("goal", title="Sleep", colour="blue", id="not-a-uuid")
    fields = {p.field for p in error.problems}
    assert {"colour", "id"} <= fields


@pytest.mark.parametrize("suffix", ["junk", "\n", " ", "0"])
def test_an_id_with_anything_after_it_is_refused(suffix: str) -> None:
    error = problem("goal", title="Sleep", id="3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70" + suffix)
    assert {p.field for p in error.problems} == {"id"}


def test_settings_remove_duplicate_therapists_ignoring_case() -> None:
    settings = Settings(therapists=("Dr. Okafor", "dr. okafor", " Sam ", ""))
    assert settings.therapists == ("Dr. Okafor", "Sam")


def test_every_entry_has_a_unique_id_and_aware_times() -> None:
    first, second = reflection(), reflection()
    assert first.id != second.id
    assert first.created_at.tzinfo is not None and first.updated_at.tzinfo is not None


def test_hostile_text_is_kept_exactly_as_written() -> None:
    hostile = "<script>alert(1)</script> ![x](http://example.com/a.png) \u202e\u05e9\u05dc\u05d5\u05dd 😀 \x00"
    entry = parse_entry("reflection", {"session_date": "2026-03-14", **RATINGS, "insights": hostile})
    assert entry.insights == hostile


def _collections(model: type) -> list[tuple[str, object]]:
    """Every list, tuple or dict field of `model` and of the parts inside it."""
    from typing import get_args, get_origin

    from pydantic import BaseModel

    found = []
    for name, info in model.model_fields.items():
        origin = get_origin(info.annotation)
        if origin in (tuple, list, dict):
            found.append((f"{model.__name__}.{name}", info))
        for arg in (info.annotation, *get_args(info.annotation)):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found += _collections(arg)
    return found


def test_every_list_in_every_entry_has_a_limit_counted_before_its_items() -> None:
    fields = [f for model in (Goal, CheckIn, Reflection, FeedbackNote, Settings) for f in _collections(model)]
    assert len(fields) >= 14 and "SessionCalendar.changes" in dict(fields)  # parts inside parts too
    for name, info in fields:
        assert any(isinstance(m, AtMost) for m in info.metadata), f"{name} has no AtMost"  # type: ignore[attr-defined]


def test_a_list_where_words_belong_is_named_as_not_text_not_as_too_many() -> None:
    assert "Goal must be text." in problem("goal", title=["a"] * 300).message


def test_a_list_built_in_code_from_a_set_or_a_generator_has_the_same_limit() -> None:
    for topics in ({"a", "b", "c", "d"}, (t for t in "abcd")):
        with pytest.raises(ValidationError, match="at most 3 items"):
            CheckIn(topics=topics)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "data", "words"),
    [
        ("goal", {"title": "Sleep", "progress": [{"on": "2026-03-14", "rating": 1}] * 5001}, "5,000 progress ratings"),
        ("goal", {"title": "Sleep", "ladder": {str(n): "x" for n in range(-2, 4)}}, "5 ladder levels"),
        ("reflection", {"session_date": "2026-03-14", **RATINGS, "agenda": [{"topic": "a"}] * 51}, "50 topics"),
        ("reflection", {"session_date": "2026-03-14", **RATINGS, "goals": [{"goal_id": GOAL_ID}] * 201}, "200 goals"),
        ("settings", {"therapists": ["Sam"] * 101}, "100 therapists"),
        ("settings", {"crisis_lines": [{"name": "a", "contact": "b"}] * 51}, "50 crisis resources"),
    ],
)
def test_a_list_over_its_limit_is_named_in_plain_words(kind: str, data: dict, words: str) -> None:
    error = problem(kind, **data)
    assert f" more than {words}" in error.message
    assert "at most" in error.message and "\n" not in error.message


@pytest.mark.parametrize(
    "written",
    [
        "3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70",
        "3F2B6C1E-8D4A-4F7E-9C1A-2B3C4D5E6F70",
        "{3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70}",
        "3f2b6c1e8d4a4f7e9c1a2b3c4d5e6f70",
    ],
)
def test_an_id_is_kept_in_one_form_however_it_was_written(written: str) -> None:
    assert parse_entry("goal", {"title": "Sleep", "id": written}).id == "3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70"


def test_a_list_over_its_limit_is_counted_before_any_item_is_looked_at() -> None:
    error = problem("goal", title="Sleep", progress=[{"on": "not a day", "rating": 99}] * 5001)
    assert " more than 5,000 progress ratings" in error.message  # not 10,002 errors about each item
    assert "not a day" not in error.message and "99" not in error.message


def test_limits_leave_room_for_ten_years_of_weekly_sessions() -> None:
    ratings = [{"on": "2026-03-14", "rating": 1}] * 520
    assert len(parse_entry("goal", {"title": "Sleep", "progress": ratings}).progress) == 520  # type: ignore[attr-defined]
