"""Help when it is needed: the crisis lines for the client's country, as the pages show them."""

from __future__ import annotations

import streamlit as st

from ui.render import words
from workbook.crisis import country_named, shown_lines
from workbook.i18n import _
from workbook.models import DEFAULT_CRISIS_LINES, CrisisLine
from workbook.text import label_safe
from workbook.wording import NOT_A_CRISIS_SERVICE


def crisis_resources(lines: tuple[CrisisLine, ...], country: str = "", *, explain: bool = True) -> None:
    if explain:
        st.caption(_(NOT_A_CRISIS_SERVICE))
    for line in shown_lines(lines, country):  # the country's cited lines while the defaults are untouched
        words(f"{line.name}: {line.contact}")
    if not country:
        return
    if tuple(lines) == DEFAULT_CRISIS_LINES and country_named(country) is None:  # general lines, said so
        st.caption(
            _(
                "The app has no lines of its own for {country}: these are general ones. Add your local crisis"
                " line on the Settings page."
            ).format(country=label_safe(country))
        )
    else:
        st.caption(_("Resources for {country}; change them on the Settings page.").format(country=label_safe(country)))
