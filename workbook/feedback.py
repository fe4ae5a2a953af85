"""Preparing feedback for the therapist: a draft built from the period's entries, then the note.

The draft reads like a letter: points grouped under short headings, in the client's own words where
they wrote them. Every point starts unticked: the note holds only what the client ticks (and what
they write in their own box, under "In my own words"), so nothing they wrote for themselves is
shared unless they choose it. What the app noticed (a signal) is offered as a question the client may keep or
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

from . import i18n
from .i18n import N_, _, ngettext
from .models import ALLIANCE_PARTS, CheckIn, FeedbackNote, Goal, OwnItem, OwnQuestion, Reflection, SignalThresholds
from .reports import Filters, chosen
from .signals import Evidence, Signal, find_signals, same_topic, topic_words
from .text import printable, snippet
from .wording import and_list, evidence_name, level_words, measure_name, number, own_label, times

# The note's sections: a point's `section` is one of these English names (a key); the headings are
# translated where they are shown (`compose` for the note, the Feedback page for the draft).
RATINGS = N_("How I rated our sessions")
HELPED = N_("What has helped")
WORTH_TALKING = N_("What I would like to talk about")
NOT_HELPED = N_("What has not helped")
UNSAID = N_("What I did not say")
NOT_COVERED = N_("Topics we did not get to")
QUESTIONS = N_("Questions I have")
OWN_ANSWERS = N_("From my own questions")
OWN_WORDS = N_("In my own words")  # what the client writes in the note's own box: never under another heading
ANSWERS_OFFERED = 20  # the most recent answers to own questions offered at once; a shorter period shows earlier ones
SECTIONS = (RATINGS, HELPED, WORTH_TALKING, NOT_HELPED, UNSAID, NOT_COVERED, QUESTIONS, OWN_ANSWERS, OWN_WORDS)

# Sentence starters in our own words: I-statements for each part of the alliance. The keys (the parts'
# English names, also in widget keys) and the starters are translated where they are shown.
STARTERS: dict[str, tuple[str, ...]] = {
    N_("Trust"): (
        N_("When …, I found it hard to say what was really on my mind. It would help me if …"),
        N_("I would feel safer bringing up … if …"),
    ),
    N_("Empathy"): (
        N_("When you said …, I felt …; I would have liked …"),
        N_("I do not think I got across how much … matters to me."),
    ),
    N_("Collaboration"): (
        N_("I would like more of a say in …"),
        N_("When we …, I felt it was decided for me. Could we …?"),
    ),
    N_("Communication"): (
        N_("I sometimes leave not sure what we agreed. Could we end by …?"),
        N_("I find it hard to interrupt when …; could we agree a way for me to …?"),
    ),
    N_("Shared goals"): (
        N_("I am not sure we see my goal the same way. For me, it is about …"),
        N_("I would like us to check that … is still what we are working towards."),
    ),
}


@dataclass(frozen=True)
class Point:
    section: str
    text: str
    # What the point is about, whatever its words say today ("helped:<the client's words>"): a tick or
    # words the client changed stay with it when a new session changes its sentence (a count, a date).
    about: str = field(default="", compare=False)


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
    return i18n.day_month(on)  # the note's period line gives the year


def _days(evidence: tuple[Evidence, ...]) -> str:
    return and_list([_day(e.on) for e in evidence])


def _ratings(evidence: tuple[Evidence, ...]) -> str:
    return and_list([str(e.rating) for e in evidence])


def _below(e: Evidence) -> bool:
    return e.usual is not None and e.rating is not None and e.rating < e.usual


def _usuals(evidence: tuple[Evidence, ...]) -> tuple[int, str]:
    """How the ratings compare with the usual: (0, "") when not all below it (say only the rating); (1,
    "8.5") when below one usual; (2, "8.5 and 8") when below usuals that differ."""
    if not all(_below(e) for e in evidence):
        return 0, ""
    usuals = [number(e.usual) for e in evidence if e.usual is not None]
    if len(set(usuals)) == 1:
        return 1, usuals[0]
    return 2, and_list(usuals)


def _rated_each(names: list[str], latest: list[Evidence]) -> str:
    """'trust 5 on 9 February (my usual 8), empathy 4 on 16 February': each one's most recent rating."""
    said = []
    for name, e in zip(names, latest, strict=True):
        fields = {"name": name, "rating": e.rating, "day": _day(e.on)}
        if e.usual is not None:
            # TRANSLATORS: one item of a list: "trust 5 on 9 February (my usual 8)".
            said.append(_("{name} {rating} on {day} (my usual {usual})").format(**fields, usual=number(e.usual)))
        else:
            # TRANSLATORS: one item of a list: "trust 5 on 9 February".
            said.append(_("{name} {rating} on {day}").format(**fields))
    return and_list(said)


