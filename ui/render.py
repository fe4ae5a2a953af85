"""Drawing for the pages: the client's own words as plain text, crisis lines, charts and signals.

Everything the client wrote is drawn with `words()` (no Markdown, no HTML) and labels built from
their text go through `label_safe`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.site import PAGES
from ui.state import CHART_CSV
from workbook.models import CrisisLine
from workbook.signals import Signal
from workbook.text import label_safe
from workbook.wording import NOT_A_CRISIS_SERVICE

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


def crisis_resources(lines: tuple[CrisisLine, ...], country: str = "", *, explain: bool = True) -> None:
    if explain:
        st.caption(NOT_A_CRISIS_SERVICE)
    for line in lines:
        words(f"{line.name}: {line.contact}")
    if country:
        st.caption(f"Resources for {label_safe(country)}; change them on the Settings page.")


def chart_section(section: Section) -> None:
    """A chart with a table view of its data and a CSV download of it."""
    from workbook.reports import csv_of

    st.subheader(section.title)
    st.caption(section.about)
    shown, table = st.tabs(["Chart", "Table"])
    with shown:
        st.vega_lite_chart(spec=section.spec, width="stretch", alt=section.alt)
    with table:
        st.dataframe(section.table, hide_index=True, width="stretch", height=300)
    st.download_button(
        "Download the data (CSV)",
        data=lambda: csv_of(section.table),
        file_name=f"{section.key}.csv",
        mime="text/csv",
        key=f"{CHART_CSV}{section.key}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_signal(signal: Signal) -> None:
    """A signal, gently: what was noticed, why, and the evidence (dates and values)."""
    with st.container(border=True):
        st.markdown(f"**{label_safe(signal.title)}**")
        words(signal.detail)
        with st.expander("The evidence"):
            for e in signal.evidence:  # plain lines: read well on a phone and by a screen reader
                words(f"{e.on:%-d %B %Y}: {e.what}, {e.value}")
        st.page_link(PAGES["guide"][0], label="Ways to raise it", icon=":material/handshake:")
