"""The demo history has what the charts and signals need: dips, perfect runs, a stuck topic — in
English and, in words of its own, in Spanish (issue 17)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from workbook.demo import ENGLISH, SPANISH, STUCK_TOPIC, TEXTS, build_demo, fill_with_demo
from workbook.errors import WorkbookError
from workbook.loop import goal_progress
from workbook.models import CheckIn, FeedbackNote, Goal, Reflection, Settings
from workbook.repository import Repository

LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


@LANGUAGES
def test_the_story_has_dips_perfect_runs_and_a_change_of_therapist(language: str) -> None:
    entries = build_demo(sessions=40, until=date(2026, 11, 1), language=language)
    reflections = [e for e in entries if isinstance(e, Reflection)]
    overall = [r.overall for r in reflections]
    assert min(overall) <= 6 and max(overall) == 10
    assert min(min(r.ratings().values()) for r in reflections) >= 2  # dips, not collapses
    assert any(all(v == 10 for v in r.ratings().values()) for r in reflections)
    assert len({r.therapist for r in reflections}) == 2
    assert max(r.session_date for r in reflections) < date(2026, 11, 1)
    weak_parts = [min(r.ratings(), key=r.ratings().get) for r in reflections if min(r.ratings().values()) <= 6]
    assert weak_parts  # some single part is clearly lower


@LANGUAGES
def test_a_topic_keeps_not_getting_covered(language: str) -> None:
    entries = build_demo(sessions=40, until=date(2026, 11, 1), language=language)
    stuck_topic = TEXTS[language].stuck_topic
    stuck = [item for r in entries if isinstance(r, Reflection) for item in r.agenda if item.topic == stuck_topic]
    assert len(stuck) >= 5 and not any(item.covered for item in stuck)


def test_the_english_stuck_topic_is_the_one_other_tests_import() -> None:
    assert ENGLISH.stuck_topic == STUCK_TOPIC


@LANGUAGES
def test_feedback_notes_some_shared_with_a_response_and_goals_with_progress(language: str) -> None:
    entries = build_demo(sessions=40, until=date(2026, 11, 1), language=language)
    notes = [e for e in entries if isinstance(e, FeedbackNote)]
    assert len(notes) >= 4
    assert any(n.shared_on and n.response for n in notes)
    assert any(n.shared_on is None for n in notes)  # the latest is still a draft
    goals = [e for e in entries if isinstance(e, Goal)]
    assert {g.status for g in goals} >= {"active", "achieved"}
    reflections = tuple(e for e in entries if isinstance(e, Reflection))
    assert any(len(goal_progress(g, reflections)) >= 5 for g in goals)
    assert any(g.progress for g in goals)  # some ratings come from the goals page itself


def test_ids_are_unique_and_the_same_seed_gives_the_same_history() -> None:
    first = build_demo(sessions=30, seed=5, until=date(2026, 1, 1))
    assert len({e.id for e in first}) == len(first)
    again = build_demo(sessions=30, seed=5, until=date(2026, 1, 1))
    assert [e.model_dump() for e in first] == [e.model_dump() for e in again]


def test_english_is_the_default_and_leaves_the_language_to_the_client() -> None:
    default = build_demo(sessions=12, until=date(2026, 11, 1))
    english = build_demo(sessions=12, until=date(2026, 11, 1), language="en")
    assert [e.model_dump() for e in default] == [e.model_dump() for e in english]
    settings = default[0]
    assert isinstance(settings, Settings) and settings.language == "" and settings.name == "Alex"


def _texts(value: object) -> list[str]:
    """Every string value inside a dumped entry, however deep (not the field names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple | set | frozenset):
        return [t for v in value for t in _texts(v)]
    return []


def _english_words() -> set[str]:
    """Every non-empty text the English demo can write (lists, goals, own item and question, names)."""
    words = {t for field in fields(ENGLISH) for t in _texts(getattr(ENGLISH, field.name))}
    words |= {ENGLISH.own_item.label, ENGLISH.own_question.prompt}
    return {w for w in words if w.strip() and not w.lstrip("-").isdigit()}  # not the ladder's "-2" … "2"


