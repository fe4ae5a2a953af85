"""Showing the client's words safely.

Their text is displayed with `st.text` (no Markdown, no HTML). Widget labels, though, are read as
Markdown by Streamlit, and a Markdown image there would be fetched from the web; `label_safe` escapes
every character Markdown could act on, so a label shows the words exactly as typed.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# leaves no link, image, emphasis, HTML tag, heading or directive for the renderer to act on.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def label_safe(text: str) -> str:
    """`text` for a widget label or option: one line, every Markdown character escaped."""
    flat = " ".join(text.split())
    return _PUNCTUATION.sub(r"\\\1", flat)


def snippet(text: str, length: int = 80) -> str:
    """The start of `text` on one line, for lists and tooltips."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text area, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_contact(line: str) -> tuple[str, str]:
    """'Samaritans: 116 123' → ('Samaritans', '116 123'); a line without a colon is all contact."""
    name, colon, contact = line.partition(":")
    if not colon or not contact.strip() or "//" in name:
        return "Crisis line", line.strip()
    return name.strip(), contact.strip()
