"""The notes on the Feedback page in a real Chromium against `streamlit run`, as a person uses them
(issue 25, items 5 and 6): a therapist's response to an earlier note is kept, and the note just kept
is the one ready to mark shared. The same steps with AppTest, and more cases: tests/test_notes.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import Browser, Server, reflection
from ui.notes import NOTE_OPEN, NOTES_SHOWN
from ui.state import RESULT
from workbook.models import FeedbackNote
from workbook.repository import Repository

pytestmark = pytest.mark.browser

TODAY = date.today()
NOTES = f'[class*="st-key-{NOTE_OPEN}"]'  # every note's box, in the order listed


def box(b: Browser, note: FeedbackNote):  # type: ignore[no-untyped-def]
    return b.key(f"{NOTE_OPEN}{note.id}")


def test_a_response_to_an_earlier_note_just_marked_shared_is_kept(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    repo.save(reflection((TODAY - timedelta(days=3)).isoformat()))
    notes = []
    for n in range(NOTES_SHOWN + 1):  # one a week; more than are listed at once once shared
        end = TODAY - timedelta(days=7 * (NOTES_SHOWN + 1 - n))
        body = f"Note {n}: could we keep time for the end?"
        notes.append(repo.save(FeedbackNote(body=body, period_start=end - timedelta(days=6), period_end=end)))
    earlier = notes[0]  # about the earliest period: listed last
    b = browser
    b.open("Feedback")
    box(b, earlier).locator("summary").click()
    b.settle()
    box(b, earlier).get_by_role("button", name="Mark as shared").click()
    b.settle()
    expect(box(b, earlier)).to_contain_text("Marked as shared on", timeout=30_000)
    prefix = f"feedback_note_{earlier.id[:8]}"
    b.key(f"{prefix}_response").locator("textarea").fill("They were glad I said it")
    b.key(f"{prefix}_agreed").locator("textarea").fill("Ten minutes at the end for what is left")
    save = b.key(f"{prefix}_form_go").locator("button")
    save.click()
    b.settle()
    stored = Repository(server.workbook).get(FeedbackNote, earlier.id)  # read back from the file
    assert (stored.shared_on, stored.response, stored.agreed_changes) == (
        TODAY,
        "They were glad I said it",
        "Ten minutes at the end for what is left",
    )
    said = box(b, earlier).locator(f".st-key-{prefix}_form{RESULT}")  # in the note's box
    expect(said.get_by_text("Saved.", exact=True)).to_be_in_viewport(timeout=30_000)
    at, button = said.bounding_box(), save.bounding_box()
    assert at and button and 0 <= at["y"] - (button["y"] + button["height"]) < 60  # right under its Save
    assert box(b, earlier).locator("details").get_attribute("open") is not None  # the note is still open
    expect(b.key(f"{prefix}_response").locator("textarea")).to_have_value("They were glad I said it")
    expect(b.page.locator('[data-testid="stMainBlockContainer"] [data-testid="stAlertContentSuccess"]')).to_have_count(
        1
    )  # said once, there: not also at the top of the page


def test_the_note_just_kept_comes_first_open_and_ready_to_mark_shared(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    repo.save(reflection((TODAY - timedelta(days=20)).isoformat(), unsaid="I nearly cancelled"))
    waiting = repo.save(
        FeedbackNote(body="Kept before and not shared yet", period_start=TODAY - timedelta(days=9), period_end=TODAY)
    )
    b = browser
    b.open("Feedback")
    expect(box(b, waiting).get_by_role("button", name="Mark as shared")).to_be_visible()  # open: waiting to be shared
    # (A note about an earlier stretch of dates than the one waiting is kept first too: tests/test_notes.py.
    # Typing dates into Streamlit's date field dropped digits on a busy machine, so this browser test
    # keeps the default period.)
    b.page.locator('[class*="st-key-feedback_keep_"] label', has_text="I nearly cancelled").click()
    b.settle()
    b.key("feedback_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Note kept.", timeout=30_000)
    b.settle()
    [kept] = [n for n in Repository(server.workbook).feedback_notes() if n.id != waiting.id]
    listed = b.page.locator(NOTES)
    expect(listed).to_have_count(2)  # both listed
    assert f"st-key-{NOTE_OPEN}{kept.id}" in (listed.first.get_attribute("class") or "")  # the one kept: first
    marks = b.page.get_by_role("button", name="Mark as shared")
    expect(marks).to_have_count(1)  # the other one folded
    expect(box(b, kept).get_by_role("button", name="Mark as shared")).to_be_visible()  # open, ready
    assert box(b, waiting).locator("details").get_attribute("open") is None
    marks.click()
    b.settle()
    assert Repository(server.workbook).get(FeedbackNote, kept.id).shared_on == TODAY
    assert Repository(server.workbook).get(FeedbackNote, waiting.id).shared_on is None
