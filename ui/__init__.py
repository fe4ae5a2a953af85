"""Shared Streamlit helpers for the pages: this is their face; the work is done in the modules below.

- `ui.page`: the page frame. Pages call `frame()` first: it sets the page up, draws the same
  navigation everywhere, and stops with a clear explanation when the workbook file is damaged.
- `ui.site`: the pages themselves, `PAGES` and the menu's order.
- `ui.state`: what one browser session keeps (drafts, the values forms were given, problems under
  fields, flashes), and every session-state key the ui uses.
- `ui.render`: the client's words as plain text (`words()`: no Markdown, no HTML), crisis lines,
  charts and signals.

The entry forms (`ui.forms`), saving (`ui.saving`, `ui.conflict`), the draft keeper and the lock
have modules of their own and are imported from there.
"""

from __future__ import annotations

from ui.help import crisis_resources
from ui.page import frame
from ui.render import chart_section, field, is_open, opened, remembered_toggle, show_signals, words
from ui.site import IN_MENU, PAGES
from ui.state import (
    clear_problems,
    default,
    draft,
    flash,
    forget,
    problem_here,
    problems,
    remember,
    remember_problems,
    show_flash,
    touched,
)
from workbook.wording import PRIVACY

__all__ = [
    "IN_MENU",
    "PAGES",
    "PRIVACY",
    "chart_section",
    "clear_problems",
    "crisis_resources",
    "default",
    "draft",
    "field",
    "flash",
    "forget",
    "frame",
    "is_open",
    "opened",
    "problem_here",
    "problems",
    "remember",
    "remember_problems",
    "remembered_toggle",
    "show_flash",
    "show_signals",
    "touched",
    "words",
]