def signal_point(signal: Signal) -> str:
    """A signal offered as a question the client may keep or drop: what was measured, with dates."""
    if signal.kind in ("drop", "low_overall"):
        recent = signal.evidence[-3:]
        fields = {"days": _days(recent), "ratings": _ratings(recent)}
        below, usual = _usuals(recent)
        # TRANSLATORS: {days} lists the sessions' dates ("9 February and 16 February"); {ratings} the
        # client's ratings of them ("5 and 4"); {usual} their usual rating, or usuals ("8" or "8 and 7.5").
        if below == 0:
            return ngettext(
                "Could we talk about the session on {days}? I rated our connection {ratings} out of 10.",
                "Could we talk about the sessions on {days}? I rated our connection {ratings} out of 10.",
                len(recent),
            ).format(**fields)
        if below == 1:
            # TRANSLATORS: {days} is "9 February and 16 February"; {ratings} "5 and 4"; {usual} the usual rating.
            return ngettext(
                "Could we talk about the session on {days}? I rated our connection {ratings}, lower than my usual"
                " {usual}.",
                "Could we talk about the sessions on {days}? I rated our connection {ratings}, lower than my usual"
                " {usual}.",
                len(recent),
            ).format(**fields, usual=usual)
        # TRANSLATORS: {days} is "9 February and 16 February"; {ratings} "5 and 4"; {usual} "8 and 7.5".
        return _(
            "Could we talk about the sessions on {days}? I rated our connection {ratings}, lower than my usual"
            " at the time ({usual})."
        ).format(**fields, usual=usual)
    if signal.kind == "low_part":
        recent = {e.measure: e for e in signal.evidence}  # each part's most recent: the easiest to talk about
        latest = {part: recent[part] for part in ALLIANCE_PARTS if part in recent}
        names = [measure_name(part).lower() for part in latest]
        if len(latest) == 1:
            [e] = latest.values()
            fields = {"name": names[0], "rating": e.rating, "day": _day(e.on)}
            if _below(e):
                # TRANSLATORS: {name} is a part of the relationship ("trust"); {usual} the client's usual rating.
                return _(
                    "Could we talk about {name}? I rated it {rating} on {day}, lower than my usual {usual}."
                ).format(**fields, usual=number(e.usual or 0))
            # TRANSLATORS: {name} is a part of the relationship ("trust").
            return _("Could we talk about {name}? I rated it {rating} out of 10 on {day}.").format(**fields)
        # TRANSLATORS: {names} lists parts of the relationship ("trust and empathy"); {said} their ratings
        # ("trust 5 on 9 February (my usual 8) and empathy 4 on 16 February").
        return _("Could we talk about {names}? I rated {said}.").format(
            names=and_list(names), said=_rated_each(names, list(latest.values()))
        )
    if signal.kind == "low_own":
        return _own_point(signal)
    if signal.kind == "perfect_run":
        first, last = signal.evidence[0].on, signal.evidence[-1].on
        return ngettext(
            "Could we check whether there is anything small that could be better? I gave every rating full"
            " marks in {count} session in a row, from {first} to {last}.",
            "Could we check whether there is anything small that could be better? I gave every rating full"
            " marks in {count} sessions in a row, from {first} to {last}.",
            signal.count,
        ).format(count=signal.count, first=_day(first), last=_day(last))
    if signal.kind == "uncovered_topic":
        # TRANSLATORS: {topic} is in the client's words; {times} is "twice", "three times"...
        return _("Could we start with “{topic}” next time? I brought it {times} and we did not get to it.").format(
            topic=signal.evidence[-1].text, times=times(signal.count)
        )
    if signal.kind == "stalled_goal":
        step, last = signal.evidence[0], signal.evidence[-1]
        fields = {"goal": step.text, "level": level_words(step.rating or 0), "day": _day(step.on)}
        if last is not step:
            # TRANSLATORS: {goal} is the client's goal, in their words; {level} and {last} progress levels
            # in words ("What I expected"); {day} and {last_day} dates ("9 February").
            return _(
                "Could we look at my goal “{goal}” together? Since {day} I have not rated my progress on it higher"
                " than “{level}”; the last time, on {last_day}, I rated it “{last}”."
            ).format(**fields, last=level_words(last.rating or 0), last_day=_day(last.on))
        # TRANSLATORS: {goal} is the client's goal, in their words; {day} "9 February"; {level} a progress
        # level in words ("What I expected").
        return _(
            "Could we look at my goal “{goal}” together? I haven't rated my progress on it since {day} (“{level}”)."
        ).format(**fields)
    return signal.detail


