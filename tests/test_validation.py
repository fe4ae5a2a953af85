"""workbook.validation on its own: each kind of problem in words a person understands, tied to the
field it belongs to, and the two doors (`parse_entry` for stored or imported data, `build_entry` for
forms). What the models accept is tested in test_models.py; this file pins the wording."""

from __future__ import annotations

import pytest

from workbook.errors import InvalidEntryError, Problem
from workbook.models import LONG_TEXT_MAX, CheckIn, Goal
from workbook.validation import build_entry, parse_entry

DAY = {"session_date": "2026-03-14"}

MESSAGES = {
    "missing": ("goal", {}, "title", "Goal is required."),
    "empty where required": ("goal", {"title": None}, "title", "Goal is required."),
    "too long, with the count": (
        "reflection",
        {**DAY, "insights": "x" * (LONG_TEXT_MAX + 1)},
        "insights",
        "Insights is too long (100,001 characters; the limit is 100,000).",
    ),
    "text of the wrong type": ("goal", {"title": 5}, "title", "Goal must be text."),
    "yes/no of the wrong type": (
        "goal",
        {"title": "Sleep", "agreed_with_therapist": "maybe"},
        "agreed_with_therapist",
        "Agreed with my therapist must be true or false.",
    ),
    "list of the wrong type": (
        "goal",
        {"title": "Sleep", "progress": "lots"},
        "progress",
        "Progress ratings must be a list.",
    ),
    "out of range": (
        "reflection",
        {**DAY, "trust": 11},
        "trust",
        "Trust must be a whole number from 0 to 10 (you gave 11).",
    ),
    "words for a number": (
        "reflection",
        {**DAY, "overall": "seven"},
        "overall",
        "Overall connection must be a whole number from 0 to 10 (you gave “seven”).",
    ),
    "out of range, inside a list": (
        "goal",
        {"title": "Sleep", "progress": [{"on": "2026-03-14", "rating": 3}]},
        "progress",
        "Progress ratings, item 1, Progress must be a whole number from -2 to 2 (you gave 3).",
    ),
    "unknown field": (
        "goal",
        {"title": "Sleep", "colour": "blue"},
        "colour",
        "“colour” is not something this workbook knows about.",
    ),
    "list too long": (
        "checkin",
        {"topics": ["a", "b", "c", "d"]},
        "topics",
        "This check-in has more than 3 topics to raise (4); at most 3 are allowed.",
    ),
    "the entry as a whole": (
        "feedback",
        {"body": "Thanks", "period_start": "2026-03-14", "period_end": "2026-03-01"},
        "",
        "The period ends before it starts.",
    ),
}


@pytest.mark.parametrize(("kind", "data", "field", "words"), MESSAGES.values(), ids=MESSAGES.keys())
def test_each_kind_of_problem_is_worded_and_tied_to_its_field(kind: str, data: dict, field: str, words: str) -> None:
    with pytest.raises(InvalidEntryError) as caught:
        parse_entry(kind, data)
    assert caught.value.problems == (Problem(field=field, message=words),)
    assert caught.value.for_field(field) == words
    label = {"checkin": "Check-in", "feedback": "Feedback note"}.get(kind, kind.capitalize())
    assert caught.value.message == f"{label}: {words}"


def test_a_hostile_field_name_is_quoted_short_and_printable() -> None:
    name = "\x1b[2J\x1b]0;owned\x07" + "y" * 500
    with pytest.raises(InvalidEntryError) as caught:
        parse_entry("goal", {"title": "Sleep", name: 1})
    [problem] = caught.value.problems
    assert problem.field == name  # the form (or import report) still knows which key it was
    assert "\x1b" not in problem.message and "\x07" not in problem.message
    assert "…" in problem.message and len(problem.message) < 120


def test_every_problem_is_kept_for_its_field_and_the_message_counts_the_rest() -> None:
    with pytest.raises(InvalidEntryError) as caught:
        build_entry(Goal, title="", status="done", colour="blue")
    error = caught.value
    assert [p.field for p in error.problems] == ["title", "status", "colour"]
    assert error.message == "Goal: Goal cannot be empty. (and 2 more problems)"
    assert error.for_field("status") == "Status must be one of: active, achieved, paused or let_go."
    with pytest.raises(InvalidEntryError, match=r"\(and 1 more problem\)$"):
        build_entry(Goal, title="", status="done")


def test_parse_entry_takes_any_data_and_names_where_it_came_from() -> None:
    with pytest.raises(InvalidEntryError) as caught:
        parse_entry("goal", {}, what="Line 3 of the import")
    assert caught.value.message == "Line 3 of the import: Goal is required."
    assert caught.value.for_field("title") == "Goal is required."
    for data in (["Sleep"], "Sleep"):
        with pytest.raises(InvalidEntryError) as caught:
            parse_entry("goal", data)
        assert (caught.value.message, caught.value.problems) == ("Goal: must be a set of named values.", ())
    with pytest.raises(InvalidEntryError) as caught:
        parse_entry("\x1b[31mpotion", {"title": "Sleep"})
    assert caught.value.message == "This entry: unknown kind of entry “[31mpotion”."


def test_build_entry_makes_the_model_from_form_fields_or_names_the_form() -> None:
    entry = build_entry(CheckIn, wellbeing=5, topics=("Work", "My sister"))
    assert isinstance(entry, CheckIn) and entry.topics == ("Work", "My sister")
    same = parse_entry("checkin", {"wellbeing": 5, "topics": ["Work", "My sister"]})
    assert same.model_dump(exclude={"id", "created_at", "updated_at"}) == entry.model_dump(
        exclude={"id", "created_at", "updated_at"}
    )
    with pytest.raises(InvalidEntryError) as caught:
        build_entry(CheckIn, wellbeing=11)
    assert caught.value.message == "Check-in: How I have been must be a whole number from 0 to 10 (you gave 11)."
