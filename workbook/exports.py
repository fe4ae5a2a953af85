"""Export formats for a feedback note, in one registry (add a format: add a class).

Every format renders the same `NoteContent`. The Markdown note keeps every character the client
wrote, escaped so that no viewer turns it into a link, an image or HTML. The PDF uses the shipped
DejaVu Sans font (fpdf2's own fonts are Latin-1 only) and, for emoji, the shipped Noto Emoji (one
colour, its glyphs follow the text's); a character neither font can draw is shown as □ rather than
failing. Each line is laid out left to right as the app's pages show it, with right-to-left runs
(Arabic, Hebrew) in their own order inside it. Charts become images offline, with vl-convert.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from . import charts, i18n, reports
from .feedback import NoteContent
from .i18n import N_, _
from .models import FeedbackNote, Reflection, SignalThresholds

if TYPE_CHECKING:
    import pandas as pd

FONTS = Path(__file__).parent / "fonts"
TEXT_FONT, TEXT_BOLD_FONT, EMOJI_FONT = (
    FONTS / n for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoEmoji-Regular.ttf")
)
MISSING = "□"
# What joins emoji into one: zero width joiner, emoji presentation selector, keycap, tag characters
# (flags of England, Scotland, Wales). Drawn with the emoji font, like every emoji in the planes from
# U+1F000 (DejaVu has some of them too): a family, a skin tone or a flag is shaped as one.
_EMOJI_JOINERS = frozenset({0x200D, 0xFE0F, 0x20E3, *range(0xE0020, 0xE0080)})
# The characters that can make Markdown do something: links and images need [ ], HTML and autolinks
# need < >, entities need &, emphasis and code * _ ` ~, headings and tables # |. Escaping only these
# keeps the file readable as plain text too.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~&{}])")


def markdown_escape(text: str) -> str:
    """Text that Markdown shows exactly as written, never as a link, image or HTML; lines kept."""
    return "\n".join(_MARKDOWN_ACTIVE.sub(r"\\\1", line) for line in text.splitlines())


class NoteFormat(ABC):
    """One way to download a note. The Feedback page offers a button for each format in FORMATS."""

    key: ClassVar[str]
    label: ClassVar[str]  # as the button names it: "Download the note (PDF)"; marked N_, shown with _()
    extension: ClassVar[str]
    mime: ClassVar[str]
    with_chart: ClassVar[bool] = False  # whether it can carry the period's connection chart

    @abstractmethod
    def render(self, note: NoteContent, *, chart_png: bytes | None = None) -> bytes: ...


class PlainText(NoteFormat):
    key, label, extension, mime = "text", N_("plain text"), "txt", "text/plain"

    def render(self, note: NoteContent, *, chart_png: bytes | None = None) -> bytes:
        return as_text(note).encode("utf-8")


class MarkdownNote(NoteFormat):
    key, label, extension, mime = "markdown", N_("Markdown"), "md", "text/markdown"

    def render(self, note: NoteContent, *, chart_png: bytes | None = None) -> bytes:
        lines = [f"# {markdown_escape(note.title)}", "", f"*{markdown_escape(note.period)}*", ""]
        if note.intro:
            lines += [markdown_escape(note.intro), ""]
        for section, items in note.sections:
            lines += [f"## {section}", ""]
            lines += [f"- {markdown_escape(item).replace(chr(10), '  ' + chr(10) + '  ')}" for item in items]
            lines.append("")
        lines += [
            markdown_escape(note.closing),
            "",
            f"*{prepared(note.prepared_on)}*",
            "",
        ]
        return "\n".join(lines).encode("utf-8")


class PdfNote(NoteFormat):
    key, label, extension, mime = "pdf", N_("PDF"), "pdf", "application/pdf"
    with_chart = True

    def render(self, note: NoteContent, *, chart_png: bytes | None = None) -> bytes:
        # Shrink the text until the note fits on one page, keeping the chart if it was asked for and
        # dropping it only when nothing else fits. Words are never dropped: a very long note at the
        # smallest size runs onto a second page.
        for chart in (chart_png, None) if chart_png else (None,):
            for size in (11.0, 10.0, 9.0, 8.0, 7.5):
                pdf = _pdf(note, size, chart)
                if pdf.pages_count == 1:
                    return bytes(pdf.output())
        return bytes(_pdf(note, 7.5, None).output())


FORMATS: dict[str, NoteFormat] = {f.key: f for f in (MarkdownNote(), PdfNote(), PlainText())}


def as_text(note: NoteContent) -> str:
    """The note as plain text: what the preview shows and what is stored in the workbook."""
    lines = [note.title, note.period, ""]
    if note.intro:
        lines += [note.intro, ""]
    for section, items in note.sections:
        lines += [section, *(f"• {item}" for item in items), ""]
    lines.append(note.closing)
    return "\n".join(lines)


def prepared(day: date) -> str:
    """The note's last line: "Prepared with Alliance Workbook on 9 February 2026."."""
    return _("Prepared with Alliance Workbook on {date}.").format(date=i18n.long_date(day))


@cache
def _cmap(font: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font).getBestCmap())


@cache
def _emoji() -> frozenset[int]:
    """The characters the PDF draws with the emoji font, never with DejaVu Sans."""
    return frozenset(c for c in _cmap(EMOJI_FONT) if c >= 0x1F000 or c in _EMOJI_JOINERS)