def _own_point(signal: Signal) -> str:
    """An own thing to rate, in the client's words: "Could we talk about “I felt safe to disagree”? …"."""
    by_item: dict[str, list[Evidence]] = {}
    for e in signal.evidence:
        by_item.setdefault(e.measure, []).append(e)
    names = [evidence_name(found[0]) for found in by_item.values()]
    if len(by_item) == 1:
        recent = tuple(signal.evidence[-3:])
        fields = {"name": names[0], "days": _days(recent), "ratings": _ratings(recent)}
        below, usual = _usuals(recent)
        # TRANSLATORS: {name} is the client's own thing to rate, quoted; {ratings} their ratings ("5 and 4");
        # {days} the sessions' dates ("9 February and 16 February"); {usual} their usual rating, or usuals.
        if below == 0:
            return ngettext(
                "Could we talk about {name}? I rated it {ratings} out of 10 in the session on {days}.",
                "Could we talk about {name}? I rated it {ratings} out of 10 in the sessions on {days}.",
                len(recent),
            ).format(**fields)
        if below == 1:
            # TRANSLATORS: {days} is "9 February and 16 February"; {ratings} "5 and 4"; {usual} the usual rating.
            return ngettext(
                "Could we talk about {name}? I rated it {ratings} in the session on {days}, lower than my usual"
                " {usual}.",
                "Could we talk about {name}? I rated it {ratings} in the sessions on {days}, lower than my usual"
                " {usual}.",
                len(recent),
            ).format(**fields, usual=usual)
        # TRANSLATORS: {days} is "9 February and 16 February"; {ratings} "5 and 4"; {usual} "8 and 7.5".
        return _(
            "Could we talk about {name}? I rated it {ratings} in the sessions on {days}, lower than my usual at"
            " the time ({usual})."
        ).format(**fields, usual=usual)
    latest = [found[-1] for found in by_item.values()]  # each one's most recent: the easiest to talk about
    # TRANSLATORS: {names} lists the client's own things to rate, quoted; {said} their ratings.
    return _("Could we talk about {names}? I rated {said}.").format(
        names=and_list(names), said=_rated_each(names, latest)
    )


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
    # TRANSLATORS: {text} is in the client's words; {times} is "twice", "three times"...
    return text if count < 2 else _("{text} ({times})").format(text=text, times=times(count))


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
        average = number(mean(rated))
        if len(rated) == 1:
            said = _("I rated our connection {average} out of 10 in our session.").format(average=average)
        else:
            said = ngettext(
                "I rated our connection {average} out of 10 on average over {count} session.",
                "I rated our connection {average} out of 10 on average over {count} sessions.",
                len(rated),
            ).format(average=average, count=i18n.number(len(rated)))
        points.append(Point(RATINGS, said, "rating"))
    for text, n in _recurring((r.what_helped for r in reflections), at_least=1)[:3]:
        points.append(Point(HELPED, _with_count(text, n), f"helped:{text}"))
    signals = find_signals(reflections, goals, thresholds, history=history, own_items=own_items)
    asked_topics = [s.evidence[-1].text for s in signals if s.kind == "uncovered_topic"]
    points += [Point(WORTH_TALKING, signal_point(s), f"signal:{s.kind}:{s.title}") for s in signals]
    points += [
        Point(NOT_HELPED, _with_count(text, n), f"not-helped:{text}")
        for text, n in _recurring(r.what_did_not_help for r in reflections)
    ]
    unsaid: dict[str, list[date]] = {}
    for reflection in reflections:
        if reflection.unsaid.strip():
            unsaid.setdefault(" ".join(reflection.unsaid.split()), []).append(reflection.session_date)
    for text, days in list(unsaid.items())[-5:]:
        when = i18n.listed([_day(d) for d in days[-4:]], narrow=True)
        # TRANSLATORS: {text} is in the client's words; {days} the sessions' dates ("9 February, 16 February").
        points.append(Point(UNSAID, _("{text} ({days})").format(text=text, days=when), f"unsaid:{text}"))
    missed = merge_topics(item.topic for r in reflections for item in r.agenda if item.covered is False)
    missed = [topic for topic in missed if not any(same_topic(topic, asked) for asked in asked_topics)]
    points += [Point(NOT_COVERED, topic, f"topic:{topic}") for topic in missed[-5:]]
    if reflections:
        ids = {r.checkin_id for r in reflections}
        questions = [c.questions for c in checkins if c.id in ids]
        points += [Point(QUESTIONS, text, f"question:{text}") for text, _count in _recurring(questions, at_least=1)[:5]]
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
    fields = {"question": own_label(answer.prompt), "day": _day(answer.on), "answer": answer.answer}
    if answer.asked == "before":
        # TRANSLATORS: {question} and {answer} are in the client's words; {day} is "9 February".
        said = _("To my question “{question}”, before our session on {day} I wrote: “{answer}”").format(**fields)
    else:
        # TRANSLATORS: {question} and {answer} are in the client's words; {day} is "9 February".
        said = _("To my question “{question}”, after our session on {day} I wrote: “{answer}”").format(**fields)
    return Point(OWN_ANSWERS, said)


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
    """The note as it will be shared, in the current language: kept points in their sections, in the
    sections' order. Control characters pasted in (an ESC, a NUL) are left out: every format, and the
    chart beside it, can then hold every word (issue 26)."""
    therapist, name, intro, closing = (printable(t) for t in (therapist, name, intro, closing))
    grouped = tuple(
        (_(section), tuple(printable(p.text).strip() for p in points if p.section == section and p.text.strip()))
        for section in SECTIONS
    )
    grouped = tuple((section, tuple(t for t in items if t)) for section, items in grouped)
    return NoteContent(
        # TRANSLATORS: {therapist} is the therapist's name.
        title=_("Feedback for {therapist}").format(therapist=therapist)
        if therapist
        else _("Feedback about our sessions"),
        period=_("About our sessions from {start} to {end}").format(
            start=i18n.long_date(start), end=i18n.long_date(end)
        ),
        intro=intro.strip(),
        sections=tuple((s, items) for s, items in grouped if items),
        closing=closing.strip()
        # TRANSLATORS: {name} is the client's name, signing the note.
        or (
            _("Thank you for reading this. {name}").format(name=name).strip()
            if name
            else _("Thank you for reading this.")
        ),
    )


def has_content(note: NoteContent) -> bool:
    return bool(note.sections or note.intro)


def preview_title(note: FeedbackNote) -> str:
    preview = snippet(note.body, 60)
    if note.shared_on:
        # TRANSLATORS: {date} is "9 February 2026"; {preview} the start of the note.
        return _("Shared {date} · {preview}").format(date=i18n.long_date(note.shared_on), preview=preview)
    # TRANSLATORS: {date} is "9 February 2026"; {preview} the start of the note.
    return _("Not shared yet (written {date}) · {preview}").format(
        date=i18n.long_date(note.created_at.date()), preview=preview
    )
