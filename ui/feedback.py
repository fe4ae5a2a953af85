"""The Feedback page's draft editor: the points worth sharing, to tick and reword, and the client's
own words. The preview, downloads and the notes so far are in `ui.notes`.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from datetime import date

import streamlit as st

import ui
from workbook import i18n, reports
from workbook.feedback import (
    ANSWERS_OFFERED,
    OWN_ANSWERS,
    OWN_WORDS,
    SECTIONS,
    STARTERS,
    NoteContent,
    OwnAnswer,
    Point,
    answer_point,
    build_draft,
    compose,
    has_content,
    own_answers,
)
from workbook.i18n import _, ngettext
from workbook.models import Reflection
from workbook.repository import Repository
from workbook.text import label_safe, snippet

EDITOR = ("feedback_keep_", "feedback_text_", "feedback_answer_", "feedback_own_words")  # the draft's widgets
POINTS = "_feedback_points"  # what the client did with each point: ticked or not, words changed
ROUND = "_feedback_round"  # how many notes this window has kept: the draft's widgets are named afresh after each

EDIT_WORDS = "feedback_edit_words"  # the points' words shown in boxes to change


# A draft point's box: rows of this many characters (the page's width), this tall, within these bounds.
CHARACTERS_PER_ROW, ROW_PX, BOX_PADDING_PX, MIN_BOX, MAX_BOX = 80, 26, 20, 68, 420


def _round() -> str:
    """A part of the draft's widget names that changes each time a note is kept: a browser keeps what a
    tick box or a box showed while its name stays the same, even once the server has forgotten it, so
    a kept note's ticks and words would stay on screen with an empty note under them."""
    kept = st.session_state.get(ROUND, 0)
    return f"{kept}_" if kept else ""


def own_words_key() -> str:
    kept = st.session_state.get(ROUND, 0)
    return f"feedback_own_words_{kept}" if kept else "feedback_own_words"


