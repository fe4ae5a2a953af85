"""Signals: patterns in the client's own ratings that may be worth raising with their therapist.

Each signal carries its evidence (dates and values) so the client can see why it appeared, and is
worded gently: a signal is an invitation to talk, not a verdict. Thresholds come from the settings;
the defaults follow the figures in DESIGN.md (the Session Rating Scale's 36 of 40 is 9 of 10).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean

from .loop import goal_progress
from .models import ALLIANCE_PARTS, Goal, Reflection, SignalThresholds
from .wording import PARTS

RECENT = 5  # the sessions a drop is measured against


@dataclass(frozen=True)
class Evidence:
    on: date
    what: str
    value: str


@dataclass(frozen=True)
class Signal:
    kind: str  # low_overall, low_part, drop, perfect_run, uncovered_topic, stalled_goal
    title: str
    detail: str
    evidence: tuple[Evidence, ...]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _low_overall(reflections: list[Reflection], t: SignalThresholds) -> Signal | None:
    low = [r for r in reflections if r.overall < t.low_overall or mean(r.ratings().values()) < t.low_overall]
    if not low:
        return None
    shown = low[-6:]
    return Signal(
        "low_overall",
        "Sessions that felt less connected" if len(low) > 1 else "A session that felt less connected",
        f"In {_plural(len(low), 'session')} of {len(reflections)}, your overall connection or the average of"
        f" the five parts was below {t.low_overall} out of 10. That is often worth a gentle conversation"
        " about what would help.",
        tuple(
            Evidence(r.session_date, "Overall · average of parts", f"{r.overall} · {mean(r.ratings().values()):.1f}")
            for r in shown
        ),
    )


def _low_parts(reflections: list[Reflection], t: SignalThresholds) -> list[Signal]:
    low = {part: [r for r in reflections if getattr(r, part) <= t.low_part] for part in ALLIANCE_PARTS}
    low = {part: found for part, found in low.items() if found}
    if not low:
        return []
    if len(low) > 2:  # several parts at once: one signal, so the page does not shout
        names = [PARTS[p][0] for p in low]
        return [
            Signal(
                "low_part",
                "Several parts of the relationship felt lower",
                f"{', '.join(names[:-1])} and {names[-1]} were each rated {t.low_part} or below at least once."
                " Which one matters most to you to talk about?",
                tuple(
                    Evidence(r.session_date, PARTS[p][0], f"{getattr(r, p)}/10")
                    for p, found in low.items()
                    for r in found[-2:]
                ),
            )
        ]
    return [
        Signal(
            "low_part",
            f"{PARTS[part][0]} felt lower",
            f"“{PARTS[part][1]}” You rated this {t.low_part} or below in {_plural(len(found), 'session')}."
            " It might help to say what would make it easier.",
            tuple(Evidence(r.session_date, PARTS[part][0], f"{getattr(r, part)}/10") for r in found[-6:]),
        )
        for part, found in low.items()
    ]


def _drop(reflections: list[Reflection], t: SignalThresholds) -> Signal | None:
    drops = []
    for index in range(3, len(reflections)):
        before = reflections[max(0, index - RECENT) : index]
        usual = mean(r.overall for r in before)
        if usual - reflections[index].overall >= t.drop:
            drops.append((reflections[index], usual))
    if not drops:
        return None
    last, usual = drops[-1]
    return Signal(
        "drop",
        "A dip compared with your usual",
        f"On {last.session_date:%-d %B %Y} your connection ({last.overall}/10) was {usual - last.overall:.1f}"
        f" below your average over the sessions before it ({usual:.1f}). A dip is often worth naming."
        + (f" This happened {_plural(len(drops), 'time')} in this period." if len(drops) > 1 else ""),
        tuple(Evidence(r.session_date, f"Overall (usual {u:.1f})", f"{r.overall}/10") for r, u in drops[-6:]),
    )


def _perfect_run(reflections: list[Reflection], t: SignalThresholds) -> Signal | None:
    best: list[Reflection] = []
    run: list[Reflection] = []
    for reflection in reflections:
        perfect = reflection.overall == 10 and set(reflection.ratings().values()) == {10}
        run = [*run, reflection] if perfect else []
        if len(run) >= t.perfect_run:
            best = run
    if not best:
        return None
    return Signal(
        "perfect_run",
        "Full marks, session after session",
        f"You gave every part 10/10 in {len(best)} sessions in a row. That may be exactly right. Sometimes,"
        " though, it can feel hard to say anything critical: is there anything small you would change?",
        tuple(Evidence(r.session_date, "Every rating", "10/10") for r in best),
    )


def _uncovered_topics(reflections: list[Reflection], t: SignalThresholds) -> list[Signal]:
    misses: dict[str, list[Reflection]] = {}
    names: dict[str, str] = {}
    for reflection in reflections:
        for item in reflection.agenda:
            key = " ".join(item.topic.casefold().split())
            names.setdefault(key, item.topic)
            if item.covered:
                misses[key] = []  # got to it: the count starts again
            else:
                misses.setdefault(key, []).append(reflection)
    return [
        Signal(
            "uncovered_topic",
            "A topic that keeps not getting covered",
            f"You brought “{names[key]}” {len(missed)} times without getting to it. It may help to ask to"
            " start with it next time, or to say that it matters to you.",
            tuple(Evidence(r.session_date, "Brought, not covered", names[key]) for r in missed),
        )
        for key, missed in misses.items()
        if len(missed) >= t.uncovered_topic
    ]


def _stalled_goals(goals: tuple[Goal, ...], reflections: list[Reflection], t: SignalThresholds) -> list[Signal]:
    found = []
    for goal in goals:
        if goal.status != "active":
            continue
        points = goal_progress(goal, tuple(reflections))
        best, improved_on = None, goal.created_at.date()
        for point in points:
            if best is None or point.rating > best:
                best, improved_on = point.rating, point.on
        since = [r for r in reflections if r.session_date > improved_on]
        if len(since) < t.stalled_goal or best == 2:  # at the top of the ladder there is nowhere to go
            continue
        found.append(
            Signal(
                "stalled_goal",
                "A goal that has not moved for a while",
                f"“{goal.title}” has not moved forward in {len(since)} sessions. Is it still the right goal,"
                " and do you and your therapist see it the same way?",
                (
                    Evidence(improved_on, "Last step forward" if points else "Goal set", goal.title),
                    *(Evidence(p.on, "Progress", f"{p.rating:+d}" if p.rating else "0") for p in points[-3:]),
                ),
            )
        )
    return found


def find_signals(reflections: list[Reflection], goals: tuple[Goal, ...], thresholds: SignalThresholds) -> list[Signal]:
    """Every pattern in these reflections (a period, oldest first), each once with its evidence."""
    if not reflections:
        return []
    found: list[Signal | None] = [
        _low_overall(reflections, thresholds),
        _drop(reflections, thresholds),
        *_low_parts(reflections, thresholds),
        _perfect_run(reflections, thresholds),
        *_uncovered_topics(reflections, thresholds),
        *_stalled_goals(goals, reflections, thresholds),
    ]
    return [s for s in found if s is not None]


def since_last_feedback(reflections: tuple[Reflection, ...], shared_dates: list[date]) -> list[Reflection]:
    """The sessions of the current period: those since feedback was last shared (all, if never)."""
    if not shared_dates:
        return list(reflections)
    last = max(shared_dates)
    return [r for r in reflections if r.session_date >= last]
