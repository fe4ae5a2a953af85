"""Signals: each pattern appears when it is there, with its evidence, and not when it is not."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import goal, reflection
from workbook.models import AgendaItem, GoalProgress, SignalThresholds
from workbook.signals import find_signals

T = SignalThresholds()
GOOD = dict(trust=9, empathy=9, collaboration=9, communication=9, shared_goals=9)


def week(n: int) -> str:
    return (date(2026, 1, 5) + timedelta(days=7 * n)).isoformat()


def kinds(reflections: list, goals: tuple = ()) -> list[str]:
    return [s.kind for s in find_signals(reflections, goals, T)]


def test_steady_good_sessions_raise_nothing() -> None:
    assert kinds([reflection(week(n), overall=9, **GOOD) for n in range(8)]) == []
    assert find_signals([], (), T) == []


def test_a_session_below_nine_is_worth_a_conversation_with_its_date_and_value() -> None:
    items = [reflection(week(n), overall=9, **GOOD) for n in range(3)] + [reflection(week(3), overall=8, **GOOD)]
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "low_overall"]
    assert [(e.on.isoformat(), e.value) for e in signal.evidence] == [(week(3), "8 · 9.0")]
    assert "1 session of 4" in signal.detail


def test_a_low_average_of_the_parts_counts_even_when_overall_is_high() -> None:
    items = [reflection(week(0), overall=10, trust=8, empathy=8, collaboration=9, communication=9, shared_goals=9)]
    assert "low_overall" in kinds(items)


def test_one_part_at_seven_or_below_is_named() -> None:
    items = [reflection(week(n), overall=9, **{**GOOD, "shared_goals": 6 if n == 2 else 9}) for n in range(4)]
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "low_part"]
    assert signal.title == "Shared goals felt lower"
    assert [(e.on.isoformat(), e.value) for e in signal.evidence] == [(week(2), "6/10")]
    assert "at 8" not in signal.detail


def test_a_drop_of_two_below_the_recent_average() -> None:
    overalls = [9, 9, 9, 9, 7]
    items = [reflection(week(n), overall=o, **GOOD) for n, o in enumerate(overalls)]
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "drop"]
    assert [(e.on.isoformat(), e.value) for e in signal.evidence] == [(week(4), "7/10")]
    assert "2.0 below" in signal.detail
    shallow = [reflection(week(n), overall=o, **GOOD) for n, o in enumerate([9, 9, 9, 9, 8])]
    assert "drop" not in kinds(shallow)


def test_perfect_scores_session_after_session() -> None:
    perfect = dict(trust=10, empathy=10, collaboration=10, communication=10, shared_goals=10, overall=10)
    items = [reflection(week(n), **perfect) for n in range(4)]
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "perfect_run"]
    assert len(signal.evidence) == 4 and "hard to say anything critical" in signal.detail
    assert "perfect_run" not in kinds(items[:3])  # three is not yet a pattern


def test_a_topic_that_keeps_not_getting_covered() -> None:
    def with_agenda(n: int, covered: bool) -> object:
        return reflection(week(n), overall=9, **GOOD, agenda=(AgendaItem(topic="My  Sister", covered=covered),))

    missed_three = [with_agenda(0, False), with_agenda(1, False), with_agenda(2, False)]
    [signal] = [s for s in find_signals(missed_three, (), T) if s.kind == "uncovered_topic"]
    assert "My  Sister" in signal.detail and "3 times" in signal.detail
    covered_in_between = [with_agenda(0, False), with_agenda(1, True), with_agenda(2, False), with_agenda(3, False)]
    assert "uncovered_topic" not in kinds(covered_in_between)


def test_a_goal_with_no_progress_for_many_sessions() -> None:
    target = goal("Speak up", created_at="2026-01-01T00:00:00Z")
    touched = (GoalProgress(goal_id=target.id, rating=-1),)
    items = [reflection(week(n), overall=9, **GOOD, goals=touched if n == 0 else ()) for n in range(7)]
    [signal] = [s for s in find_signals(items, (target,), T) if s.kind == "stalled_goal"]
    assert "6 sessions" in signal.detail
    moving = [
        reflection(week(n), overall=9, **GOOD, goals=(GoalProgress(goal_id=target.id, rating=min(2, n - 2)),))
        for n in range(7)
    ]
    assert "stalled_goal" not in kinds(moving, (target,))
    paused = target.model_copy(update={"status": "paused"})
    assert "stalled_goal" not in kinds(items, (paused,))


def test_thresholds_come_from_the_settings() -> None:
    items = [reflection(week(0), overall=8, **GOOD)]
    assert "low_overall" not in [s.kind for s in find_signals(items, (), SignalThresholds(low_overall=8))]
