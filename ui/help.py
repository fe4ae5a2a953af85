"""Help when it is needed: the crisis lines for the client's country, as the pages show them.

Each line is shown as plain text (`words`: a line the client wrote stays exactly their words), with a
button under it for each number to call and each site to open (`workbook.crisis.ways_to_reach`): the
button's address is built only from a number's digits or a checked https address, its label only from
the digits or the site's host, so nothing the client wrote can become a link of its own. A button is
a plain link: nothing is loaded until it is pressed."""

from __future__ import annotations

import streamlit as st

from ui.render import words
from workbook.crisis import country_named, shown_lines, ways_to_reach
from workbook.i18n import _
from workbook.models import DEFAULT_CRISIS_LINES, CrisisLine
from workbook.text import label_safe
from workbook.wording import NOT_A_CRISIS_SERVICE


def crisis_resources(lines: tuple[CrisisLine, ...], country: str = "", *, explain: bool = True) -> None:
    if explain:
        st.write(_(NOT_A_CRISIS_SERVICE))  # the sentence that matters most here: read as the page's words
    for line in shown_lines(lines, country):  # the country's cited lines while the defaults are untouched
        words(f"{line.name}: {line.contact}")
        reach(line.contact)
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


def reach(contact: str) -> None:
    """A button for each number in `contact` (a `tel:` link a phone dials) and each site (opened in a
    new tab); nothing when it holds neither."""
    ways = ways_to_reach(contact)
    if not ways:
        return
    with st.container(horizontal=True, gap="small"):
        for way in ways:
            if way.kind == "call":
                # TRANSLATORS: {number} is a phone number as written, "116 123".
                st.link_button(_("Call {number}").format(number=way.shown), way.address, icon=":material/call:")
            else:
                # TRANSLATORS: {site} is a website's name, "findahelpline.com".
                st.link_button(_("Open {site}").format(site=way.shown), way.address, icon=":material/open_in_new:")
