"""Export formats: the Markdown text, the PDF's extracted text, hostile and non-Latin input."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.conftest import reflection
from workbook import charts, reports
from workbook.exports import FORMATS, MISSING, MarkdownNote, NoteFormat, as_text, chart_png, drawable, markdown_escape
from workbook.feedback import HELPED, NOT_HELPED, UNSAID, Point, compose

HOSTILE = (
    "![x](http://evil.example/p.png) <img src=x onerror=alert(1)> [click](javascript:alert(1))"
    " <script>alert(1)</script>"
)
WORLD = "Café naïve — שלום עולם — مرحبا بالعالم — 你好世界 — 😀 — Ελληνικά — Привет"


def note(*points: Point):  # type: ignore[no-untyped-def]
    return compose(list(points), start=date(2026, 1, 1), end=date(2026, 2, 1), therapist="Dr. Okafor", name="Alex")


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_every_format_is_in_one_registry() -> None:
    assert set(FORMATS) == {"markdown", "pdf", "text"}
    assert all(isinstance(f, NoteFormat) and f.extension and f.mime for f in FORMATS.values())


def test_markdown_note_has_the_clients_words_under_their_sections() -> None:
    text = (
        MarkdownNote()
        .render(note(Point(HELPED, "Being asked what I need"), Point(NOT_HELPED, "Rushed endings")))
        .decode()
    )
    assert text.startswith("# Feedback for Dr. Okafor\n")
    assert "## What has helped\n\n- Being asked what I need" in text
    assert "## What has not helped\n\n- Rushed endings" in text
    assert "Thank you for reading this. Alex" in text


def test_markdown_escapes_hostile_text_so_nothing_loads_or_links() -> None:
    text = MarkdownNote().render(note(Point(UNSAID, HOSTILE))).decode()
    for live in (r"!\[", r"\]\(", "<img", "<script", r"\[click"):
        assert not re.search(r"(?<!\\)" + live, text), live  # only ever preceded by an escaping backslash
    assert markdown_escape(HOSTILE).replace("\\", "") == HOSTILE  # every character is kept


def test_markdown_keeps_every_script_exactly() -> None:
    text = MarkdownNote().render(note(Point(UNSAID, WORLD))).decode()
    assert markdown_escape(WORLD) in text
    assert "你好世界" in text and "😀" in text


def test_pdf_is_one_page_with_the_clients_words() -> None:
    data = FORMATS["pdf"].render(note(Point(HELPED, "Being asked what I need"), Point(NOT_HELPED, "Rushed endings")))
    text, pages = pdf_text(data)
    assert data.startswith(b"%PDF") and pages == 1
    assert "Feedback for Dr. Okafor" in text
    assert "Being asked what I need" in text and "Rushed endings" in text


def test_pdf_draws_any_script_and_replaces_what_the_font_cannot_draw_visibly() -> None:
    data = FORMATS["pdf"].render(note(Point(UNSAID, WORLD), Point(NOT_HELPED, HOSTILE)))
    text, _ = pdf_text(data)
    for word in ("Café", "naïve", "Ελληνικά", "Привет", "<script>alert(1)</script>", "onerror"):
        assert word in text
    assert "你好" not in text and MISSING in text  # no CJK glyphs in DejaVu: shown as □, not dropped silently
    assert drawable("你好 ok") == f"{MISSING}{MISSING} ok"
    assert drawable(WORLD).count(MISSING) == 4


@pytest.mark.parametrize("text", ["\u202e\u0000\ufeff", "x" * 20000, "\n" * 200, "🏳️‍🌈 👩🏽‍⚕️", "a\tb"])
def test_pdf_never_fails_on_strange_input(text: str) -> None:
    data = FORMATS["pdf"].render(note(Point(UNSAID, text)))
    assert data.startswith(b"%PDF")


def test_a_long_note_shrinks_to_one_page_and_never_drops_words() -> None:
    points = [Point(UNSAID, f"Point number {n}: something I did not say in session {n}.") for n in range(45)]
    text, pages = pdf_text(FORMATS["pdf"].render(note(*points)))
    assert pages == 1
    assert "Point number 44" in text
    many = [Point(UNSAID, f"Long point {n} " + "word " * 60) for n in range(40)]
    text, pages = pdf_text(FORMATS["pdf"].render(note(*many)))
    assert pages > 1 and "Long point 39" in text  # too long for one page: words kept, not cut


def test_the_chart_renders_offline_and_goes_into_the_pdf() -> None:
    sessions = reports.sessions_frame(
        [reflection(f"2026-01-{d:02d}", overall=o) for d, o in ((5, 8), (12, 6), (19, 9))]
    )
    png = chart_png(charts.connection_chart(sessions, reports.shared_feedback_frame([])).to_dict())
    assert png.startswith(b"\x89PNG")
    with_chart = FORMATS["pdf"].render(note(Point(HELPED, "ok")), chart_png=png)
    assert len(with_chart) > len(FORMATS["pdf"].render(note(Point(HELPED, "ok")))) + 5000
    assert len(PdfReader(BytesIO(with_chart)).pages[0].images) == 1


def test_plain_text_is_what_the_preview_shows() -> None:
    shared = note(Point(HELPED, "Being asked"))
    assert FORMATS["text"].render(shared).decode() == as_text(shared)
    assert "• Being asked" in as_text(shared)


def test_the_period_chart_for_a_note_is_built_in_the_domain_and_needs_two_sessions() -> None:
    from workbook.exports import period_chart_png
    from workbook.models import SignalThresholds

    two = [reflection("2026-03-07", overall=7), reflection("2026-03-14", overall=9)]
    png = period_chart_png(two, two, (), SignalThresholds(), date(2026, 3, 1), date(2026, 3, 31))
    assert png is not None and png.startswith(b"\x89PNG")
    assert period_chart_png(two[:1], two[:1], (), SignalThresholds(), date(2026, 3, 1), date(2026, 3, 31)) is None
