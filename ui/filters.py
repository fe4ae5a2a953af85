"""A box choosing dates and a therapist, as Over time and History show it.

The two fields are drawn only while the box is open: a date picker and a list cost the browser time on
every visit (issue 15). What was chosen stays in effect, and in the box's label, when the box is closed
or the page is left. A therapist no longer in any entry is no longer chosen.

Its keys, by the page's `name`: `{name}_filters` (the box), `{name}_dates` and `{name}_therapist` (the
fields, with a suffix once started afresh), `{name}_every` (the button back to everything),
`_{name}_chosen` (what they hold, kept while they are not drawn) and `_{name}_fresh` (how many times
the fields were started afresh).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui.render import is_open, opened
from workbook import i18n
from workbook.i18n import _
from workbook.text import label_safe

Chosen = tuple[date | None, date | None, str]  # the first day, the last, and the therapist ("": anyone)


def dates_and_therapist(name: str, therapists: list[str], *, entries: bool = False) -> Chosen:
    """The dates and therapist chosen, with the box that chooses them; its label says what is shown:
    sessions, or with `entries`, entries of every kind."""
    span, therapist = st.session_state.get(f"_{name}_chosen", ((), ""))
    if therapist not in therapists:
        therapist = ""
    # Starting afresh gives the two fields new keys: a browser keeps what a field showed when only the
    # server forgets it.
    fresh = st.session_state.get(f"_{name}_fresh", 0)
    suffix = f"_{fresh}" if fresh else ""
    dates_key, therapist_key = f"{name}_dates{suffix}", f"{name}_therapist{suffix}"

    def keep_chosen() -> None:
        st.session_state[f"_{name}_chosen"] = (
            tuple(st.session_state.get(dates_key) or ()),
            st.session_state.get(therapist_key) or "",
        )

    def everything() -> None:
        st.session_state[f"_{name}_chosen"] = ((), "")
        st.session_state[f"_{name}_fresh"] = fresh + 1

    # While open, its label stays put: a new label is a new box to Streamlit, which would close a date
    # picker between the first and the last day of a range.
    box_key = f"{name}_filters"
    label = _("Choose dates or a therapist") if is_open(box_key) else _said(_chosen(span, therapist), entries)
    if box := opened(label, box_key, icon=":material/filter_list:"):
        with box:
            left, right = st.columns([3, 2])
            span = left.date_input(
                _("Between"),
                value=span,
                key=dates_key,
                format="YYYY-MM-DD",
                max_value=date.today(),
                on_change=keep_chosen,
            )
            names = ["", *therapists]
            therapist = right.selectbox(
                _("Therapist"),
                names,
                index=names.index(therapist) if therapist in names else 0,
                format_func=lambda t: t or _("Anyone"),
                key=therapist_key,
                on_change=keep_chosen,
            )
            if span or therapist:
                every = _("Show every entry") if entries else _("Show every session")
                st.button(every, key=f"{name}_every", on_click=everything, icon=":material/filter_list_off:")
    return _chosen(tuple(span or ()), therapist)


def _chosen(span: tuple[date, ...], therapist: str) -> Chosen:
    start, end = (*span, None, None)[:2]
    return start, end or start, therapist


def _said(chosen: Chosen, entries: bool) -> str:
    """What is shown, in a few words (the label of the closed box)."""
    start, end, therapist = chosen
    who = label_safe(therapist)
    if start is None:
        if who and entries:
            # TRANSLATORS: {therapist} is the therapist's name, as the client wrote it.
            return _("Showing entries with {therapist}").format(therapist=who)
        if who:
            # TRANSLATORS: {therapist} is the therapist's name, as the client wrote it.
            return _("Showing sessions with {therapist}").format(therapist=who)
        if entries:
            return _("Showing every entry: choose dates or a therapist")
        return _("Showing every session: choose dates or a therapist")
    first, last = i18n.long_date(start), i18n.long_date(end or start)
    if first == last:
        if who:
            # TRANSLATORS: {day} is a date, "9 February 2026"; {therapist} is a name.
            return _("Showing {day}, with {therapist}").format(day=first, therapist=who)
        # TRANSLATORS: {day} is a date, "9 February 2026".
        return _("Showing {day}").format(day=first)
    if who:
        # TRANSLATORS: {start} and {end} are dates, "9 February 2026"; {therapist} is a name.
        return _("Showing {start} to {end}, with {therapist}").format(start=first, end=last, therapist=who)
    # TRANSLATORS: {start} and {end} are dates, "9 February 2026".
    return _("Showing {start} to {end}").format(start=first, end=last)
