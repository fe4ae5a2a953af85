"""The words the app uses: the alliance in our own plain wording (not any published scale's), and
signals as the pages say them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import i18n
from .i18n import N_, _, ngettext
from .text import snippet

if TYPE_CHECKING:  # wording is imported by signals, never the other way round at run time
    from .signals import Evidence, Signal

# Words defined here at import time are marked with N_() and translated with _() where they are shown.
PARTS: dict[str, tuple[str, str]] = {
    # part: (name, what a 10 feels like)
    "trust": (N_("Trust"), N_("I felt safe to say what was really on my mind.")),
    "empathy": (N_("Empathy"), N_("I felt heard and understood.")),
    "collaboration": (N_("Collaboration"), N_("We worked on this together, and I had a say.")),
    "communication": (N_("Communication"), N_("We understood each other, and I could raise what I needed.")),
    "shared_goals": (N_("Shared goals"), N_("We agreed on what we are working towards.")),
}
OVERALL = (N_("Overall connection"), N_("Taking everything together, I felt connected to my therapist."))

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


ALLIANCE_INTRO = N_(
    "The working relationship between you and your therapist (the alliance) is one of the strongest"
    " signs of how well therapy will go. It has five parts you can feel: trust (it is safe to say what"
    " is really on your mind), empathy (you feel heard and understood), collaboration (you work on"
    " things together and you have a say), communication (you understand each other and can raise what"
    " you need) and shared goals (you agree on what you are working towards). Noticing how each part"
    " feels, and saying so, helps therapy work better."
)

PRIVACY = N_("Private: everything stays on this computer. Nothing is sent anywhere.")

NOT_A_CRISIS_SERVICE = N_(
    "This workbook is not a crisis service and nobody reads it. If you are in danger or might hurt"
    " yourself, contact emergency services or a crisis line now."
)

LADDER = {
    -2: N_("Much less than expected"),
    -1: N_("Less than expected"),
    0: N_("What I expected"),
    1: N_("More than expected"),
    2: N_("Much more than expected"),
}

# A goal's status (the keys are stored in the workbook)
STATUS = {"active": N_("Active"), "achieved": N_("Achieved"), "paused": N_("Paused"), "let_go": N_("Let go")}
# How the client has been, compared with last time (the keys are stored in the workbook)
TREND = {"better": N_("Better"), "same": N_("About the same"), "worse": N_("Worse")}


# --- Signals, as the pages say them --------------------------------------------------------------
# A signal says what was measured (a rating, a date, the client's usual), never a feeling the client
# did not write. The feedback note asks its own questions from the same data (workbook.feedback).

SIGNAL_TITLES = {
    "drop": N_("Overall connection lower than your usual"),
    "perfect_run": N_("Full marks, session after session"),
    "uncovered_topic": N_("A topic that keeps not getting covered"),
    # A goal's title says what was recorded: rated, and not higher since; or not rated since.
    "stalled_goal": N_("A goal you have not rated higher for a while"),
    "unrated_goal": N_("A goal you have not rated for a while"),
}
TITLE_LABEL = 60  # an own thing to rate, in a signal's title: the detail has it whole
# How many times something happened, in words: "You brought “Mum” three times without getting to it."
_TIMES = (
    N_("no times"),
    N_("once"),
    N_("twice"),
    N_("three times"),
    N_("four times"),
    N_("five times"),
    N_("six times"),
    N_("seven times"),
    N_("eight times"),
    N_("nine times"),
    N_("ten times"),
)
# What a piece of a signal's evidence is (the keys are evidence measures, data)
_EVIDENCE = {
    "every_rating": N_("Every rating"),
    "topic": N_("Brought, not covered"),
    "goal_step": N_("Highest progress you rated"),
    "progress": N_("Progress"),
}


def level_words(level: int) -> str:
    """A goal-ladder level in words, as the client chose it: "What I expected"."""
    return _(LADDER[level])


def number(value: float) -> str:
    """8.0 → '8', 8.5 → '8.5': a usual as a person would say it (in the language's own way: '8,5')."""
    rounded = round(value, 1)
    return i18n.number(rounded, 0 if rounded == int(rounded) else 1)


def times(count: int) -> str:
    """1 → 'once', 2 → 'twice', 3 → 'three times', 12 → '12 times'."""
    if 0 <= count < len(_TIMES):
        return _(_TIMES[count])
    return ngettext("{count} time", "{count} times", count).format(count=i18n.number(count))


def and_list(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b and c' (as the language lists things: 'a, b y c')."""
    return i18n.listed(items)


def measure_name(measure: str) -> str:
    """The overall connection or a part, named in the current language."""
    return _(OVERALL[0]) if measure == "overall" else _(PARTS[measure][0])


def evidence_name(evidence: Evidence, length: int | None = None) -> str:
    """What was rated: "Trust", or an own thing in the client's words, quoted: “I felt safe to disagree”."""
    if evidence.measure.startswith(OWN):
        # TRANSLATORS: one of the client's own things to rate, in their words, quoted.
        return _("“{label}”").format(label=own_label(evidence.text, length))
    return measure_name(evidence.measure)


def evidence_what(evidence: Evidence) -> str:
    if evidence.measure in _EVIDENCE:
        return _(_EVIDENCE[evidence.measure])
    name = evidence_name(evidence)
    if evidence.usual is None:
        return name
    # TRANSLATORS: {name} is what was rated ("Trust"); {usual} the client's usual rating of it ("8.5").
    return _("{name} (your usual {usual})").format(name=name, usual=number(evidence.usual))


def evidence_value(evidence: Evidence) -> str:
    if evidence.measure in ("progress", "goal_step") and evidence.rating is not None:
        return level_words(evidence.rating)
    if evidence.rating is None:
        return evidence.text
    # TRANSLATORS: a rating out of 10, as in "6/10".
    return _("{rating}/10").format(rating=evidence.rating)


def measured(evidence: Evidence) -> str:
    """'Trust 6/10 on 3 March 2026, lower than your usual 8.5.' ('“I felt safe to disagree” 5/10 on …')"""
    fields = {"name": evidence_name(evidence), "rating": evidence.rating, "day": i18n.long_date(evidence.on)}
    if evidence.usual is not None and evidence.rating is not None and evidence.rating < evidence.usual:
        # TRANSLATORS: {name} is what was rated ("Trust"), {day} a date ("3 March 2026"), {usual} the
        # client's usual rating ("8.5").
        return _("{name} {rating}/10 on {day}, lower than your usual {usual}.").format(
            **fields, usual=number(evidence.usual)
        )
    # TRANSLATORS: {name} is what was rated ("Trust"), {day} a date ("3 March 2026").
    return _("{name} {rating}/10 on {day}.").format(**fields)


def signal_title(signal: Signal) -> str:
    if signal.kind == "low_overall":
        return _("Overall connection of {level} or below").format(level=signal.thresholds.low_level)
    if signal.kind in ("low_part", "low_own"):
        if signal.kind == "low_part":
            measures = {e.measure for e in signal.evidence}
            names = [_(PARTS[part][0]).lower() for part in PARTS if part in measures]
        else:  # in the order first seen; each shortened, so the title stays a title
            names = list({e.measure: evidence_name(e, TITLE_LABEL) for e in signal.evidence}.values())
        if signal.count == 1:
            # TRANSLATORS: {names} lists what was rated lower: "trust and empathy".
            return _("A lower rating for {names}").format(names=and_list(names))
        # TRANSLATORS: {names} lists what was rated lower: "trust and empathy".
        return _("Lower ratings for {names}").format(names=and_list(names))
    if signal.kind == "stalled_goal" and len(signal.evidence) == 1:  # no rating since its highest
        unrated = SIGNAL_TITLES["unrated_goal"]
        return _(unrated)
    return _(SIGNAL_TITLES[signal.kind])


RATED = ("drop", "low_overall", "low_part", "low_own")  # signals about ratings, measured against the usual


def signals_rule(signals: list[Signal]) -> str:
    """How ratings are measured, said once where rating signals are listed; "" when none is."""
    rated = [s for s in signals if s.kind in RATED]
    if not rated:
        return ""
    t = rated[0].thresholds
    return _(
        "Your usual is the middle of your ratings in up to {window} sessions before. A rating"
        " {below} or more below it, or {low} or below whatever your usual, is shown here"
        " (you can change both in Settings). If something was different in a session, it may help to talk"
        " about it."
    ).format(window=t.USUAL_WINDOW, below=t.below_usual, low=t.low_level)


def signal_detail(signal: Signal) -> str:
    evidence = signal.evidence
    if signal.kind in RATED:
        lines = [measured(e) for e in evidence[-3:]]
        if signal.count > len(lines):
            more = signal.count - len(lines)
            lines.append(
                ngettext(
                    "And {count} more; the evidence lists the most recent.",
                    "And {count} more; the evidence lists the most recent.",
                    more,
                ).format(count=i18n.number(more))
            )
        return "\n".join(lines)
    if signal.kind == "perfect_run":
        return ngettext(
            "You gave every part 10/10 in {count} session in a row. That may be exactly right."
            " Sometimes, though, it can feel hard to say anything critical: is there anything small you"
            " would change?",
            "You gave every part 10/10 in {count} sessions in a row. That may be exactly right."
            " Sometimes, though, it can feel hard to say anything critical: is there anything small you"
            " would change?",
            signal.count,
        ).format(count=signal.count)
    if signal.kind == "uncovered_topic":
        # TRANSLATORS: {topic} is in the client's words; {times} is "twice", "three times"...
        return _(
            "You brought “{topic}” {times} without getting to it. It may help to"
            " ask to start with it next time, or to say that it matters to you."
        ).format(topic=evidence[-1].text, times=times(signal.count))
    if signal.kind == "stalled_goal":
        step, last = evidence[0], evidence[-1]
        fields = {"goal": step.text, "level": level_words(step.rating or 0), "day": i18n.long_date(step.on)}
        fields |= {"count": i18n.number(signal.count), "last": level_words(last.rating or 0)}
        if last is not step:
            # TRANSLATORS: {goal} is the client's goal, in their words; {level} and {last} are progress
            # levels in words ("What I expected"); {day} and {last_day} dates ("3 March 2026"); {count}
            # how many sessions there have been since {day}.
            said = ngettext(
                "Since {day} ({count} session), you have not rated your progress on “{goal}” higher than"
                " “{level}”; the last time, on {last_day}, you rated it “{last}”.",
                "Since {day} ({count} sessions), you have not rated your progress on “{goal}” higher than"
                " “{level}”; the last time, on {last_day}, you rated it “{last}”.",
                signal.count,
            ).format(**fields, last_day=i18n.long_date(last.on))
        else:
            # TRANSLATORS: {goal} is the client's goal, in their words; {level} a progress level in words
            # ("What I expected"); {day} "3 March 2026"; {count} how many sessions there have been since.
            said = ngettext(
                "You last rated your progress on “{goal}” on {day} (“{level}”), {count} session ago.",
                "You last rated your progress on “{goal}” on {day} (“{level}”), {count} sessions ago.",
                signal.count,
            ).format(**fields)
        question = _("Is it still the right goal, and do you and your therapist see it the same way?")
        return f"{said} {question}"
    return _(SIGNAL_TITLES[signal.kind]) if signal.kind in SIGNAL_TITLES else ""
