"""Drawing for the pages: the client's own words as plain text, crisis lines, charts and signals.

Everything the client wrote is drawn with `words()` (no Markdown, no HTML) and labels built from
their text go through `label_safe`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.site import PAGES
from ui.state import CHART_CSV, CHART_DRAWN, CHART_PNG, CHART_TAB, EVIDENCE, OPENED
from workbook import i18n
from workbook.i18n import _, ngettext
from workbook.signals import Signal
from workbook.text import label_safe
from workbook.wording import signals_rule

if TYPE_CHECKING:  # pandas and Altair load only on the pages that draw charts: Home starts quicker
    from workbook.views import Section


def words(text: str) -> None:
    """Show the client's own words exactly as written: no Markdown, no HTML."""
    st.text(text)


def field(label: str, text: str) -> None:
    """A labelled piece of the client's writing; nothing when empty."""
    if text and text.strip():
        st.caption(label)
        words(text)


def opened(label: str, key: str, *, expanded: bool = False, icon: str | None = None):  # type: ignore[no-untyped-def]
    """An expander whose content is drawn only while it is open (each box drawn costs the browser
    time on every click): returns it to draw into, or None while it is closed."""
    # Open or not the first time; then as the person leaves it, even when its label changes (which
    # makes it a new element to Streamlit, drawn as `expanded` says).
    memory = f"{OPENED}{key}"
    if memory not in st.session_state:
        st.session_state[memory] = expanded

    def toggled() -> None:
        st.session_state[memory] = bool(st.session_state.get(key))

    box = st.expander(label, expanded=st.session_state[memory], key=key, on_change=toggled, icon=icon)
    return box if box.open else None


def chart_section(section: Section, *, heading: bool = True) -> None:
    """A chart with a table view of its data and a CSV download of it (its title as a heading, unless
    the box it is drawn in already says it)."""
    from workbook.reports import csv_of

    if heading:
        st.subheader(_(section.title))
    st.caption(section.about)  # built in its language by workbook.views
    # Only the open tab is drawn (on_change="rerun"): a page of charts is not also a page of tables.
    shown, table = st.tabs([_("Chart"), _("Table")], key=f"{CHART_TAB}{section.key}", on_change="rerun")
    if shown.open:
        with shown:
            if section.drawing is not None:
                from ui.connection import connection_chart

                connection_chart(section.drawing, label=section.alt, key=f"{CHART_DRAWN}{section.key}")
            else:
                st.vega_lite_chart(spec=section.spec, width="stretch", alt=section.alt)
    if table.open:
        with table:
            from workbook.reports import column_headers

            named = section.table.rename(columns=column_headers())  # in the language spoken
            st.dataframe(named, hide_index=True, width="stretch", height=300)
    with st.container(horizontal=True):
        st.download_button(
            _("Download the data (CSV)"),
            data=lambda: csv_of(section.table),
            file_name=f"{section.key}.csv",
            mime="text/csv",
            key=f"{CHART_CSV}{section.key}",
            on_click="ignore",
            icon=":material/download:",
        )
        if section.picture is not None and shown.open:  # a picture to show or send, as the PDF has it
            st.download_button(
                _("Download the chart (PNG)"),
                data=section.picture,
                file_name=f"{section.key}.png",
                mime="image/png",
                key=f"{CHART_PNG}{section.key}",
                on_click="ignore",
                icon=":material/image:",
            )


def show_signals(signals: list[Signal], *, at_once: int | None = None, more: str = "") -> None:
    """Signals, gently: each with what was noticed, why, and the evidence (dates and values); then one
    link to ways of raising them. With `at_once`, the others wait behind a switch (key `more`) that
    stays as the person leaves it: each signal drawn costs the browser time on every visit."""
    first = signals if at_once is None else signals[:at_once]
    for signal in first:
        _signal(signal)
    rest = signals[len(first) :]
    if rest and remembered_toggle(
        ngettext("Show {count} more", "Show {count} more", len(rest)).format(count=i18n.number(len(rest))), more
    ):
        for signal in rest:
            _signal(signal)
    if rule := signals_rule(signals):  # how ratings are measured: said once, under the signals
        st.caption(rule)
    if signals:
        st.page_link(
            PAGES["guide"][0],
            label=ngettext("Ways to raise it", "Ways to raise them", len(signals)),
            icon=":material/handshake:",
        )


def _signal(signal: Signal) -> None:
    with st.container(border=True):
        # One block for the title and the detail, line by line (every element drawn costs the browser
        # time on every click); escaped, since a detail can quote a thing to rate in the client's words.
        lines = "  \n".join(label_safe(line) for line in signal.detail.splitlines() if line.strip())
        st.markdown(f"**{label_safe(signal.title)}**\n\n{lines}")
        if evidence := opened(_("The evidence"), f"{EVIDENCE}{signal.key}"):
            with evidence:
                for e in signal.evidence:  # plain lines: read well on a phone and by a screen reader
                    words(f"{i18n.long_date(e.on)}: {e.what}, {e.value}")


def remembered_toggle(label: str, key: str) -> bool:
    """A switch that stays as the person leaves it, page after page (Streamlit forgets a widget's value
    once its page is left)."""
    memory = f"{OPENED}{key}"

    def flipped() -> None:
        st.session_state[memory] = bool(st.session_state.get(key))

    return st.toggle(label, value=is_open(key), key=key, on_change=flipped)


def is_open(key: str) -> bool:
    """Whether the box `key` (drawn by `opened`) was left open."""
    return bool(st.session_state.get(f"{OPENED}{key}", False))
