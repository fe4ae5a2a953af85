"""Signals: patterns in the client's own ratings that may be worth raising with their therapist.

A signal is data: the kind of pattern and its evidence (dates, ratings, the client's usual at the
time). The words are chosen where it is shown: `workbook.wording` for the pages, `workbook.feedback`
for the note, so rewording never changes what was found.

Ratings are measured against the client's own usual, not another scale's cutoff: the usual is the
middle (median) of their ratings in up to `USUAL_WINDOW` sessions before, once there are
`usual_after` of them. A rating is worth raising when it is `below_usual` points or more under that
usual, or at or below `low_level` whatever the usual. docs/design.md says where each number comes from.
The client's own things to rate (Settings.own_items) are measured by the same rule as the five parts,
each against its own usual; a renamed one keeps its id, so its usual carries on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from . import wording
from .loop import goal_progress
from .models import ALLIANCE_PARTS, Goal, OwnItem, Reflection, SignalThresholds
from .wording import OWN, own_measure

USUAL_WINDOW = SignalThresholds.USUAL_WINDOW
SHOWN = 6  # the most recent evidence a signal keeps; its count says how many there were


@dataclass(frozen=True)
class Evidence:
    """One thing seen on one day: a rating and the usual it was measured against, or a topic or goal."""

    on: date
    # "overall", a part ("trust", ...), an own thing to rate (`own_measure(id)`), "every_rating", "topic",
    # "goal_set", "goal_step", "progress"
    measure: str
    rating: int | None = None
    usual: float | None = None  # None: not enough earlier sessions to know the client's usual
    text: str = ""  # the topic, goal or own thing to rate, in the client's own words

    @property
    def what(self) -> str:
        return wording.evidence_what(self)

    @property
    def value(self) -> str:
        return wording.evidence_value(self)


@dataclass(frozen=True)
class Signal:
    """A pattern worth raising, with its evidence and the thresholds it was found with."""

    kind: str  # drop, low_overall, low_part, low_own, perfect_run, uncovered_topic, stalled_goal
    evidence: tuple[Evidence, ...]
    thresholds: SignalThresholds
    count: int = 0  # how many sessions it covers (more than the evidence kept, sometimes)

    @property
    def key(self) -> str:
        """Names this signal for as long as its evidence is the same (a page keeps its evidence open)."""
        return hashlib.sha256(repr((self.kind, self.evidence)).encode()).hexdigest()[:12]

    @property
    def title(self) -> str:
        return wording.signal_title(self)

    @property
    def detail(self) -> str:
        return wording.signal_detail(self)


def usuals(ratings: Sequence[int | None], t: SignalThresholds) -> list[float | None]:
    """For each rating (oldest first), the client's usual before it; None until enough sessions exist.

    The median, not the mean: one hard session does not pull the usual down for the sessions after it.
    """
    found: list[float | None] = []
    rated: list[int] = []  # sessions left unrated have no say in the usual
    for rating in ratings:
        earlier = rated[-USUAL_WINDOW:]
        found.append(float(median(earlier)) if len(earlier) >= t.usual_after else None)
        if rating is not None:
            rated.append(rating)
    return found


def worth_raising(rating: int, usual: float | None, t: SignalThresholds) -> bool:
    top = raise_at_or_below(usual, t)
    return top is not None and rating <= top


def raise_at_or_below(usual: float | None, t: SignalThresholds) -> float | None:
    """The highest rating worth raising, given the usual (the top of the chart's shaded band); None
    before the usual exists: nothing to measure against yet."""
    return None if usual is None else max(float(t.low_level), usual - t.below_usual)


def rating_of(reflection: Reflection, measure: str) -> int | None:
    """The rating `measure` ("overall", a part or an own thing to rate) had in a session; None: not rated."""
    if measure.startswith(OWN):
        return reflection.own_ratings.get(measure.removeprefix(OWN))
    return getattr(reflection, measure)


def usual_by_session(history: Iterable[Reflection], measure: str, t: SignalThresholds) -> dict[str, float | None]:
    """Each session's usual for `measure` ("overall", a part or an own thing to rate), keyed by reflection id."""
    ordered = sorted(history, key=lambda r: r.session_date)  # linear when already in order (Timsort)
    ratings = [rating_of(r, measure) for r in ordered]
    return {r.id: usual for r, usual in zip(ordered, usuals(ratings, t), strict=True)}


def _connection(reflections: list[Reflection], usual: dict[str, float | None], t: SignalThresholds) -> list[Signal]:
    # Lower than the usual comes first: it carries the most to talk about. A clearly low rating is
    # listed on its own only when it is not already there (a usual that is low too). Before the usual
    # exists, nothing is raised: one rating is not yet a pattern.
    below, low = [], []
    for r in reflections:
        if r.overall is None or usual[r.id] is None:
            continue
        seen = Evidence(r.session_date, "overall", r.overall, usual[r.id])
        if seen.usual is not None and seen.usual - r.overall >= t.below_usual:
            below.append(seen)
        elif r.overall <= t.low_level:
            low.append(seen)
    return [
        Signal(kind, tuple(found[-SHOWN:]), t, len(found))
        for kind, found in (("drop", below), ("low_overall", low))
        if found
    ]


def _low_ratings(
    kind: str,
    measures: dict[str, str],
    reflections: list[Reflection],
    usual: dict[str, dict[str, float | None]],
    t: SignalThresholds,
) -> list[Signal]:
    """Low ratings of the five parts ("low_part") or of the client's own things ("low_own").

    `measures` maps each measure to its words (an own thing's label; "" for a part).
    """
    low: dict[str, list[Evidence]] = {}
    for measure, text in measures.items():
        for r in reflections:
            rating, before = rating_of(r, measure), usual[measure][r.id]
            if rating is not None and worth_raising(rating, before, t):
                low.setdefault(measure, []).append(Evidence(r.session_date, measure, rating, before, text))
    if len(low) > 2:  # several at once: one signal, so the page does not shout
        evidence = sorted((e for found in low.values() for e in found[-2:]), key=lambda e: e.on)
        return [Signal(kind, tuple(evidence), t, sum(len(found) for found in low.values()))]
    return [Signal(kind, tuple(found[-SHOWN:]), t, len(found)) for found in low.values()]


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
    return Signal("perfect_run", tuple(Evidence(r.session_date, "every_rating", 10) for r in best), t, len(best))


def _uncovered_topics(reflections: list[Reflection], t: SignalThresholds) -> list[Signal]:
    misses: dict[str, list[Reflection]] = {}
    names: dict[str, str] = {}
    for reflection in reflections:
        for item in reflection.agenda:
            key = " ".join(item.topic.casefold().split())
            names.setdefault(key, item.topic)
            if item.covered:
                misses[key] = []  # got to it: the count starts again
            elif item.covered is False:  # the client said we did not (unanswered says nothing)
                misses.setdefault(key, []).append(reflection)
    return [
        Signal(
            "uncovered_topic",
            tuple(Evidence(r.session_date, "topic", text=names[key]) for r in missed),
            t,
            len(missed),
        )
        for key, missed in misses.items()
        if len(missed) >= t.uncovered_topic
    ]


def _stalled_goals(goals: tuple[Goal, ...], reflections: list[Reflection], t: SignalThresholds) -> list[Signal]:
    """Active goals whose progress, as the client rated it, has not risen for `stalled_goal` sessions.

    Only what was recorded: a goal never rated says nothing (there is no progress to speak of). A goal
    not rated for `stalled_goal` sessions has its last rating as evidence ("I have not rated it since
    …"); otherwise the evidence is the rating it last rose to ("goal_step") and the ratings since
    ("progress"): "I rated it … on …, and not higher since".
    """
    found = []
    for goal in goals:
        if goal.status != "active":
            continue
        points = goal_progress(goal, tuple(reflections))
        if not points:
            continue
        best = max(points, key=lambda p: p.rating)
        best = next(p for p in points if p.rating == best.rating)  # the first time it got there
        since = [r for r in reflections if r.session_date > best.on]
        if len(since) < t.stalled_goal or best.rating == 2:  # at the top of the ladder there is nowhere to go
            continue
        last = points[-1]
        unrated = [r for r in reflections if r.session_date > last.on]
        if len(unrated) >= t.stalled_goal:  # not rated for a while: that is the one thing to say
            found.append(
                Signal("stalled_goal", (Evidence(last.on, "goal_step", last.rating, text=goal.title),), t, len(unrated))
            )
            continue
        later = tuple(Evidence(p.on, "progress", p.rating) for p in points if p.on > best.on)
        start = Evidence(best.on, "goal_step", best.rating, text=goal.title)
        found.append(Signal("stalled_goal", (start, *later[-3:]), t, len(since)))
    return found


def find_signals(
    reflections: list[Reflection],
    goals: tuple[Goal, ...],
    thresholds: SignalThresholds,
    history: Iterable[Reflection] | None = None,
    own_items: Iterable[OwnItem] = (),
) -> list[Signal]:
    """Every pattern in these reflections (a period, oldest first), each once with its evidence.

    `history` is what the client's usual is worked out from: every session up to the period's end
    (with the same filters), so the first sessions of a period are measured against the ones before
    it. Without it, only the period itself counts. `own_items` are the client's own things to rate
    (every one, retired too: one rated in the period is measured like a part).
    """
    if not reflections:
        return []
    known = sorted({r.id: r for r in (*(history or ()), *reflections)}.values(), key=lambda r: r.session_date)
    rated = {key for r in reflections for key in r.own_ratings}
    own = {own_measure(i.id): i.label for i in own_items if i.id in rated}
    parts = dict.fromkeys(ALLIANCE_PARTS, "")
    usual = {measure: usual_by_session(known, measure, thresholds) for measure in ("overall", *parts, *own)}
    found: list[Signal | None] = [
        *_connection(reflections, usual["overall"], thresholds),
        *_low_ratings("low_part", parts, reflections, usual, thresholds),
        *_low_ratings("low_own", own, reflections, usual, thresholds),
        _perfect_run(reflections, thresholds),
        *_uncovered_topics(reflections, thresholds),
        *_stalled_goals(goals, reflections, thresholds),
    ]
    return [s for s in found if s is not None]


def topic_words(topic: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", topic.casefold()))


def same_topic(one: str, other: str) -> bool:
    """Whether two topics are one: all the words of one are in the other ("Mum", "My mum visiting")."""
    a, b = topic_words(one), topic_words(other)
    return bool(a and b) and (a <= b or b <= a)
