"""The demo history has what the charts and signals need: dips, perfect runs, a stuck topic."""

from __future__ import annotations

from datetime import date

from workbook.demo import STUCK_TOPIC, build_demo
from workbook.loop import goal_progress
from workbook.models import FeedbackNote, Goal, Reflection


def test_the_story_has_dips_perfect_runs_and_a_change_of_therapist() -> None:
    entries = build_demo(sessions=40, until=date(2026, 11, 1))
    reflections = [e for e in entries if isinstance(e, Reflection)]
    overall = [r.overall for r in reflections]
    assert min(overall) <= 6 and max(overall) == 10
    assert min(min(r.ratings().values()) for r in reflections) >= 2  # dips, not collapses
    assert any(all(v == 10 for v in r.ratings().values()) for r in reflections)
    assert len({r.therapist for r in reflections}) == 2
    assert max(r.session_date for r in reflections) < date(2026, 11, 1)
    weak_parts = [min(r.ratings(), key=r.ratings().get) for r in reflections if min(r.ratings().values()) <= 6]
    assert weak_parts  # some single part is clearly lower


def test_a_topic_keeps_not_getting_covered() -> None:
    reflections = [e for e in build_demo(sessions=40, until=date(2026, 11, 1)) if isinstance(e, Reflection)]
    stuck = [item for r in reflections for item in r.agenda if item.topic == STUCK_TOPIC]
    assert len(stuck) >= 5 and not any(item.covered for item in stuck)


def test_feedback_notes_some_shared_with_a_response_and_goals_with_progress() -> None:
    entries = build_demo(sessions=40, until=date(2026, 11, 1))
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