@pytest.mark.parametrize(("sessions", "seed"), [(40, 7), (30, 5), (12, 3), (150, 11)])
def test_the_spanish_demo_is_the_same_story_in_its_own_words(sessions: int, seed: int) -> None:
    until = date(2026, 11, 1)
    english = build_demo(sessions, seed, until)
    spanish = build_demo(sessions, seed, until, language="es")
    assert len(spanish) == len(english)
    assert [type(e) for e in spanish] == [type(e) for e in english]
    assert [e.id for e in spanish] == [e.id for e in english]
    sessions_of = lambda entries: [(e.session_date, e.overall) for e in entries if isinstance(e, Reflection)]  # noqa: E731
    assert sessions_of(spanish) == sessions_of(english)  # the same dates and the same dips
    assert sum(isinstance(e, CheckIn) for e in spanish) == sessions
    english_words = _english_words()
    for entry in spanish:
        for text in _texts(entry.model_dump(mode="json")):
            leaked = [w for w in english_words if w in text]
            assert not leaked, f"English in the Spanish demo: {leaked} in {text!r}"


def test_the_spanish_demo_validates_and_is_set_to_spanish(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "workbook.json")
    count = fill_with_demo(repo, sessions=40, until=date(2026, 11, 1), language="es")
    assert count == len(build_demo(40, until=date(2026, 11, 1)))
    stored = Repository(tmp_path / "workbook.json")  # read back from the file: every entry validates
    settings = stored.settings()
    assert settings.language == "es"
    assert settings.name == SPANISH.name
    assert settings.therapists == SPANISH.therapists
    assert [i.label for i in settings.own_items] == ["Me sentí libre para discrepar"]
    assert [q.prompt for q in settings.own_questions] == ["¿Qué noté en mi cuerpo?"]
    assert settings.calendar.schedules[0].therapist == SPANISH.therapists[1]
    reflections = stored.reflections()
    assert len(reflections) == 40 and len(stored.checkins()) == 40
    assert {r.therapist for r in reflections} == set(SPANISH.therapists)
    assert any(SPANISH.own_item.id in r.own_ratings for r in reflections)
    answers = [a for r in reflections for a in r.own_answers.values()]
    assert answers and set(answers) <= set(SPANISH.body)
    assert all(SPANISH.stuck_topic in n.body or n.body in SPANISH.note_bodies for n in stored.feedback_notes())
    assert {g.title for g in stored.goals()} == {g["title"] for g in SPANISH.goals}


def test_the_spanish_lists_match_the_english_ones_item_for_item() -> None:
    """The seed picks by position: the same lengths, and the empty answers in the same places."""
    for field in fields(ENGLISH):
        english, spanish = getattr(ENGLISH, field.name), getattr(SPANISH, field.name)
        if isinstance(english, tuple) and all(isinstance(t, str) for t in english):
            assert len(spanish) == len(english), field.name
            assert [not t for t in spanish] == [not t for t in english], field.name
            assert len(set(spanish)) == len(set(english)), field.name
    for english_goal, spanish_goal in zip(ENGLISH.goals, SPANISH.goals, strict=True):
        assert english_goal.keys() == spanish_goal.keys()
        assert english_goal.get("ladder", {}).keys() == spanish_goal.get("ladder", {}).keys()  # type: ignore[union-attr]
    assert SPANISH.not_helped[0] and SPANISH.stuck_topic not in SPANISH.topics


@pytest.mark.parametrize("language", ["fr", "", "EN", "english"])
def test_a_language_the_demo_does_not_speak_is_refused(language: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="has no words in the language") as caught:
        build_demo(sessions=3, language=language)
    assert isinstance(caught.value, WorkbookError)  # the command line shows its message, not a traceback
    repo = Repository(tmp_path / "workbook.json")
    with pytest.raises(ValueError, match="'en', 'es'"):
        fill_with_demo(repo, sessions=3, language=language)
    assert repo.is_empty()
