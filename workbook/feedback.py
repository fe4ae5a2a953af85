"""Preparing feedback for the therapist: a draft built from the period's entries, then the note.

The draft reads like a letter: points grouped under short headings, in the client's own words where
they wrote them. What the app noticed (a signal) is offered as a question the client may keep or
drop, saying what was measured ("I rated our connection 6, lower than my usual 8.5"), never a feeling
they did not write. `compose` turns the kept points into a `NoteContent`, which every export format
(workbook.exports) renders the same way.

Answers to the client's own questions are private by default: `own_answers` lists the period's, and
only those the client ticks become points (`answer_point`), quoted as their words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from statistics import mean

from .models import ALLIANCE_PARTS, CheckIn, FeedbackNote, Goal, OwnItem, OwnQuestion, Reflection, SignalThresholds
from .reports import Filters, chosen
from .signals import Evidence, Signal, find_signals, same_topic, topic_words
from .text import snippet
from .wording import and_list, evidence_name, measure_name, number, own_label, times

RATINGS = "How I rated our sessions"
HELPED = "What has helped"
WORTH_TALKING = "What I would like to talk about"
NOT_HELPED = "What has not helped"
UNSAID = "What I did not say"
NOT_COVERED = "Topics we did not get to"
QUESTIONS = "Questions I have"
OWN_ANSWERS = "From my own questions"
ANSWERS_OFFERED = 20  # the most recent answers to own questions offered at once; a shorter period shows earlier ones
SECTIONS = (RATINGS, HELPED, WORTH_TALKING, NOT_HELPED, UNSAID, NOT_COVERED, QUESTIONS, OWN_ANSWERS)

# Sentence starters in our own words: I-statements for each part of the alliance.
STARTERS: dict[str, tuple[str, ...]] = {
    "Trust": (
        "When …, I found it hard to say what was really on my mind. It would help me if …",
        "I would feel safer bringing up … if …",
    ),
    "Empathy": (
        "When you said …, I felt …; I would have liked …",
        "I do not think I got across how much … matters to me.",
    ),
    "Collaboration": (
        "I would like more of a say in …",
        "When we …, I felt it was decided for me. Could we …?",
    ),
    "Communication": (
        "I sometimes leave not sure what we agreed. Could we end by …?",
        "I find it hard to interrupt when …; could we agree a way for me to …?",
    ),
    "Shared goals": (
        "I am not sure we see my goal the same way. For me, it is about …",
        "I would like us to check that … is still what we are working towards.",
    ),
}


@dataclass(frozen=True)
class Point:
    section: str
    text: str


@dataclass(frozen=True)
class NoteContent:
    title: str
    period: str
    intro: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    closing: str
    prepared_on: date = field(default_factory=date.today)


def default_period(
    notes: tuple[FeedbackNote, ...], reflections: tuple[Reflection, ...], today: date
) -> tuple[date, date]:
    """From the day feedback was last shared (the rule of loop.since_last_feedback); or since the first session."""
    shared = [n.shared_on for n in notes if n.shared_on]
    if shared:
        return min(max(shared), today), today
    first = reflections[0].session_date if reflections else today
    return first, today


def in_period(reflections: tuple[Reflection, ...], start: date, end: date, include_private: bool) -> list[Reflection]:
    return chosen(reflections, Filters(start=start, end=end, include_private=include_private))


def _day(on: date) -> str:
    return f"{on:%-d %B}"  # the note's period line gives the year


def _sessions(evidence: tuple[Evidence, ...]) -> str:
    days = and_list([_day(e.on) for e in evidence])
    return f"the session on {days}" if len(evidence) == 1 else f"the sessions on {days}"


def _below(e: Evidence) -> bool:
    return e.usual is not None and e.rating is not None and e.rating < e.usual


def _against_usual(evidence: tuple[Evidence, ...]) -> str:
    if not all(_below(e) for e in evidence):  # a low rating, but not below the usual: say only the rating
        return " out of 10"
    usuals = [number(e.usual) for e in evidence if e.usual is not None]
    if len(set(usuals)) == 1:
        return f", lower than my usual {usuals[0]}"
    return f", lower than my usual at the time ({and_list(usuals)})"


def signal_point(signal: Signal) -> str:
    """A signal offered as a question the client may keep or drop: what was measured, with dates."""
    if signal.kind in ("drop", "low_overall"):
        recent = signal.evidence[-3:]
        ratings = and_list([str(e.rating) for e in recent])
        return f"Could we talk about {_sessions(recent)}? I rated our connection {ratings}{_against_usual(recent)}."
    if signal.kind == "low_part":
        recent = {e.measure: e for e in signal.evidence}  # each part's most recent: the easiest to talk about
        latest = {part: recent[part] for part in ALLIANCE_PARTS if part in recent}
        names = [measure_name(part).lower() for part in latest]
        if len(latest) == 1:
            [e] = latest.values()
            said = f"{e.rating} on {_day(e.on)}, lower than my usual {number(e.usual)}" if _below(e) else ""
            return f"Could we talk about {names[0]}? I rated it {said or f'{e.rating} out of 10 on {_day(e.on)}'}."
        said = and_list(
            [
                f"{name} {e.rating} on {_day(e.on)}" + (f" (my usual {number(e.usual)})" if e.usual is not None else "")
                for name, e in zip(names, latest.values(), strict=True)
            ]
        )
        return f"Could we talk about {and_list(names)}? I rated {said}."
    if signal.kind == "low_own":
        return _own_point(signal)
    if signal.kind == "perfect_run":
        first, last = signal.evidence[0].on, signal.evidence[-1].on
        return (
            "Could we check whether there is anything small that could be better? I gave every rating full"
            f" marks in {signal.count} sessions in a row, from {_day(first)} to {_day(last)}."
        )
    if signal.kind == "uncovered_topic":
        topic = signal.evidence[-1].text
        return f"Could we start with “{topic}” next time? I brought it {times(signal.count)} and we did not get to it."
    if signal.kind == "stalled_goal":
        goal = signal.evidence[0].text
        return f"Could we look at my goal “{goal}” together? It has not moved forward in {signal.count} sessions."
    return signal.detail


def _own_point(signal: Signal) -> str:
    """An own thing to rate, in the client's words: "Could we talk about “I felt safe to disagree”? …"."""
    by_item: dict[str, list[Evidence]] = {}
    for e in signal.evidence:
        by_item.setdefault(e.measure, []).append(e)
    names = [evidence_name(found[0]) for found in by_item.values()]
    if len(by_item) == 1:
        recent = tuple(signal.evidence[-3:])
        ratings = and_list([str(e.rating) for e in recent])
        against = _against_usual(recent)
        if against == " out of 10":
            return f"Could we talk about {names[0]}? I rated it {ratings} out of 10 in {_sessions(recent)}."
        return f"Could we talk about {names[0]}? I rated it {ratings} in {_sessions(recent)}{against}."
    latest = [found[-1] for found in by_item.values()]  # each one's most recent: the easiest to talk about
    said = and_list(
        [
            f"{name} {e.rating} on {_day(e.on)}" + (f" (my usual {number(e.usual)})" if e.usual is not None else "")
            for name, e in zip(names, latest, strict=True)
        ]
    )
    return f"Could we talk about {and_list(names)}? I rated {said}."


