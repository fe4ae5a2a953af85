"""Issue 25, item 11, in a real Chromium: a date typed on Feedback applies on Tab and on Enter, and
"Add another regular session" closes and starts afresh once a session is added."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from tests.conftest import Browser, Server, reflection
from tests.test_browser import settings_tab
from workbook import i18n
from workbook.repository import Repository

pytestmark = pytest.mark.browser

TODAY = date.today()
SESSIONS = [TODAY - timedelta(days=7 * weeks) for weeks in range(1, 30)]  # weekly, for 29 weeks


def period_said(b: Browser) -> str:
    """What the page says under the dates: the sessions the draft is built from."""
    said = [t for t in b.page.locator('[data-testid="stCaptionContainer"]').all_inner_texts() if " sessions from " in t]
    assert len(said) == 1, said
    return said[0]


def expected(start: date, end: date) -> str:
    count = sum(start <= day <= end for day in SESSIONS)
    return f"{count} sessions from {i18n.long_date(start)} to {i18n.long_date(end)}."


def type_date(b: Browser, which: str, day: date) -> None:
    """Type a date into one half of Feedback's "From and to", as a person does: its year, then the
    month and day (each part moves on to the next once it is full)."""
    year = b.key("feedback_dates").locator(f'[role="spinbutton"][aria-label="year, From and to {which} date"]')
    year.click()
    b.page.keyboard.type(f"{day:%Y%m%d}", delay=60)
    b.page.wait_for_timeout(300)


def choose_dates(b: Browser) -> None:
    b.open("Feedback")
    b.page.get_by_text("Choose the dates").click()
    b.settle()


@pytest.fixture
def sessions(server: Server) -> Server:
    repo = Repository(server.workbook)
    repo.save_many([reflection(day.isoformat()) for day in SESSIONS], keep_times=False)
    return server


def test_typed_dates_apply_when_the_person_tabs_on(sessions: Server, browser: Browser) -> None:
    b = browser
    choose_dates(b)
    before = period_said(b)
    start, end = SESSIONS[20] - timedelta(days=1), SESSIONS[5] + timedelta(days=1)
    type_date(b, "start", start)
    b.page.keyboard.press("Tab")  # on to the second date
    b.settle()
    assert period_said(b) != before  # the first date is taken as the person moves on
    type_date(b, "end", end)
    b.page.keyboard.press("Tab")  # out of the dates, to the calendar button
    b.settle()
    assert period_said(b) == expected(start, end)  # it said the old period until a click elsewhere
    assert b.page.evaluate("document.activeElement.getAttribute('data-testid')") == "stDateInputCalendarButton"


def test_a_typed_date_applies_on_enter_and_focus_stays_in_the_field(sessions: Server, browser: Browser) -> None:
    b = browser
    choose_dates(b)
    end_before = period_said(b).split(" to ")[1]
    start = SESSIONS[10] - timedelta(days=2)
    type_date(b, "start", start)
    b.page.keyboard.press("Enter")
    b.settle()
    said = period_said(b)
    assert f"from {i18n.long_date(start)} to {end_before}" in said, said
    label = b.page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "day, From and to start date"  # where the person was typing
    end = SESSIONS[3]
    type_date(b, "end", end)
    b.page.keyboard.press("Enter")
    b.settle()
    assert period_said(b) == expected(start, end)


def test_after_adding_a_regular_session_the_box_closes_and_opens_again_empty(server: Server, browser: Browser) -> None:
    b = browser
    settings_tab(b, "Your sessions")
    b.key("settings_sessions_new_0_start").locator('[aria-label="hour, Starts at"]').click()
    b.page.keyboard.type("1830", delay=60)
    minutes = b.key("settings_sessions_new_0_minutes").locator("input")
    minutes.fill("60")
    minutes.press("Tab")
    b.page.get_by_role("button", name="Add", exact=True).click()
    b.settle()
    [plan] = Repository(server.workbook).settings().calendar.schedules
    assert (plan.start, plan.minutes) == (time(18, 30), 60)
    box = b.page.locator('[data-testid="stExpander"]', has_text="Add another regular session")
    assert box.count() == 1
    assert box.locator("details").get_attribute("open") is None  # closed (it stayed open, pre-filled)
    b.page.screenshot(path=str(server.log.parent / "after-adding.png"), full_page=True)
    box.locator("summary").click()
    b.settle()
    assert box.locator('[data-testid="stNumberInputField"]').input_value() == "50"
    hour, minute = (box.locator(f'[aria-label="{part}, Starts at"]').inner_text() for part in ("hour", "minute"))
    assert (hour, minute) == ("17", "00")
