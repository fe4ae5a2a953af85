"""The notes on the Feedback page (ui/notes.py) and what a Save says (ui/saving.py), run with AppTest
(issue 25: items 5, 6 and part of 11). The same steps in Chromium: tests/test_browser_notes.py.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import Open, button, choose
from tests.conftest import reflection
from ui.notes import NOTE_OPEN, NOTES_SHOWN, OLDER_NOTES
from ui.state import OPENED
from workbook.models import FeedbackNote
from workbook.repository import Repository

TODAY = date.today()


def notes_for_periods(db: Path, count: int, *, shared: Collection[int] = ()) -> list[FeedbackNote]:
    """`count` notes, one a week, oldest period first (the order the workbook keeps them in); those in
    `shared` shared the day after their period ended. One reflection, so the page has a draft."""
    repo = Repository(db)
    repo.save(reflection((TODAY - timedelta(days=3)).isoformat()))
    notes = []
    for n in range(count):
        end = TODAY - timedelta(days=7 * (count - n))
        on = end + timedelta(days=1) if n in shared else None
        body = f"Note {n}: could we keep time for the end?"
        notes.append(
            repo.save(FeedbackNote(body=body, period_start=end - timedelta(days=6), period_end=end, shared_on=on))
        )
    return notes


def open_box(at: AppTest, note: FeedbackNote) -> None:
    """Open a note's box, as a click on it does (its content is drawn only while it is open)."""
    at.session_state[f"{OPENED}{NOTE_OPEN}{note.id}"] = True
    at.run()


def box_of(at: AppTest, note: FeedbackNote):  # type: ignore[no-untyped-def]
    """The note's box as drawn now."""
    [box] = [e for e in at.expander if e.key == f"{NOTE_OPEN}{note.id}"]
    return box


def note_boxes(at: AppTest) -> list:  # type: ignore[type-arg]
    """The notes' boxes, in the order the page lists them."""
    return [e for e in at.expander if e.key and e.key.startswith(NOTE_OPEN)]


def marked_shared_buttons(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.label == "Mark as shared"]


def respond(at: AppTest, note: FeedbackNote, response: str, agreed: str) -> None:
    prefix = f"feedback_note_{note.id[:8]}"
    at.text_area(key=f"{prefix}_response").input(response)
    at.text_area(key=f"{prefix}_agreed").input(agreed)
    at.button(key=f"{prefix}_form_go").click().run()
    assert not at.exception, at.exception


def saved_at_its_button_and_open(at: AppTest, db: Path, note: FeedbackNote, response: str, agreed: str) -> None:
    stored = Repository(db).get(FeedbackNote, note.id)
    assert (stored.response, stored.agreed_changes) == (response, agreed)
    box = box_of(at, note)
    assert box.proto.expanded  # the note stays open
    assert [s.value for s in box.success] == ["Saved."]  # said in the note's box, at its Save button
    assert [s.value for s in at.success].count("Saved.") == 1  # and not also at the top of the page
    prefix = f"feedback_note_{note.id[:8]}"
    assert at.text_area(key=f"{prefix}_response").value == response  # the saved words, shown again


# --- item 5: a therapist's response to any note is saved ------------------------------------------


@pytest.mark.parametrize(
    ("count", "shared", "target"),
    [
        (2, set(), 0),  # two notes, the earlier one marked shared just now
        (NOTES_SHOWN + 1, set(), 0),  # the earlier one is not among the newest few
        (NOTES_SHOWN + 2, {0, 2, 3, 4}, 1),  # the only one not shared yet, below newer shared ones
        (NOTES_SHOWN + 1, set(), NOTES_SHOWN),  # the newest
    ],
    ids=["two-notes", "not-among-newest", "below-shared-ones", "newest"],
)
def test_a_response_to_a_note_just_marked_shared_is_saved_and_said_at_its_button(
    db: Path, open_page: Open, count: int, shared: set[int], target: int
) -> None:
    notes = notes_for_periods(db, count, shared=shared)
    note = notes[target]
    at = open_page("feedback")
    open_box(at, note)
    at.button(key=f"feedback_shared_{note.id}_go").click().run()  # Mark as shared
    assert Repository(db).get(FeedbackNote, note.id).shared_on == TODAY
    respond(at, note, "They were glad I said it", "Ten minutes at the end for what is left")
    saved_at_its_button_and_open(at, db, note, "They were glad I said it", "Ten minutes at the end for what is left")