@cache
def _emoji_only() -> frozenset[int]:
    """The characters only the emoji font can draw, or that it draws in place of DejaVu Sans."""
    return _emoji() | (_cmap(EMOJI_FONT) - _cmap(TEXT_FONT))


def _has_emoji(note: NoteContent) -> bool:
    wanted = _emoji_only()
    return any(ord(c) in wanted for c in as_text(note))


def _coverage() -> frozenset[int]:
    return _cmap(TEXT_FONT) | _cmap(EMOJI_FONT)


def drawable(text: str) -> str:
    """`text` with every character the PDF fonts cannot draw replaced by □ (visibly, not silently)."""
    covered = _coverage()
    return "".join(c if ord(c) in covered or c in "\n\t" else MISSING for c in text)


def _pdf(note: NoteContent, size: float, chart_png: bytes | None) -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_font("DejaVu", "", str(TEXT_FONT))
    pdf.add_font("DejaVu", "B", str(TEXT_BOLD_FONT))
    if _has_emoji(note):  # a note without emoji is made exactly as before
        pdf.add_font("Emoji", "", str(EMOJI_FONT))
        # fpdf2 takes a character to a fallback font only when the font in use lacks it (its `cmap`):
        # emoji and what joins them are taken out of DejaVu's, so the emoji font draws them all.
        for style in ("dejavu", "dejavuB"):
            cmap = pdf.fonts[style].cmap
            for c in _emoji():
                cmap.pop(c, None)
        pdf.set_fallback_fonts(["Emoji"], exact_match=False)  # in bold text too
    # Joined letters and right-to-left runs via HarfBuzz. Each line left to right, as the pages show
    # it (their text is laid out left to right): fpdf2 would otherwise turn a whole line around when
    # it starts with an Arabic or Hebrew word, moving the English words and the punctuation with it.
    pdf.set_text_shaping(True, direction="ltr")
    pdf.set_title(drawable(note.title))
    pdf.set_creator("Alliance Workbook")
    pdf.add_page()
    width = pdf.epw
    line = size * 0.5

    def write(text: str, style: str = "", scale: float = 1.0, after: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size * scale)
        pdf.multi_cell(width, line * scale, drawable(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    write(note.title, "B", 1.5, 1)
    pdf.set_text_color(90, 90, 90)
    write(note.period, scale=0.9, after=3)
    pdf.set_text_color(30, 30, 30)
    if note.intro:
        write(note.intro, after=3)
    if chart_png:
        pdf.image(BytesIO(chart_png), w=width, h=width * 0.3, keep_aspect_ratio=True)
        pdf.ln(3)
    for section, items in note.sections:
        write(section, "B", 1.1, 1)
        for item in items:
            pdf.set_font("DejaVu", "", size)
            pdf.cell(5, line, "•")
            pdf.multi_cell(width - 5, line, drawable(item), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        pdf.ln(2)
    write(note.closing, after=2)
    pdf.set_text_color(120, 120, 120)
    write(prepared(note.prepared_on), scale=0.8)
    return pdf


# Characters XML cannot hold (every control character but tab and the line breaks): the renderer
# draws the chart as SVG first, and one ESC pasted into a therapist's name made the whole PNG, and
# the PDF around it, fail (issue 26). Whatever a person can paste must export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """`value` (a chart's spec, and the client's words in it) with every string drawable as XML."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {_xml_safe(k): _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_xml_safe(v) for v in value]
    return value


def chart_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """A Vega-Lite chart as a PNG, rendered offline; any character XML cannot hold is left out."""
    import vl_convert

    return vl_convert.vegalite_to_png(_xml_safe(spec), scale=scale)


def period_chart_png(
    chosen: list[Reflection],
    history: list[Reflection],
    notes: tuple[FeedbackNote, ...],
    thresholds: SignalThresholds,
    start: date,
    end: date,
) -> bytes | None:
    """The note's period as the Over time connection chart, as a PNG for a format that carries one;
    None with fewer than two sessions (a line needs two points)."""
    if len(chosen) < 2:
        return None
    sessions = reports.with_usual(reports.sessions_frame(chosen), history, thresholds)
    shared = reports.shared_feedback_frame(n for n in notes if n.shared_on and start <= n.shared_on <= end)
    # The client's ratings as they gave them, without the "worth raising" band: nothing in a note
    # grades the relationship unless the client wrote it there.
    return connection_png(sessions, shared, worth_raising=False)


def connection_png(
    sessions: pd.DataFrame, shared: pd.DataFrame, *, width: int = 640, height: int = 200, worth_raising: bool = True
) -> bytes:
    """The overall-connection chart (`charts.connection_chart`) as a PNG: in a note's PDF (without
    the worth-raising band), and downloaded from Over time."""
    chart = charts.connection_chart(sessions, shared, worth_raising=worth_raising)
    return chart_png(chart.properties(width=width, height=height).to_dict())


def file_stem(end: date) -> str:
    """A downloaded note's file name before its extension, in the client's language:
    "feedback-2026-02-09" ("comentarios-2026-02-09"). Only letters, digits, "-" and "_", whatever
    a translation holds, so every system can save it."""
    # TRANSLATORS: the name of a downloaded feedback note's file, without ".pdf" or ".md"; {date} is
    # written 2026-02-09. Use letters and hyphens only, no spaces.
    stem = _("feedback-{date}").format(date=end.isoformat())
    return re.sub(r"[^\w-]+", "-", stem).strip("-") or f"feedback-{end.isoformat()}"