def start_afresh() -> None:
    """After a note is kept: its ticks and words belong to it, not to the next draft, which starts empty."""
    for prefix in EDITOR:
        ui.forget(prefix)
    st.session_state.pop(POINTS, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def history(repo: Repository, end: date) -> list[Reflection]:
    """Every session up to the period's end, private ones too: the client's usual comes from it, the
    same usual as on every page (workbook.signals). Only numbers come from it, never words."""
    return repo.derived(
        f"feedback-history:{end}",
        lambda: reports.chosen(repo.reflections(), reports.Filters(end=end, include_private=True)),
    )


def _distinct(names: list[str]) -> list[str]:
    """The names, a second and later one alike numbered ("… (2)"), so a screen reader can tell them apart."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _labels(texts: list[str], *, whole: bool = False) -> list[str]:
    """A distinct, readable name for each point: its first words, or all of them."""
    return _distinct([label_safe(text if whole else snippet(text, 50)) or _("an empty point") for text in texts])


def _memory(about: str) -> dict[str, object]:
    """What the client did with a point (`about`: what it is about), kept for this session however
    its sentence changes and whether or not it is drawn: {"ticked": bool, "words": str}."""
    return st.session_state.setdefault(POINTS, {}).setdefault(about, {})


def _words(key: str, offered: str, about: str) -> str:
    """A point's words as the client left them: the words offered, until changed (each change is kept
    by ui.remember and the page's draft keeper, and under what the point is about)."""
    typed = ui.draft(key)
    if isinstance(typed, str):
        return typed
    changed = _memory(about).get("words")
    return changed if isinstance(changed, str) else offered


def _ticked(key: str, about: str) -> None:
    _memory(about)["ticked"] = bool(st.session_state.get(key))


def _changed(key: str, about: str) -> None:
    ui.remember(key)
    _memory(about)["words"] = st.session_state.get(key)


def _point_box(
    label: str, words: str, keys: tuple[str, str], *, tick: str, chosen: bool, about: str, editing: bool = True
) -> str | None:
    """A point of the draft: a tick box (`tick`, translated, with `{point}` for the label: "Keep: …",
    "Share: …") and, while ticked and `editing`, its `words` (`_words`) to change; the words if ticked,
    else None.

    A box is drawn only when its words can be changed (every element costs the browser time on every
    click). Words changed are kept all the same (ui.remember, and the page's draft keeper): ticked
    again, edited again, or the page left and opened again, it shows them, not the words first offered.
    A tick stays as left too (a point the client dropped never comes back ticked)."""
    ticked = _memory(about).get("ticked", chosen)
    if not st.checkbox(
        tick.format(point=label), value=bool(ticked), key=keys[0], on_change=_ticked, args=(keys[0], about)
    ):
        return None
    if not editing:
        return words
    # Its words through `value` (never through Session State, whose first value Streamlit would go
    # back to once the box is no longer drawn).
    return st.text_area(
        # TRANSLATORS: a hidden label, read by screen readers; {point} is the point's first words.
        _("Your words for: {point}").format(point=label),
        value=words,
        key=keys[1],
        label_visibility="collapsed",
        height=_fitting(words),  # all its words show, as changed too
        on_change=_changed,
        args=(keys[1], about),
    )


def _named(items: list[Point] | list[OwnAnswer]) -> list[str]:
    """A name for each point's (or answer's) widgets, from what it says: a tick and changed words stay
    with the same point however the draft around it changes (a new day, a new session, other dates),
    and never pass to another one. Two alike are numbered."""
    seen: dict[object, int] = {}
    names = []
    for item in items:
        seen[item] = seen.get(item, 0) + 1
        names.append(hashlib.sha256(repr((item, seen[item])).encode()).hexdigest()[:12])
    return names


def _width(line: str) -> int:
    """How many Latin letters' room a line takes: a Chinese or Japanese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _about(point: Point) -> str:
    return f"{point.section}:{point.about or point.text}"


def _fitting(text: str) -> int:
    """A box's height in pixels that shows the whole of `text` on a computer's screen: Streamlit's
    height="content" does too, but resizes every box again on every redraw, a tenth of a second on
    a long draft (make bench). The box still scrolls, and can be pulled larger, for more."""
    rows = sum(max(1, math.ceil(_width(line) / CHARACTERS_PER_ROW)) for line in text.splitlines() or [""])
    return min(MAX_BOX, max(MIN_BOX, ROW_PX * rows + BOX_PADDING_PX))


def draft_editor(
    repo: Repository, chosen: list[Reflection], start: date, end: date, include_private: bool
) -> NoteContent | None:
    settings = repo.settings()
    points = repo.derived(
        f"draft:{start}:{end}:{include_private}",
        lambda: build_draft(
            chosen,
            repo.checkins(),
            repo.goals(),
            settings.thresholds,
            history=history(repo, end),
            own_items=settings.own_items,
        ),
    )
    answers = repo.derived(
        f"draft-answers:{start}:{end}:{include_private}",
        lambda: own_answers(chosen, repo.checkins(), settings.own_questions),
    )
    _draft_said(chosen, points)
    kept = _ticked_points(points)
    kept += _chosen_answers(answers)
    st.markdown(f"**{_(OWN_WORDS)}**")
    if box := ui.opened(_("Help with the hard parts: sentence starters"), "feedback_starters_open"):
        with box:
            st.caption(
                _(
                    "Saying “when …, I felt …; I would like …” is easier to hear than a judgement. Pick one to add"
                    " it below."
                )
            )
            for part, starters in STARTERS.items():
                st.markdown(f"*{_(part)}*")
                for m, starter in enumerate(starters):
                    said = _(starter)  # added in the words shown: from then on they are the client's own
                    st.button(said, key=f"feedback_starter_{part}_{m}", on_click=_add_starter, args=(said,))
    own = st.text_area(_("Anything else you want to say (optional)"), key=own_words_key(), height=110)
    if own.strip():
        kept.append(Point(OWN_WORDS, own))
    note = compose(
        kept,
        start=start,
        end=end,
        therapist=next((r.therapist for r in reversed(chosen) if r.therapist), ""),
        name=settings.name,
    )
    if not has_content(note):
        st.info(_("The note is empty for now: tick a point above, or write in your own words, to start it."))
        return None
    return note


def _draft_said(chosen: list[Reflection], points: list[Point]) -> None:
    """What the draft is, above it: nothing yet, nothing that stands out, or how ticking works."""
    if not chosen:
        st.info(
            _(
                "No sessions in this period yet. After your next reflection, a new draft is prepared here from it."
                " You can still write in your own words below."
            )
        )
    elif not points:
        st.info(_("Nothing stands out in these sessions. You can still write in your own words below."))
    else:
        st.caption(
            _(
                "Nothing goes into the note until you tick it: every point starts unticked, so what you wrote"
                " for yourself stays with you unless you choose to share it."
            )
        )


def _ticked_points(points: list[Point]) -> list[Point]:
    """The draft's points under their headings, each with a tick box (unticked until the client ticks
    it); the ticked ones, in the words the client left them, and a line saying what stays out."""
    kept: list[Point] = []
    named = _named(points)
    named = [f"{_round()}{name}" for name in named]
    words = [_words(f"feedback_text_{name}", p.text, _about(p)) for name, p in zip(named, points, strict=True)]
    # The points read as sentences to tick; their words can be changed in boxes, one switch away.
    editing = bool(points) and ui.remembered_toggle(_("Change the words"), EDIT_WORDS)
    labels = _labels([p.text for p in points]) if editing else _labels(words, whole=True)
    for section in SECTIONS:
        mine = [(n, p) for n, p in enumerate(points) if p.section == section]
        if not mine:
            continue
        st.markdown(f"**{_(section)}**")  # the section's name is its key in the note; shown translated
        for n, point in mine:
            keys = (f"feedback_keep_{named[n]}", f"feedback_text_{named[n]}")
            # TRANSLATORS: a tick box sharing a point in the note; {point} is the point's first words.
            text = _point_box(
                labels[n], words[n], keys, tick=_("Share: {point}"), chosen=False, about=_about(point), editing=editing
            )
            if text is not None:
                kept.append(Point(section, text))
    if left := len(points) - len(kept):
        st.caption(
            ngettext(
                "{count} point is not ticked and stays out of the note. Tick it above to add it.",
                "{count} points are not ticked and stay out of the note. Tick any of them above to add it.",
                left,
            ).format(count=i18n.number(left))
        )
    return kept


def _chosen_answers(answers: list[OwnAnswer]) -> list[Point]:
    """Answers to the client's own questions, each with a tick box, unticked: only ticked ones are shared."""
    if not answers:
        return []
    st.markdown(f"**{_(OWN_ANSWERS)}**")
    st.caption(
        _("Your answers stay private unless you tick them: only the answers you tick go into the note.")
        + (
            " "
            + _("The {shown} most recent of {count} are listed; choose shorter dates for earlier ones.").format(
                shown=ANSWERS_OFFERED, count=len(answers)
            )
            if len(answers) > ANSWERS_OFFERED
            else ""
        )
    )
    offered = answers[-ANSWERS_OFFERED:]
    labels = _distinct(  # two sessions on one day: numbered
        [label_safe(_answer_label(a)) for a in offered]
    )
    chosen: list[Point] = []
    for answer, label, name in zip(offered, labels, _named(offered), strict=True):
        keys = (f"feedback_answer_{_round()}{name}", f"feedback_answer_text_{_round()}{name}")
        # TRANSLATORS: a tick box sharing an answer in the note; {point} is the question and its day.
        about = f"answer:{name}"
        words = _words(keys[1], answer_point(answer).text, about)
        text = _point_box(label, words, keys, tick=_("Share: {point}"), chosen=False, about=about)
        if text is not None:
            chosen.append(Point(OWN_ANSWERS, text))
    return chosen


def _answer_label(answer: OwnAnswer) -> str:
    """An answer named by its question's first words and its session's day."""
    # TRANSLATORS: {question} is the client's own question (its first words); {day} a date, "9 February 2026".
    named = _("{question} (before {day})") if answer.asked == "before" else _("{question} (after {day})")
    return named.format(question=snippet(answer.prompt, 50), day=i18n.long_date(answer.on))


def _add_starter(starter: str) -> None:
    key = own_words_key()
    st.session_state[key] = f"{st.session_state.get(key, '')}\n{starter}".strip()
