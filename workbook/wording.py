"""The words the app uses: the alliance in our own plain wording (not any published scale's), and
signals as the pages say them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .text import ladder, snippet

if TYPE_CHECKING:  # wording is imported by signals, never the other way round at run time
    from .signals import Evidence, Signal

PARTS: dict[str, tuple[str, str]] = {
    # part: (name, what a 10 feels like)
    "trust": ("Trust", "I felt safe to say what was really on my mind."),
    "empathy": ("Empathy", "I felt heard and understood."),
    "collaboration": ("Collaboration", "We worked on this together, and I had a say."),
    "communication": ("Communication", "We understood each other, and I could raise what I needed."),
    "shared_goals": ("Shared goals", "We agreed on what we are working towards."),
}
OVERALL = ("Overall connection", "Taking everything together, I felt connected to my therapist.")

# The client's own things to rate (Settings.own_items) are measured like the parts: as a column of the
# sessions frame and as a signal's measure, each named "own_" and the item's id (a label can change;
# the id does not, and a label could be "date" or "Trust").
OWN = "own_"
# Characters that reorder the text around them (bidi embeddings, overrides, isolates, marks): a label
# holding one could turn "“…” 5/10 on 3 March" around it. Right-to-left words themselves are kept.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def own_measure(item_id: str) -> str:
    return OWN + item_id


def own_label(label: str, length: int | None = None) -> str:
    """An own thing to rate as the app names it: one line, no reordering characters, optionally shortened."""
    flat = " ".join(_BIDI_CONTROLS.sub("", label).split()) or "…"
    return flat if length is None else snippet(flat, length)


ALLIANCE_INTRO = (
    "The working relationship between you and your therapist (the alliance) is one of the strongest"
    " signs of how well therapy will go. It has five parts you can feel: trust (it is safe to say what"
    " is really on your mind), empathy (you feel heard and understood), collaboration (you work on"
    " things together and you have a say), communication (you understand each other and can raise what"
    " you need) and shared goals (you agree on what you are working towards). Noticing how each part"
    " feels, and saying so, helps therapy work better."
)

PRIVACY = "Private: everything stays on this computer. Nothing is sent anywhere."

NOT_A_CRISIS_SERVICE = (
    "This workbook is not a crisis service and nobody reads it. If you are in danger or might hurt"
    " yourself, contact emergency services or a crisis line now."
)

LADDER = {
    -2: "Much less than expected",
    -1: "Less than expected",
    0: "What I expected",
    1: "More than expected",
    2: "Much more than expected",
}

STATUS = {"active": "Active", "achieved": "Achieved", "paused": "Paused", "let_go": "Let go"}
TREND = {"better": "Better", "same": "About the same", "worse": "Worse"}


# --- Signals, as the pages say them --------------------------------------------------------------
# A signal says what was measured (a rating, a date, the client's usual), never a feeling the client
# did not write. The feedback note asks its own questions from the same data (workbook.feedback).

SIGNAL_TITLES = {
    "drop": "Overall connection lower than your usual",
    "perfect_run": "Full marks, session after session",
    "uncovered_topic": "A topic that keeps not getting covered",
    "stalled_goal": "A goal that has not moved for a while",
}
TITLE_LABEL = 60  # an own thing to rate, in a signal's title: the detail has it whole
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_EVIDENCE = {
    "every_rating": "Every rating",
    "topic": "Brought, not covered",
    "goal_set": "Goal set",
    "goal_step": "Last step forward",
    "progress": "Progress",
}


def number(value: float) -> str:
    """8.0 → '8', 8.5 → '8.5': a usual as a person would say it."""
    return f"{round(value, 1):g}"


def times(count: int) -> str:
    """1 → 'once', 2 → 'twice', 3 → 'three times', 12 → '12 times'."""
    if count == 1:
        return "once"
    if count == 2:
        return "twice"
    return f"{_NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else count} times"


def and_list(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def measure_name(measure: str) -> str:
    return OVERALL[0] if measure == "overall" else PARTS[measure][0]


def evidence_name(evidence: Evidence, length: int | None = None) -> str:
    """What was rated: "Trust", or an own thing in the client's words, quoted: “I felt safe to disagree”."""
    if evidence.measure.startswith(OWN):
        return f"“{own_label(evidence.text, length)}”"
    return measure_name(evidence.measure)


def evidence_what(evidence: Evidence) -> str:
    if evidence.measure in _EVIDENCE:
        return _EVIDENCE[evidence.measure]
    name = evidence_name(evidence)
    return name if evidence.usual is None else f"{name} (your usual {number(evidence.usual)})"


def evidence_value(evidence: Evidence) -> str:
    if evidence.measure == "progress" and evidence.rating is not None:
        return ladder(evidence.rating)
    return f"{evidence.rating}/10" if evidence.rating is not None else evidence.text


def measured(evidence: Evidence) -> str:
    """'Trust 6/10 on 3 March 2026, lower than your usual 8.5.' ('“I felt safe to disagree” 5/10 on …')"""
    said = f"{evidence_name(evidence)} {evidence.rating}/10 on {evidence.on:%-d %B %Y}"
    if evidence.usual is not None and evidence.rating is not None and evidence.rating < evidence.usual:
        return f"{said}, lower than your usual {number(evidence.usual)}."
    return f"{said}."


def signal_title(signal: Signal) -> str:
    if signal.kind == "low_overall":
        return f"Overall connection of {signal.thresholds.low_level} or below"
    if signal.kind == "low_part":
        measures = {e.measure for e in signal.evidence}
        names = [PARTS[part][0].lower() for part in PARTS if part in measures]
        return f"{'A lower rating' if signal.count == 1 else 'Lower ratings'} for {and_list(names)}"
    if signal.kind == "low_own":  # in the order first seen; each shortened, so the title stays a title
        names = list({e.measure: evidence_name(e, TITLE_LABEL) for e in signal.evidence}.values())
        return f"{'A lower rating' if signal.count == 1 else 'Lower ratings'} for {and_list(names)}"
    return SIGNAL_TITLES[signal.kind]


def signal_detail(signal: Signal) -> str:
    t, evidence = signal.thresholds, signal.evidence
    if signal.kind in ("drop", "low_overall", "low_part", "low_own"):
        lines = [measured(e) for e in evidence[-3:]]
        if signal.count > len(lines):
            lines.append(f"And {signal.count - len(lines)} more; the evidence lists the most recent.")
        rule = (
            f"Your usual is the middle of your ratings in up to {t.USUAL_WINDOW} sessions before. A rating"
            f" {t.below_usual} or more below it, or {t.low_level} or below whatever your usual, is shown here"
            " (you can change both in Settings). If something was different in a session, it may help to talk"
            " about it."
        )
        return "\n".join([*lines, rule])
    if signal.kind == "perfect_run":
        return (
            f"You gave every part 10/10 in {signal.count} sessions in a row. That may be exactly right."
            " Sometimes, though, it can feel hard to say anything critical: is there anything small you"
            " would change?"
        )
    if signal.kind == "uncovered_topic":
        return (
            f"You brought “{evidence[-1].text}” {times(signal.count)} without getting to it. It may help to"
            " ask to start with it next time, or to say that it matters to you."
        )
    if signal.kind == "stalled_goal":
        return (
            f"“{evidence[0].text}” has not moved forward in {signal.count} sessions. Is it still the right goal,"
            " and do you and your therapist see it the same way?"
        )
    return SIGNAL_TITLES.get(signal.kind, "")
