"""The feedback page's parts: the draft editor, the preview and downloads, and the notes so far.

The page leads from one step to the next: a kept note clears the editor (its words belong to that
note, not to the next draft), and marking a note shared opens its response form at once.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Callable
from datetime import date

import streamlit as st

import ui
from ui import conflict, saving
from ui.state import OPENED
from workbook import i18n, reports, views
from workbook.exports import FORMATS, NoteFormat, as_text, period_chart_png
from workbook.feedback import (
    ANSWERS_OFFERED,
    OWN_ANSWERS,
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
    preview_title,
)
from workbook.i18n import _, ngettext
from workbook.models import FeedbackNote, Reflection
from workbook.repository import Repository
from workbook.text import label_safe, snippet
from workbook.validation import build_entry

EDITOR = ("feedback_keep_", "feedback_text_", "feedback_answer_", "feedback_own_words")  # the draft's widgets
NOTE_OPEN = "feedback_note_open_"  # + a note's id: its box is open
JUST_SHARED = "_feedback_just_shared"  # the note marked shared on the last click, to open its response form
OLDER_NOTES = "feedback_older_notes"  # the older notes are listed too
POINTS = "_feedback_points"  # what the client did with each point: ticked or not, words changed
EDIT_WORDS = "feedback_edit_words"  # the points' words shown in boxes to change
NOTES_SHOWN = 3  # the newest notes, listed at once
NOTES_LISTED = 20  # with the older ones, when asked for (every note is in History)


# A draft point's box: rows of this many characters (the page's width), this tall, within these bounds.
CHARACTERS_PER_ROW, ROW_PX, BOX_PADDING_PX, MIN_BOX, MAX_BOX = 80, 26, 20, 68, 420

ICONS = {"markdown": ":material/description:", "pdf": ":material/picture_as_pdf:", "text": ":material/notes:"}


def _history(repo: Repository, end: date, include_private: bool) -> list[Reflection]:
    """Every session up to the period's end, with the same privacy choice: the client's usual comes from it."""
    return repo.derived(
        f"feedback-history:{end}:{include_private}",
        lambda: reports.chosen(repo.reflections(), reports.Filters(end=end, include_private=include_private)),
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
            history=_history(repo, end, include_private),
            own_items=settings.own_items,
        ),
    )
    answers = repo.derived(
        f"draft-answers:{start}:{end}:{include_private}",
        lambda: own_answers(chosen, repo.checkins(), settings.own_questions),
    )
    if not chosen:
        st.info(
            _(
                "No sessions in this period yet. After your next reflection, a new draft is prepared here from it."
                " You can still write in your own words below."
            )
        )
    elif not points:
        st.info(_("Nothing stands out in these sessions. You can still write in your own words below."))
    kept: list[Point] = []
    named = _named(points)
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
            # TRANSLATORS: a tick box keeping a point in the note; {point} is the point's first words.
            text = _point_box(
                labels[n], words[n], keys, tick=_("Keep: {point}"), chosen=True, about=_about(point), editing=editing
            )
            if text is not None:
                kept.append(Point(section, text))
    kept += _chosen_answers(answers)
    st.markdown(_("**In your own words**"))
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
    own = st.text_area(_("Anything else you want to say (optional)"), key="feedback_own_words", height=110)
    if own.strip():
        kept.append(Point(SECTIONS[1], own))
    note = compose(
        kept,
        start=start,
        end=end,
        therapist=next((r.therapist for r in reversed(chosen) if r.therapist), ""),
        name=settings.name,
    )
    return note if has_content(note) else None


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
        keys = (f"feedback_answer_{name}", f"feedback_answer_text_{name}")
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
    current = st.session_state.get("feedback_own_words", "")
    st.session_state["feedback_own_words"] = f"{current}\n{starter}".strip()


def note_downloads(
    repo: Repository, note: NoteContent, chosen: list[Reflection], start: date, end: date, include_private: bool
) -> None:
    st.subheader(_("Exactly what will be shared"))
    with st.container(border=True):
        ui.words(as_text(note))
    with_chart = st.checkbox(_("Add the connection chart to the PDF"), value=True, key="feedback_chart")

    def rendered(form: NoteFormat) -> Callable[[], bytes]:
        def render() -> bytes:  # built only when its button is pressed
            image = None
            if form.with_chart and with_chart:
                history = _history(repo, end, include_private)
                image = period_chart_png(chosen, history, repo.feedback_notes(), repo.settings().thresholds, start, end)
            return form.render(note, chart_png=image)

        return render

    name = f"feedback-{end:%Y-%m-%d}"
    with st.container(horizontal=True):
        for form in FORMATS.values():  # every format in the registry gets its button
            st.download_button(
                # TRANSLATORS: {format} is a file format: "Markdown", "PDF", "plain text".
                _("Download the note ({format})").format(format=_(form.label)),
                data=rendered(form),
                file_name=f"{name}.{form.extension}",
                mime=form.mime,
                key=f"feedback_download_{form.key}",
                on_click="ignore",
                icon=ICONS.get(form.key, ":material/download:"),
            )
    if st.button(_("Keep this note in my workbook"), key="feedback_save", type="primary"):
        therapist = next((r.therapist for r in reversed(chosen) if r.therapist), "")
        body = as_text(note)
        if any(n.body == body and (n.period_start, n.period_end) == (start, end) for n in repo.feedback_notes()):
            st.info(_("This note is already in your workbook, below: it is kept once."), icon=":material/check_circle:")
            return

        def keep() -> FeedbackNote:
            fields = dict(period_start=start, period_end=end, therapist=therapist, body=body)
            return repo.save(build_entry(FeedbackNote, **fields, includes_private=include_private))

        def fresh_editor(_kept: FeedbackNote) -> None:
            for prefix in EDITOR:  # these words now belong to the kept note, not to the next draft
                ui.forget(prefix)
            st.session_state.pop(POINTS, None)

        saving.act(keep, _("Note kept. When you have shared it, mark it as shared below."), after=fresh_editor)


def shared_notes(repo: Repository) -> None:
    notes = repo.feedback_notes()
    if not notes:
        return
    st.subheader(_("Your notes"))
    st.caption(_("Mark a note as shared once you have given it to your therapist, then note how they responded."))
    effect = repo.derived("feedback-effect", lambda: views.feedback_effect(repo.reflections(), notes))
    just_shared = st.session_state.pop(JUST_SHARED, None)
    # The newest notes, and any note still to be shared (or just marked shared), are listed at once; the
    # older ones below them only when asked for: each box drawn costs the browser time on every click.
    recent, newest = notes[-NOTES_LISTED:], {n.id for n in notes[-NOTES_SHOWN:]}
    at_once = [n for n in notes if n.id in newest or n.shared_on is None or n.id == just_shared]
    for note in reversed(at_once):
        _listed(repo, note, note is notes[-1], effect, just_shared)
    older = [n for n in recent if n not in at_once]
    if older and st.toggle(
        ngettext("Show {count} older note", "Show {count} older notes", len(older)).format(
            count=i18n.number(len(older))
        ),
        key=OLDER_NOTES,
    ):
        for note in reversed(older):
            _listed(repo, note, False, effect, just_shared)


def _listed(
    repo: Repository, note: FeedbackNote, newest: bool, effect: reports.pd.DataFrame, just_shared: str | None
) -> None:
    """A note in the list: its box, open where the next step is (the newest note until it is shared
    and its response noted, and the note just marked shared, whichever it is)."""
    waiting = newest and not (note.shared_on and (note.response or note.agreed_changes))
    key = f"{NOTE_OPEN}{note.id}"
    if note.id == just_shared:
        st.session_state[f"{OPENED}{key}"] = True  # its response form opens
    box = ui.opened(label_safe(preview_title(note)), key, expanded=waiting)  # drawn only when open
    if box is None:
        return
    with box:
        ui.words(note.body)
        if note.shared_on is None:
            _mark_shared(repo, note)
            return
        if note.id == just_shared:
            st.success(
                _(
                    "Marked as shared on {day}; it now shows on your charts. When you"
                    " know how your therapist responded, note it here."
                ).format(day=i18n.long_date(note.shared_on)),
                icon=":material/check_circle:",
            )
        day = reports.pd.Timestamp(note.shared_on)
        if day in effect.index:
            row = effect.loc[day]
            st.caption(
                # TRANSLATORS: {before} and {after} are averages 0 to 10 ("7.5"); the counts are sessions.
                _(
                    "Average connection before: {before} (sessions: {count_before}); after: {after}"
                    " (sessions: {count_after})."
                ).format(
                    count_before=row["sessions_before"],
                    before=i18n.number(round(float(row["before"]), 1), 1),  # rounded as "{:.1f}" rounds
                    count_after=row["sessions_after"],
                    after=i18n.number(round(float(row["after"]), 1), 1),  # rounded as "{:.1f}" rounds
                )
            )
        _response(repo, note)


def _mark_shared(repo: Repository, note: FeedbackNote) -> None:
    with st.form(f"feedback_shared_{note.id}", border=False):
        on = st.date_input(
            _("Shared on"), value=date.today(), max_value=date(2200, 12, 31), key=f"feedback_shared_on_{note.id}"
        )
        if st.form_submit_button(_("Mark as shared"), key=f"feedback_shared_{note.id}_go"):

            def opened(_marked: FeedbackNote) -> None:
                st.session_state[JUST_SHARED] = note.id  # its response form opens, with a confirmation
                for prefix in ("feedback_period", "feedback_dates"):  # the next draft starts after this note
                    ui.forget(prefix)

            # Applied to the note as it is now: another window's words in its other fields are kept.
            marked = {"shared_on": on}
            saving.act(
                lambda: repo.update(
                    FeedbackNote, note.id, lambda now: build_entry(FeedbackNote, **(now.model_dump() | marked))
                ),
                None,
                after=opened,
            )


def _response(repo: Repository, note: FeedbackNote) -> None:
    """The therapist's response: an edit like any other, so a stale tab never writes over newer words."""
    prefix = f"feedback_note_{note.id[:8]}"
    form = f"{prefix}_form"
    base: FeedbackNote = conflict.start(prefix, note)  # type: ignore[assignment]
    ui.default(f"{prefix}_response", base.response)
    ui.default(f"{prefix}_agreed", base.agreed_changes)

    saved = saving.finisher(form, prefix, _("Saved."), None, here=False)
    with st.form(form, border=False):
        st.text_area(_("How did your therapist respond?"), key=f"{prefix}_response")
        st.text_area(_("What did you agree to change?"), key=f"{prefix}_agreed")
        submitted = st.form_submit_button(_("Save"), key=f"{form}_go")
    choice = conflict.box(form, prefix, lambda newer: ui.words(newer.response))
    if submitted or choice == "apply":
        changes = {
            "response": st.session_state[f"{prefix}_response"],
            "agreed_changes": st.session_state[f"{prefix}_agreed"],
        }
        conflict.attempt(repo, form, base.model_copy(update=changes), base, saved, on_top=choice == "apply")
