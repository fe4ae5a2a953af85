"""Signals: each pattern appears when it is there, with its evidence, and not when it is not.

Connection signals start from the client's own usual (the middle of their earlier ratings) and a
clearly low level, never from another scale's cutoff: see docs/design.md.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import goal, reflection
from workbook.models import AgendaItem, GoalProgress, OwnItem, Settings, SignalThresholds
from workbook.signals import find_signals

T = SignalThresholds()
GOOD = dict(trust=9, empathy=9, collaboration=9, communication=9, shared_goals=9)


def week(n: int) -> str:
    return (date(2026, 1, 5) + timedelta(days=7 * n)).isoformat()


def kinds(reflections: list, goals: tuple = ()) -> list[str]:
    return [s.kind for s in find_signals(reflections, goals, T)]


def sessions(*overalls: int, **parts: int) -> list:
    return [reflection(week(n), overall=o, **{**GOOD, **parts}) for n, o in enumerate(overalls)]


def test_steady_good_sessions_raise_nothing() -> None:
    assert kinds([reflection(week(n), overall=9, **GOOD) for n in range(8)]) == []
    assert find_signals([], (), T) == []


def test_a_first_session_rated_six_raises_nothing() -> None:
    # There is no usual yet, and 6 is not low on its own terms: nothing to put in the client's mouth.
    assert kinds(sessions(6, trust=7, empathy=7, collaboration=6, communication=7, shared_goals=7)) == []


def test_an_eight_among_nines_is_not_a_signal() -> None:
    assert kinds(sessions(9, 9, 9, 9, 8)) == []


def test_a_session_lower_than_the_clients_usual_says_what_was_measured() -> None:
    items = sessions(9, 8, 9, 9, 6)
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "drop"]
    [evidence] = signal.evidence
    assert (evidence.on.isoformat(), evidence.measure, evidence.rating, evidence.usual) == (week(4), "overall", 6, 9.0)
    assert "Overall connection 6/10 on 2 February 2026, lower than your usual 9" in signal.detail
    assert "felt" not in signal.title + signal.detail  # a measurement, not a feeling the client did not write
    assert (evidence.what, evidence.value) == ("Overall connection (your usual 9)", "6/10")


def test_the_usual_needs_enough_earlier_sessions() -> None:
    assert "drop" not in kinds(sessions(9, 9, 6))  # two earlier sessions: no usual yet
    assert "drop" in kinds(sessions(9, 9, 9, 6))
    late = SignalThresholds(usual_after=5)
    assert "drop" not in [s.kind for s in find_signals(sessions(9, 9, 9, 6), (), late)]


def test_the_usual_comes_from_the_whole_history_not_only_the_period() -> None:
    history = sessions(9, 9, 9, 9, 6)
    period = history[-1:]
    assert [s.kind for s in find_signals(period, (), T)] == []  # alone, 6 is neither low nor below a usual
    [signal] = find_signals(period, (), T, history=history)
    assert signal.kind == "drop" and signal.evidence[0].usual == 9.0


def test_nothing_is_raised_before_a_usual_exists() -> None:
    # A first reflection with one 5/10 (issue 25): one rating is not yet a pattern, and there is no
    # usual to measure it against, so nothing is put on Home or in the note.
    assert kinds(sessions(5)) == []
    assert kinds(sessions(2, 3, 4)) == []  # three sessions: the third is measured against two, not a usual
    for p in ("trust", "empathy"):
        assert kinds(sessions(9, 9, **{p: 2})) == []


def test_a_clearly_low_session_counts_once_the_usual_is_low_too() -> None:
    [signal] = find_signals(sessions(5, 5, 5, 4), (), T)  # 4 is one under a usual of 5: still clearly low
    assert signal.kind == "low_overall"
    assert (signal.evidence[0].rating, signal.evidence[0].usual) == (4, 5.0)
    assert "Overall connection 4/10 on 26 January 2026" in signal.detail
    assert kinds(sessions(6, 6, 6, 6)) == []


def test_one_part_lower_than_its_own_usual_is_named() -> None:
    items = sessions(9, 9, 9, 9, 9)
    items[4] = items[4].model_copy(update={"shared_goals": 6})
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "low_part"]
    assert signal.title == "A lower rating for shared goals"
    assert [(e.measure, e.rating, e.usual) for e in signal.evidence] == [("shared_goals", 6, 9.0)]
    assert "Shared goals 6/10 on 2 February 2026, lower than your usual 9" in signal.detail


def test_a_part_that_is_always_seven_is_the_clients_usual_not_a_signal() -> None:
    assert kinds(sessions(8, 8, 8, 8, 8, 8, trust=7, shared_goals=7)) == []


def test_a_drop_of_three_below_the_usual() -> None:
    items = sessions(9, 9, 9, 9, 6)
    [signal] = [s for s in find_signals(items, (), T) if s.kind == "drop"]
    assert [(e.on.isoformat(), e.value) for e in signal.evidence] == [(week(4), "6/10")]
    # A 7 against a usual of 9 is an everyday wobble on a 0-10 scale, not worth raising (issue 25).
    assert "drop" not in kinds(sessions(9, 9, 9, 9, 7))


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
    assert "My  Sister" in signal.detail and "three times" in signal.detail
    covered_in_between = [with_agenda(0, False), with_agenda(1, True), with_agenda(2, False), with_agenda(3, False)]
    assert "uncovered_topic" not in kinds(covered_in_between)


def test_a_goal_with_no_progress_for_many_sessions() -> None:
    target = goal("Speak up", created_at="2026-01-01T00:00:00Z")
    touched = (GoalProgress(goal_id=target.id, rating=-1),)
    items = [reflection(week(n), overall=9, **GOOD, goals=touched if n == 0 else ()) for n in range(7)]
    [signal] = [s for s in find_signals(items, (target,), T) if s.kind == "stalled_goal"]
    assert "You last rated your progress on “Speak up” on 5 January 2026 (“Less than expected”), 6 sessions ago." in (
        signal.detail
    )
    assert "moved" not in signal.detail + signal.title  # what was recorded, not an inference
    assert signal.title == "A goal you have not rated for a while"
    # A goal never rated says nothing: there is no progress to speak of (issue 25: "It has not moved
    # forward in 9 sessions" for a goal that was never rated).
    unrated = [reflection(week(n), overall=9, **GOOD) for n in range(12)]
    assert "stalled_goal" not in kinds(unrated, (target,))
    moving = [
        reflection(week(n), overall=9, **GOOD, goals=(GoalProgress(goal_id=target.id, rating=min(2, n - 2)),))
        for n in range(7)
    ]
    assert "stalled_goal" not in kinds(moving, (target,))
    paused = target.model_copy(update={"status": "paused"})
    assert "stalled_goal" not in kinds(items, (paused,))


def test_thresholds_come_from_the_settings() -> None:
    items = sessions(9, 9, 9, 9, 7)
    assert "drop" in [s.kind for s in find_signals(items, (), SignalThresholds(below_usual=2))]
    low = SignalThresholds(low_level=6)
    assert "low_overall" in [s.kind for s in find_signals(sessions(6, 6, 6, 6), (), low)]


def test_older_settings_with_retired_thresholds_still_load() -> None:
    # Workbooks written before issue 12 stored PCOMS-derived levels (low_overall 9, low_part 7) and
    # called the margin "drop"; they must open, keeping the margin and dropping the retired levels.
    old = {"low_overall": 9, "low_part": 7, "drop": 3, "perfect_run": 5, "uncovered_topic": 3, "stalled_goal": 6}
    settings = Settings.model_validate({"thresholds": old})
    assert settings.thresholds == SignalThresholds(below_usual=3, perfect_run=5)
    assert "low_overall" not in settings.thresholds.model_dump()


# --- the client's own things to rate (issue 14) ---------------------------------------------------

SAFE = OwnItem(label="I felt safe to disagree")


def own_sessions(*ratings: int | None, item: OwnItem = SAFE) -> list:
    return [
        reflection(week(n), overall=9, **GOOD, own_ratings={} if r is None else {item.id: r})
        for n, r in enumerate(ratings)
    ]


def own_signals(reflections: list, *items: OwnItem, t: SignalThresholds = T) -> list:
    return [s for s in find_signals(reflections, (), t, own_items=items or (SAFE,)) if s.kind == "low_own"]


def test_an_own_rating_lower_than_its_usual_says_what_was_measured_in_the_clients_words() -> None:
    [signal] = own_signals(own_sessions(8, 8, None, 9, 8, 5))
    [evidence] = signal.evidence
    assert (evidence.on.isoformat(), evidence.rating, evidence.usual, evidence.text) == (week(5), 5, 8.0, SAFE.label)
    assert signal.title == "A lower rating for “I felt safe to disagree”"
    assert "“I felt safe to disagree” 5/10 on 9 February 2026, lower than your usual 8." in signal.detail
    assert (evidence.what, evidence.value) == ("“I felt safe to disagree” (your usual 8)", "5/10")
    assert "felt less" not in signal.detail


def test_own_ratings_follow_the_same_rule_and_thresholds_as_the_parts() -> None:
    assert own_signals(own_sessions(8, 8, 8, 8, 7)) == []  # one below the usual: an everyday wobble
    assert own_signals(own_sessions(7, 7, 7, 7, 7, 7)) == []  # always 7: the client's usual
    assert own_signals(own_sessions(9, 9, 2)) == []  # no usual yet: nothing to measure against
    [low] = own_signals(own_sessions(5, 5, 5, 5))  # clearly low, and the usual is low too
    assert [(e.rating, e.usual) for e in low.evidence] == [(5, 5.0)]
    assert own_signals(own_sessions(9, 9, 9, 9, 7)) == []
    assert own_signals(own_sessions(9, 9, 9, 9, 7), t=SignalThresholds(below_usual=2))
    assert own_signals(own_sessions(6, 6, 6, 6), t=SignalThresholds(low_level=6))
    assert own_signals(own_sessions(9, 9, 9, 9, 9, 4), OwnItem(label="Another")) == []  # another thing's ratings
    assert [s.kind for s in find_signals(own_sessions(9, 9, 9, 9, 4), (), T)] == []  # no own items given


def test_a_retired_or_renamed_own_thing_keeps_its_usual_and_its_signal() -> None:
    history = own_sessions(9, 9, 9, 9, 6)
    renamed = SAFE.model_copy(update={"label": "Safe to say no", "retired": True})
    [signal] = [s for s in find_signals(history[-1:], (), T, history=history, own_items=(renamed,))]
    assert signal.kind == "low_own" and signal.evidence[0].usual == 9.0  # measured against the sessions before
    assert signal.title == "A lower rating for “Safe to say no”"  # its words now


def test_several_own_things_low_at_once_are_one_signal_like_the_parts() -> None:
    items = [OwnItem(label=f"Thing {n}") for n in range(3)]

    def rated(*low: OwnItem) -> list:
        return [
            reflection(week(n), overall=9, **GOOD, own_ratings={i.id: 3 if i in low and n >= 4 else 9 for i in items})
            for n in range(6)
        ]

    two = own_signals(rated(*items[:2]), *items)
    assert [s.title for s in two] == ["Lower ratings for “Thing 0”", "Lower ratings for “Thing 1”"]
    [one] = own_signals(rated(*items), *items)
    assert one.title == "Lower ratings for “Thing 0”, “Thing 1” and “Thing 2”" and one.count == 6
    assert [e.on for e in one.evidence] == sorted(e.on for e in one.evidence)  # the last two of each, by date
    assert [s.kind for s in find_signals(rated(*items), (), T, own_items=items)] == ["low_own"]  # parts untouched


def test_a_hostile_own_label_stays_one_plain_line_in_a_signal() -> None:
    hostile = OwnItem(label="**Safe**\n[to](http://example.com) \u202edisagree" + " and more" * 8)
    [signal] = own_signals(own_sessions(9, 9, 9, 4, item=hostile), hostile)
    first = signal.detail.splitlines()[0]
    assert first.startswith("“**Safe** [to](http://example.com) disagree and more")
    assert "\u202e" not in signal.detail + signal.title
    assert len(signal.title) < 90 and signal.title.endswith("…”")  # the detail has it whole; the title is short


def test_no_signal_speaks_where_its_data_is_missing() -> None:
    # Issue 25: "It has not moved forward in 9 sessions" for a goal never rated. Each kind of signal,
    # on a workbook where what it measures was never recorded, says nothing at all.
    from workbook.feedback import RATINGS, WORTH_TALKING, build_draft

    target = goal("Speak up", created_at="2025-12-01T00:00:00Z")
    own = OwnItem(label="I felt safe to disagree")
    unrated = [reflection(week(n), overall=None) for n in range(14)]  # words, no numbers, no agenda, no goals
    assert find_signals(unrated, (target,), T, own_items=(own,)) == []
    points = build_draft(unrated, (), (target,), T, own_items=(own,))
    assert not [p for p in points if p.section in (RATINGS, WORTH_TALKING)]
    # Overall rated, parts never: no "every part 10/10", no part measured against a usual.
    overall_only = [reflection(week(n), overall=10) for n in range(8)]
    assert find_signals(overall_only, (target,), T, own_items=(own,)) == []


def test_the_rule_is_said_once_for_a_page_not_in_every_signal() -> None:
    from workbook.wording import signals_rule

    items = sessions(9, 9, 9, 9, 5, trust=9)
    items[4] = items[4].model_copy(update={"trust": 4, "empathy": 4, "shared_goals": 4})
    found = find_signals(items, (), T)
    assert {s.kind for s in found} >= {"drop", "low_part"}
    assert not any("Your usual is the middle" in s.detail for s in found)
    assert signals_rule(found).startswith("Your usual is the middle of your ratings in up to 10 sessions before.")
    assert signals_rule([s for s in found if s.kind not in ("drop", "low_part")]) == ""


def test_a_goal_rated_long_ago_is_said_to_be_unrated_since_its_last_rating() -> None:
    # The re-walk of issue 25: "Since 10 February (39 sessions), you have not rated … higher" read as
    # 39 sessions of low ratings when the goal was last rated a week later and never again.
    target = goal("Speak up", created_at="2026-01-01T00:00:00Z")
    rated = {0: -1, 1: -1}
    items = [
        reflection(
            week(n), overall=9, **GOOD, goals=(GoalProgress(goal_id=target.id, rating=rated[n]),) if n in rated else ()
        )
        for n in range(9)
    ]
    [signal] = [s for s in find_signals(items, (target,), T) if s.kind == "stalled_goal"]
    assert signal.title == "A goal you have not rated for a while"
    assert signal.detail.startswith(
        "You last rated your progress on “Speak up” on 12 January 2026 (“Less than expected”), 7 sessions ago."
    )
