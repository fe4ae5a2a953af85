"""Export formats for a feedback note, in one registry (add a format: add a class).

Every format renders the same `NoteContent`. The Markdown note keeps every character the client
wrote, escaped so that no viewer turns it into a link, an image or HTML. The PDF uses the shipped
DejaVu Sans font (fpdf2's own fonts are Latin-1 only); a character that font cannot draw is shown as
□ rather than failing. Charts become images offline, with vl-convert.
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
MISSING = "□"
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
def _coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONTS / "DejaVuSans.ttf").getBestCmap())


def drawable(text: str) -> str:
    """`text` with every character the PDF font cannot draw replaced by □ (visibly, not silently)."""
    covered = _coverage()
    return "".join(c if ord(c) in covered or c in "\n\t" else MISSING for c in text)


def _pdf(note: NoteContent, size: float, chart_png: bytes | None) -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # right-to-left scripts and joined letters, via HarfBuzz
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


def chart_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """A Vega-Lite chart as a PNG, rendered offline."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)


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
    return connection_png(sessions, shared)


def connection_png(sessions: pd.DataFrame, shared: pd.DataFrame, *, width: int = 640, height: int = 200) -> bytes:
    """The overall-connection chart (`charts.connection_chart`) as a PNG: in a note's PDF, and
    downloaded from Over time."""
    return chart_png(charts.connection_chart(sessions, shared).properties(width=width, height=height).to_dict())