def _recurring(texts: Iterable[str], at_least: int = 2) -> list[tuple[str, int]]:
    """Texts written at least `at_least` times (spacing and capitals aside), most frequent first."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        flat = " ".join(text.split())
        if flat:
            key = flat.casefold()
            counts[key] += 1
            shown.setdefault(key, flat)
    return [(shown[key], n) for key, n in counts.most_common() if n >= at_least]


def _with_count(text: str, count: int) -> str:
    return text if count < 2 else f"{text} ({times(count)})"


def merge_topics(topics: Iterable[str]) -> list[str]:
    """Topics once each: near-duplicates ("Mum", "My mum visiting next week") become the fuller one."""
    merged: list[str] = []
    for topic in topics:
        same = next((n for n, kept in enumerate(merged) if same_topic(kept, topic)), None)
        if same is None:
            merged.append(topic)
        elif len(topic_words(topic)) > len(topic_words(merged[same])):
            merged[same] = topic
    return merged


def build_draft(
    reflections: list[Reflection],
    checkins: tuple[CheckIn, ...],
    goals: tuple[Goal, ...],
    thresholds: SignalThresholds,
    history: Iterable[Reflection] | None = None,
    own_items: Iterable[OwnItem] = (),
) -> list[Point]:
    """The points worth sharing from these reflections (the period's, private ones already left out).

    `history` is every session up to the period's end (same privacy choice): the client's usual is
    worked out from it, so the period's first sessions are measured against the ones before them.
    `own_items` are the client's own things to rate: a low one is offered like a low part. Answers to
    their own questions are not here: they are offered one by one, unticked (`own_answers`).
    """
    points: list[Point] = []
    rated = [r.overall for r in reflections if r.overall is not None]  # sessions left unrated say nothing
    if rated:
        average = mean(rated)
        over = "in our session" if len(rated) == 1 else f"on average over {len(rated)} sessions"
        points.append(Point(RATINGS, f"I rated our connection {number(average)} out of 10 {over}."))
    for text, n in _recurring((r.what_helped for r in reflections), at_least=1)[:3]:
        points.append(Point(HELPED, _with_count(text, n)))
    signals = find_signals(reflections, goals, thresholds, history=history, own_items=own_items)
    asked_topics = [s.evidence[-1].text for s in signals if s.kind == "uncovered_topic"]
    points += [Point(WORTH_TALKING, signal_point(s)) for s in signals]
    points += [
        Point(NOT_HELPED, _with_count(text, n)) for text, n in _recurring(r.what_did_not_help for r in reflections)
    ]
    unsaid: dict[str, list[date]] = {}
    for reflection in reflections:
        if reflection.unsaid.strip():
            unsaid.setdefault(" ".join(reflection.unsaid.split()), []).append(reflection.session_date)
    for text, days in list(unsaid.items())[-5:]:
        points.append(Point(UNSAID, f"{text} ({', '.join(_day(d) for d in days[-4:])})"))
    missed = merge_topics(item.topic for r in reflections for item in r.agenda if not item.covered)
    missed = [topic for topic in missed if not any(same_topic(topic, asked) for asked in asked_topics)]
    points += [Point(NOT_COVERED, topic) for topic in missed[-5:]]
    if reflections:
        ids = {r.checkin_id for r in reflections}
        questions = [c.questions for c in checkins if c.id in ids]
        points += [Point(QUESTIONS, text) for text, _ in _recurring(questions, at_least=1)[:5]]
    return points


@dataclass(frozen=True)
class OwnAnswer:
    """An answer to one of the client's own questions, written before or after a session."""

    on: date  # the session it belongs to
    asked: str  # "before" (a check-in) or "after" (a reflection)
    prompt: str  # the question's words now (a reworded question keeps its answers)
    answer: str


def own_answers(
    reflections: list[Reflection], checkins: tuple[CheckIn, ...], questions: Iterable[OwnQuestion]
) -> list[OwnAnswer]:
    """The answers to own questions in these reflections (the period's, private ones already left out)
    and in the check-ins they came from, oldest first; before a session, then after it.

    The same rule as the draft's questions: a check-in counts through the reflection it led to, so
    one that led to a private reflection stays out with it. Retired questions keep their answers.
    """
    prompts = {q.id: q.prompt for q in questions}
    by_id = {c.id: c for c in checkins}
    found: list[OwnAnswer] = []
    seen: set[str] = set()  # a check-in linked from two reflections is offered once
    for reflection in reflections:
        before = by_id.get(reflection.checkin_id) if reflection.checkin_id not in seen else None
        seen.add(reflection.checkin_id or "")
        for asked, answers in (("before", before.own_answers if before else {}), ("after", reflection.own_answers)):
            for question, prompt in prompts.items():
                answer = answers.get(question, "").strip()
                if answer:
                    found.append(OwnAnswer(reflection.session_date, asked, prompt, answer))
    return found


def answer_point(answer: OwnAnswer) -> Point:
    """A ticked answer as the note says it: the question, the session, and the client's words, quoted."""
    question = own_label(answer.prompt)
    return Point(
        OWN_ANSWERS,
        f"To my question “{question}”, {answer.asked} our session on {_day(answer.on)} I wrote: “{answer.answer}”",
    )


def compose(
    points: list[Point],
    *,
    start: date,
    end: date,
    therapist: str = "",
    name: str = "",
    intro: str = "",
    closing: str = "",
) -> NoteContent:
    """The note as it will be shared: kept points in their sections, in the sections' order."""
    grouped = tuple(
        (section, tuple(p.text.strip() for p in points if p.section == section and p.text.strip()))
        for section in SECTIONS
    )
    return NoteContent(
        title=f"Feedback for {therapist}" if therapist else "Feedback about our sessions",
        period=f"About our sessions from {start:%-d %B %Y} to {end:%-d %B %Y}",
        intro=intro.strip(),
        sections=tuple((s, items) for s, items in grouped if items),
        closing=closing.strip()
        or (f"Thank you for reading this. {name}".strip() if name else "Thank you for reading this."),
    )


def has_content(note: NoteContent) -> bool:
    return bool(note.sections or note.intro)


def preview_title(note: FeedbackNote) -> str:
    if note.shared_on:
        state = f"Shared {note.shared_on:%-d %B %Y}"
    else:
        state = f"Not shared yet (written {note.created_at:%-d %B %Y})"
    return f"{state} · {snippet(note.body, 60)}"
