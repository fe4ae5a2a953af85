"""Showing the client's words safely.

Their text is displayed with `st.text` (no Markdown, no HTML). Widget labels, though, are read as
Markdown by Streamlit, and a Markdown image there would be fetched from the web; `label_safe` escapes
every character Markdown could act on, so a label shows the words exactly as typed. Messages that
quote something from a file (an id, a key, a file name) quote it through `quoted`, so that a hostile
file cannot colour, move or rewrite a terminal, nor flood a message.
"""

from __future__ import annotations

import re
import unicodedata

from .i18n import _

# Any ASCII punctuation character may be backslash-escaped in CommonMark; escaping each one Markdown
# or Streamlit could act on leaves no link, image, emphasis, HTML tag, entity, heading, list, emoji,
# icon, colour or formula for the renderer to act on. Left as they are: ? , ; ' " (nothing uses them
# outside syntax that is escaped already), so the commonest labels, questions, reach a screen reader
# as written; Streamlit names a control with its label as given (ui/speech.py says the rest as shown).
_PUNCTUATION = re.compile(r"([!#-&(-+\-./:<=>@\[-`{-~])")
# Unicode categories a terminal may act on rather than show: controls (ESC, BEL, CR...), formatting
# (bidi overrides), line and paragraph separators, surrogates and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


# Escapes do not stop GitHub-flavoured Markdown's bare links ("https://…", "www.…", "name@host"): an
# invisible WORD JOINER (U+2060) inside each keeps the client's words text, never a link to another
# site (issue 26). It is not read aloud, and copying the words keeps them as they were.
_JOINER = "\u2060"
_BARE_LINK = re.compile(r"(?i)(www)(?=\\\.)|(?=\\:\\/\\/)|(?<=\w)(?=\\@\w)")


def label_safe(text: str) -> str:
    """`text` for a widget label or option: one line, every character Markdown could act on escaped,
    and no bare web address or e-mail address made a link."""
    flat = " ".join(text.split())
    return _BARE_LINK.sub(lambda m: (m.group(1) or "") + _JOINER, _PUNCTUATION.sub(r"\\\1", flat))


def plain(text: str) -> str:
    """`text` without control or format characters (escape sequences, bidi overrides, line breaks)."""
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)


def quoted(value: object, length: int = 60) -> str:
    """Something read from a file, safe to echo in a one-line message: printable and short."""
    if isinstance(value, dict | list | tuple):  # never render a whole hostile structure
        return _("a list") if isinstance(value, list | tuple) else _("a set of named values")
    try:
        text = value if isinstance(value, str) else repr(value)
    except ValueError:  # an integer too long to print
        return _("a very long number")
    text = plain(text[: length * 8])  # look only at the start: the value may be megabytes long
    return text if len(text) <= length else text[: length - 1] + "…"


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
        return _("Crisis line"), line.strip()  # stored as the client's own name for it, in their language
    return name.strip(), contact.strip()


def ladder(level: int) -> str:
    """A goal-ladder level as written: '+1', '0', '-2'."""
    return f"{level:+d}" if level else "0"


# Control characters but tab and line feed: nothing a person means to write, and each one breaks
# some file a note or a chart is saved as (XML holds none of them; a PDF draws them as boxes).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` as it reads: line breaks as "\\n", every other control character (ESC, NUL...) left out."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
