"""Preparing feedback for the therapist: a draft built from the period's entries, then the note.

The draft is a list of points in the client's own voice, grouped in sections; the client keeps,
drops or edits each one. `compose` turns the kept points into a `NoteContent`, which every export
format (workbook.exports) renders the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean

from .models import CheckIn, FeedbackNote, Goal, Reflection, SignalThresholds
from .reports import Filters, chosen
from .signals import Evidence, Signal, find_signals
from .text import snippet

GOING_WELL = "What has been going well"
WORTH_TALKING = "What I would like to talk about"
NOT_HELPED = "What has not helped"
UNSAID = "What I did not say"
NOT_COVERED = "Topics we did not get to"
QUESTIONS = "Questions I have"
SECTIONS = (GOING_WELL, WORTH_TALKING, NOT_HELPED, UNSAID, NOT_COVERED, QUESTIONS)

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
    """Since the day after feedback was last shared; or since the first session."""
    shared = [n.shared_on for n in notes if n.shared_on]
    if shared:
        return min(max(shared) + timedelta(days=1), today), today
    first = reflections[0].session_date if reflections else today
    return first, today


def in_period(reflections: tuple[Reflection, ...], start: date, end: date, include_private: bool) -> list[Reflection]:
    return chosen(reflections, Filters(start=start, end=end, include_private=include_private))


def _when(evidence_dates: list[date]) -> str:
    days = sorted(set(evidence_dates))[-4:]
    return ", ".join(f"{d:%-d %b}" for d in days)


def signal_point(signal: Signal) -> str:
    """A signal, said by the client: first person, with dates."""
    dates = [e.on for e in signal.evidence]
    if signal.kind == "low_overall":
        said = []
        for e in signal.evidence[-4:]:
            overall, parts = e.value.split(" · ")
            said.append(f"{overall}/10, parts averaging {parts}, on {e.on:%-d %b}")
        return f"Some sessions felt less connected for me ({'; '.join(said)})."
    if signal.kind == "low_part":
        lowest: dict[str, Evidence] = {}
        for e in signal.evidence:
            if e.what not in lowest or int(e.value.split("/")[0]) <= int(lowest[e.what].value.split("/")[0]):
                lowest[e.what] = e
        named = "; ".join(f"{part} {e.value} on {e.on:%-d %b}" for part, e in lowest.items())
        return f"Parts of our work felt lower for me at times: {named}."
    if signal.kind == "drop":
        return f"I felt less connected than usual ({_when(dates)})."
    if signal.kind == "perfect_run":
        return (
            f"I gave every part full marks for {len(signal.evidence)} sessions in a row. I want to check I am"
            " not holding anything back."
        )
    if signal.kind == "uncovered_topic":
        topic = signal.evidence[-1].value
        return f"I brought “{topic}” {len(signal.evidence)} times and we did not get to it. It matters to me."
    if signal.kind == "stalled_goal":
        goal = signal.evidence[0].value
        return f"“{goal}” has not moved for a while. I would like to check it is still the right goal for us."
    return signal.detail


def _recurring(texts: list[str], at_least: int = 2) -> list[tuple[str, int]]:
    counts = Counter(" ".join(t.split()) for t in texts if t.strip())
    return [(text, n) for text, n in counts.most_common() if n >= at_least]


def build_draft(
    reflections: list[Reflection],
    checkins: tuple[CheckIn, ...],
    goals: tuple[Goal, ...],
    thresholds: SignalThresholds,
) -> list[Point]:
    """The points worth sharing from these reflections (the period's, private ones already left out)."""
    points: list[Point] = []
    if reflections:
        average = mean(r.overall for r in reflections)
        if average >= thresholds.low_overall - 1:
            points.append(
                Point(GOING_WELL, f"I have mostly felt connected in our sessions (on average {average:.1f} out of 10).")
            )
    for text, _ in _recurring([r.what_helped for r in reflections], at_least=1)[:3]:
        points.append(Point(GOING_WELL, f"What has helped: {text}"))
    signals = find_signals(reflections, goals, thresholds)
    covered_topics = {s.evidence[-1].value for s in signals if s.kind == "uncovered_topic"}
    points += [Point(WORTH_TALKING, signal_point(s)) for s in signals]
    points += [
        Point(NOT_HELPED, f"{text} (more than once: {n} times)")
        for text, n in _recurring([r.what_did_not_help for r in reflections])
    ]
    unsaid: dict[str, list[date]] = {}
    for reflection in reflections:
        if reflection.unsaid.strip():
            unsaid.setdefault(" ".join(reflection.unsaid.split()), []).append(reflection.session_date)
    for text, days in list(unsaid.items())[-5:]:
        points.append(Point(UNSAID, f"{text} ({', '.join(f'{d:%-d %b}' for d in days[-4:])})"))
    missed: dict[str, str] = {}
    for reflection in reflections:
        for item in reflection.agenda:
            if not item.covered and item.topic not in covered_topics:
                missed.setdefault(item.topic.casefold(), item.topic)
    points += [Point(NOT_COVERED, topic) for topic in list(missed.values())[-5:]]
    if reflections:
        ids = {r.checkin_id for r in reflections}
        questions = [c.questions for c in checkins if c.id in ids]
        points += [Point(QUESTIONS, text) for text, _ in _recurring(questions, at_least=1)[:5]]
    return points


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
