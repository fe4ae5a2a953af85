"""The downloaded note as the therapist receives it (issue 25, items 4 and 11): a chart of the client's own
ratings with nothing that grades them, every character typed drawn as it reads on screen (emoji, a line
mixing Arabic or Hebrew with English), and files named in the client's language."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import reflection
from workbook import i18n
from workbook.charts import connection_chart
from workbook.exports import EMOJI_FONT, FONTS, FORMATS, MISSING, drawable, file_stem, period_chart_png
from workbook.feedback import HELPED, UNSAID, Point, compose
from workbook.models import FeedbackNote, SignalThresholds
from workbook.palette import ZONE
from workbook.reports import sessions_frame, shared_feedback_frame, with_usual

# Ten steady sessions, then three low ones: the signals' rule (and so Over time's band) marks the last three.
DAYS = [date(2026, 3, 1 + 2 * n) for n in range(13)]
RATED = [reflection(day.isoformat(), overall=o) for day, o in zip(DAYS, (9,) * 10 + (4, 5, 3), strict=True)]
SHARED = (FeedbackNote(body="We ran out of time again", shared_on=date(2026, 3, 18)),)


def note(*points: Point):  # type: ignore[no-untyped-def]
    return compose(list(points), start=date(2026, 1, 1), end=date(2026, 2, 1), therapist="Dr. Okafor", name="Alex")


def lines_of(pdf: bytes) -> list[str]:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).splitlines()


def tinted(image: Image.Image, colour: str, opacity: float) -> int:
    """How many pixels of `image` are `colour`, or `colour` laid at `opacity` over white (a shaded band)."""
    target = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    shades = [tuple(round(255 * (1 - a) + c * a) for c in target) for a in (opacity, 1.0)]
    rgb = image.convert("RGB")
    return sum(
        count
        for count, pixel in rgb.getcolors(rgb.width * rgb.height)
        if any(all(abs(p - s) <= 3 for p, s in zip(pixel, shade, strict=True)) for shade in shades)
    )


# --- the chart in the note: the client's ratings, nothing that grades them ---------------------------------


def test_the_pdfs_chart_shows_the_ratings_without_the_worth_raising_band_or_its_label() -> None:
    """Seen failing before the change: the PDF's chart carried the orange band and "shaded: worth raising"."""
    png = period_chart_png(RATED, RATED, SHARED, SignalThresholds(), DAYS[0], DAYS[-1])
    assert png is not None
    pdf = FORMATS["pdf"].render(note(Point(HELPED, "Being asked what I need")), chart_png=png)
    [image] = PdfReader(BytesIO(pdf)).pages[0].images  # the chart as the therapist sees it, taken from the PDF
    assert tinted(image.image, ZONE, 0.16) == 0  # no band, no orange anywhere
    assert tinted(image.image, "#8A5A00", 1.0) == 0  # nor the band's brown label
    assert tinted(image.image, "#0072B2", 1.0) > 200  # the client's own points and line are there
    assert tinted(image.image, "#009E73", 1.0) > 50  # and the day feedback was shared


def test_over_time_keeps_its_band_unless_asked_to_leave_it_out() -> None:
    frame = with_usual(sessions_frame(RATED), RATED, SignalThresholds())
    shared = shared_feedback_frame(SHARED)
    marks = [layer["mark"]["type"] for layer in connection_chart(frame, shared).to_dict()["layer"]]
    assert marks[:2] == ["area", "text"]  # Over time, as before: the band and its label
    spec = connection_chart(frame, shared, worth_raising=False).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "line", "circle", "rule", "text"]
    assert "worth raising" not in str(spec).lower()


# --- every character as it reads on screen ----------------------------------------------------------------

EMOJI = ["🙂", "👍🏽", "❤️", "👨‍👩‍👧", "🇪🇸", "✅", "🌻", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🥲", "🫶"]


def test_emoji_are_drawn_in_the_pdf_not_boxes() -> None:
    """Seen failing before the change: 👍🏽, ✅, 🌻, 🥲 and 🫶 came out as □."""
    said = "Thank you " + " ".join(EMOJI)
    assert drawable(said) == said  # every emoji has a font to draw it
    pdf = FORMATS["pdf"].render(note(Point(HELPED, said), Point(UNSAID, "**Bold** words 💬 in a heading too")))
    text = "\n".join(lines_of(pdf))
    assert MISSING not in text
    for emoji in ("🙂", "👍", "✅", "🌻", "🥲", "🫶", "💬"):
        assert emoji in text, emoji
    fonts = PdfReader(BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    assert any("NotoEmoji" in str(font.get_object()["/BaseFont"]) for font in fonts.values())


def test_what_no_shipped_font_can_draw_still_shows_as_a_box_never_silently_dropped() -> None:
    assert drawable("你好 🙂") == f"{MISSING}{MISSING} 🙂"


def test_the_emoji_font_is_small_and_ships_with_its_licence() -> None:
    assert EMOJI_FONT.stat().st_size < 1_000_000  # one colour, no bitmaps: under 1 MB
    licence = (FONTS / "LICENSE-NotoEmoji.txt").read_text()
    assert "SIL Open Font License" in licence and "NotoEmoji-Regular.ttf" in licence


@pytest.mark.parametrize(
    ("typed", "in_order"),
    [
        ("قلت لها hello ثم غادرت!", ["قلت لها", "hello", "ثم غادرت"]),  # starts with Arabic, English inside
        ("שלום, I said (twice) – 3 times!", ["שלום", "I said (twice) – 3 times!"]),
        ("I told her مرحبا بك and left.", ["I told her", "مرحبا بك", "and left."]),
    ],
)
def test_a_line_mixing_right_to_left_and_english_keeps_the_order_the_page_shows(
    typed: str, in_order: list[str]
) -> None:
    """The pages lay each line out left to right (a Streamlit text, a text box): the English words and the
    punctuation stay where the client put them. Seen failing before the change for the two lines that
    start with Arabic or Hebrew: the PDF turned the whole line around ("!I said … ,שלום")."""
    [line] = [line for line in lines_of(FORMATS["pdf"].render(note(Point(UNSAID, typed)))) if line.startswith("•")]
    places = [line.find(words) for words in in_order]
    assert -1 not in places, (line, in_order)
    assert places == sorted(places), line
    assert line.rstrip().endswith(in_order[-1][-1])  # the last thing typed ends the line


# --- files named in the client's language -----------------------------------------------------------------


def test_the_downloaded_files_are_named_in_the_clients_language() -> None:
    """Seen failing before the change: there was no translated name (ui/notes.py wrote "feedback-…")."""
    day = date(2026, 2, 9)
    assert file_stem(day) == "feedback-2026-02-09"
    with i18n.speaking("es"):
        assert file_stem(day) == "comentarios-2026-02-09"
    assert re.fullmatch(r"[\w-]+", file_stem(day))