@pytest.mark.parametrize("older", [False, True], ids=["listed-at-once", "under-show-older-notes"])
def test_a_response_to_a_note_shared_long_ago_is_saved_and_said_at_its_button(
    db: Path, open_page: Open, older: bool
) -> None:
    count = NOTES_SHOWN + 2
    notes = notes_for_periods(db, count, shared=set(range(count)))
    note = notes[0] if older else notes[-2]
    at = open_page("feedback")
    if older:
        at.toggle(key=OLDER_NOTES).set_value(True).run()
    open_box(at, note)
    respond(at, note, "They had not noticed", "")
    saved_at_its_button_and_open(at, db, note, "They had not noticed", "")
    respond(at, note, "They had not noticed, and thanked me", "A check-in at the start")  # and again
    saved_at_its_button_and_open(at, db, note, "They had not noticed, and thanked me", "A check-in at the start")


def test_a_note_marked_shared_stays_where_it_was_listed(db: Path, open_page: Open) -> None:
    notes = notes_for_periods(db, NOTES_SHOWN + 1)
    at = open_page("feedback")
    before = [e.key for e in note_boxes(at)]
    open_box(at, notes[0])
    at.button(key=f"feedback_shared_{notes[0].id}_go").click().run()
    at.run()  # any later click: the note does not move out of sight behind "Show older notes"
    assert [e.key for e in note_boxes(at)] == before
    assert box_of(at, notes[0]).proto.expanded


# --- item 6: the note just kept is the one ready to mark shared ----------------------------------


@pytest.mark.parametrize("earlier", [True, False], ids=["kept-for-earlier-dates", "kept-since-last-shared"])
def test_the_note_just_kept_comes_first_open_and_ready_to_mark_shared(db: Path, open_page: Open, earlier: bool) -> None:
    repo = Repository(db)
    repo.save(reflection((TODAY - timedelta(days=20)).isoformat(), unsaid="I nearly cancelled"))
    waiting = repo.save(
        FeedbackNote(
            body="Note 0: kept before, not shared yet", period_start=TODAY - timedelta(days=9), period_end=TODAY
        )
    )
    at = open_page("feedback")
    assert box_of(at, waiting).proto.expanded  # the newest note, waiting to be shared: open
    if earlier:  # a note about an earlier stretch than the one waiting
        at.radio(key="feedback_period").set_value("range").run()
        at.date_input(key="feedback_dates").set_value((TODAY - timedelta(days=30), TODAY - timedelta(days=10))).run()
    [tick] = [c for c in at.checkbox if c.key.startswith("feedback_keep_") and "I nearly cancelled" in c.label]
    tick.check().run()
    at.button(key="feedback_save").click().run()
    assert not at.exception, at.exception
    [kept] = [n for n in Repository(db).feedback_notes() if n.id != waiting.id]
    for _ in range(2):  # at once, and after any later click
        boxes = note_boxes(at)
        assert [b.key for b in boxes] == [f"{NOTE_OPEN}{kept.id}", f"{NOTE_OPEN}{waiting.id}"]  # first; both listed
        assert [b.proto.expanded for b in boxes] == [True, False]  # open; the other folded
        assert marked_shared_buttons(at) == [f"feedback_shared_{kept.id}_go"]  # the one ready to mark shared
        at.run()
    at.button(key=f"feedback_shared_{kept.id}_go").click().run()  # Mark as shared
    assert Repository(db).get(FeedbackNote, kept.id).shared_on == TODAY
    assert Repository(db).get(FeedbackNote, waiting.id).shared_on is None


# --- item 11 (part): "Nothing to save yet" goes once something is entered ------------------------


@pytest.mark.parametrize("entered", ["rating", "words"])
def test_nothing_to_save_yet_goes_once_something_is_entered(db: Path, open_page: Open, entered: str) -> None:
    at = open_page("reflection")
    button(at, "Save reflection").click().run()
    said = lambda: [e.value for e in at.error if "Nothing to save yet" in e.value]  # noqa: E731
    assert said()
    if entered == "rating":
        choose(at, "reflection_overall", 7)
        at.run()
    else:
        at.text_area(key="reflection_insights").input("Slowing down helped").run()
    assert not said()
    at.run()
    assert not said()  # and it does not come back
    assert Repository(db).reflections() == ()  # nothing saved until Save is pressed


def test_nothing_to_save_yet_still_said_when_nothing_was_entered(db: Path, open_page: Open) -> None:
    at = open_page("reflection")
    button(at, "Save reflection").click().run()
    at.run()
    assert any("Nothing to save yet" in e.value for e in at.error)
