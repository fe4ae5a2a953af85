"""The Feedback page's notes: the preview and downloads of the note being prepared, keeping it, and
the notes so far (marking one shared, the therapist's response).

A kept note clears the draft editor (its words belong to that note, not to the next draft) and comes
first in the list, open, ready to mark shared; marking a note shared opens its response form at once.
A note listed at once stays listed at once for the rest of the visit: marked shared, it would otherwise
move behind "Show older notes" between the click that opened its response form and the click on Save,
and a form not drawn in the run its Save arrives in saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

import ui
from ui import conflict, saving
from ui.feedback import history, start_afresh
from ui.state import OPENED
from workbook import i18n, reports, views
from workbook.exports import FORMATS, NoteFormat, as_text, file_stem, period_chart_png
from workbook.feedback import NoteContent, preview_title
from workbook.i18n import _, ngettext
from workbook.models import FeedbackNote, Reflection
from workbook.repository import Repository
from workbook.text import label_safe
from workbook.validation import build_entry

NOTE_OPEN = "feedback_note_open_"  # + a note's id: its box is open
JUST_SHARED = "_feedback_just_shared"  # the note marked shared on the last click, to open its response form
JUST_KEPT = "_feedback_just_kept"  # the note this window kept last: listed first
LISTED = "_feedback_listed"  # the ids of the notes this window has listed at once: they stay listed at once
OLDER_NOTES = "feedback_older_notes"  # the older notes are listed too
NOTES_SHOWN = 3  # the newest notes, listed at once
NOTES_LISTED = 20  # with the older ones, when asked for (every note is in History)

ICONS = {"markdown": ":material/description:", "pdf": ":material/picture_as_pdf:", "text": ":material/notes:"}


def note_downloads(
    repo: Repository, note: NoteContent, chosen: list[Reflection], start: date, end: date, include_private: bool
) -> None:
    st.subheader(_("Exactly what will be shared"))
    with st.container(border=True):
        ui.words(as_text(note))
    # Off until ticked: the chart shows every session's rating, which the client may not mean to share.
    with_chart = st.checkbox(_("Add the connection chart to the PDF"), value=False, key="feedback_chart")
    if with_chart:
        st.caption(
            _(
                "The PDF will also hold a chart of how you rated your overall connection in each of these"
                " sessions, and the days you shared feedback."
            )
        )

    def rendered(form: NoteFormat) -> Callable[[], bytes]:
        def render() -> bytes:  # built only when its button is pressed
            image = None
            if form.with_chart and with_chart:
                before = history(repo, end)
                image = period_chart_png(chosen, before, repo.feedback_notes(), repo.settings().thresholds, start, end)
            return form.render(note, chart_png=image)

        return render

    name = file_stem(end)  # in the client's language: "comentarios-2026-02-09"
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

        def fresh_editor(kept: FeedbackNote) -> None:
            start_afresh()  # these ticks and words now belong to the kept note, not to the next draft
            st.session_state[JUST_KEPT] = kept.id  # first in the list, open, ready to mark shared
            for other in repo.feedback_notes():  # and every other note folded, so its "Mark as shared" is not taken
                st.session_state[f"{OPENED}{NOTE_OPEN}{other.id}"] = other.id == kept.id

        saving.act(keep, _("Note kept. When you have shared it, mark it as shared below."), after=fresh_editor)


def shared_notes(repo: Repository) -> None:
    notes = repo.feedback_notes()
    if not notes:
        return
    st.subheader(_("Your notes"))
    st.caption(_("Mark a note as shared once you have given it to your therapist, then note how they responded."))
    effect = repo.derived("feedback-effect", lambda: views.feedback_effect(repo.reflections(), notes))
    just_shared = st.session_state.pop(JUST_SHARED, None)
    # The newest notes, and any note still to be shared, are listed at once, newest first (the one just
    # kept here before them); the older ones below them only when asked for: each box drawn costs the
    # browser time on every click. Once listed at once, a note stays so (see the module's docstring).
    listed: set[str] = st.session_state.setdefault(LISTED, set())
    recent, newest = notes[-NOTES_LISTED:], {n.id for n in notes[-NOTES_SHOWN:]}
    at_once = [n for n in notes if n.id in newest or n.shared_on is None or n.id in listed]
    listed.update(n.id for n in at_once)
    kept = st.session_state.get(JUST_KEPT)
    for note in sorted(reversed(at_once), key=lambda n: n.id != kept):
        _listed(repo, note, note is notes[-1], effect, just_shared)
    older = [n for n in recent if n.id not in listed]
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

    saved = saving.finisher(form, prefix, _("Saved."), None, here=True)  # said at its button; the box stays open
    with st.form(form, border=False):
        st.text_area(_("How did your therapist respond?"), key=f"{prefix}_response")
        st.text_area(_("What did you agree to change?"), key=f"{prefix}_agreed")
        submitted = st.form_submit_button(_("Save"), key=f"{form}_go")
    # Right under Save (a form holds no other buttons): "Saved.", or a clash with another window's words.
    choice = saving.at_the_button(form, prefix, "feedback note", lambda newer: ui.words(newer.response))
    if submitted or choice == "apply":
        changes = {
            "response": st.session_state[f"{prefix}_response"],
            "agreed_changes": st.session_state[f"{prefix}_agreed"],
        }
        conflict.attempt(repo, form, base.model_copy(update=changes), base, saved, on_top=choice == "apply")
