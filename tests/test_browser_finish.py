"""Issue 25 walkthrough, in a real Chromium: a cleared date or time in Settings → "Your sessions" is
refused next to its field and nothing is saved (Streamlit kept the last whole value, "1" of "17", and
01:00 was saved); none of Streamlit's own English is left on the Spanish pages."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.conftest import Browser, Server, chromium_path, launch_chromium
from tests.test_browser import settings_tab
from workbook.repository import Repository

pytestmark = pytest.mark.browser


def clear(b: Browser, field, presses: int) -> None:  # type: ignore[no-untyped-def]
    """Empty a date or time field as a person does: click its last part and press Backspace."""
    field.locator('[role="spinbutton"]').last.click()
    for _ in range(presses):
        b.page.keyboard.press("Backspace")
    b.page.wait_for_timeout(300)


def under(b: Browser, key: str) -> str:
    """The words of the element just after field `key` (where a refusal is said)."""
    return b.page.evaluate(
        "(k) => { const f = document.querySelector('.st-key-' + k);"
        " let n = f.parentElement.nextElementSibling || f.nextElementSibling; return n ? n.innerText : ''; }",
        key,
    )


def test_a_cleared_start_time_is_refused_next_to_the_field(server: Server, browser: Browser) -> None:
    b = browser
    settings_tab(b, "Your sessions")
    hour = b.key("settings_sessions_new_0_start").locator('[aria-label="hour, Starts at"]')
    hour.click()
    b.page.keyboard.press("Backspace")
    b.page.keyboard.press("Backspace")
    b.page.wait_for_timeout(300)
    b.page.get_by_role("button", name="Add", exact=True).click()
    b.settle()
    assert Repository(server.workbook).settings().calendar.schedules == ()  # 01:00 was saved
    assert "Choose a start time" in under(b, "settings_sessions_new_0_start")
    # Chosen again, it is saved as chosen.
    hour.click()
    b.page.keyboard.type("1830", delay=60)
    b.page.get_by_role("button", name="Add", exact=True).click()
    b.settle()
    [plan] = Repository(server.workbook).settings().calendar.schedules
    assert plan.start == time(18, 30)


def test_a_cleared_first_day_is_refused_and_nothing_saved(server: Server, browser: Browser) -> None:
    b = browser
    settings_tab(b, "Your sessions")
    clear(b, b.key("settings_sessions_new_0_first"), 12)
    b.page.get_by_role("button", name="Add", exact=True).click()
    b.settle()
    assert Repository(server.workbook).settings().calendar.schedules == ()  # today was saved
    assert "Choose the day of the next session" in under(b, "settings_sessions_new_0_first")


def test_moving_a_session_with_a_cleared_time_or_day_is_refused(server: Server, browser: Browser) -> None:
    b = browser
    settings_tab(b, "Your sessions")
    b.page.get_by_role("button", name="Add", exact=True).click()  # every week at 17:00 from today
    b.settle()
    b.page.locator('[data-testid="stExpander"]', has_text="A session moved or not happening").locator("summary").click()
    b.settle()
    b.key("settings_sessions_change_at").locator('[aria-label="hour, New time"]').click()
    b.page.keyboard.press("Backspace")
    b.page.keyboard.press("Backspace")  # "HH:00": Streamlit still held 01:00
    clear(b, b.key("settings_sessions_change_day"), 12)
    b.page.get_by_role("button", name="Save this change", exact=True).click()
    b.settle()
    assert Repository(server.workbook).settings().calendar.changes == ()
    assert "Choose the new time" in under(b, "settings_sessions_change_at")
    assert "Choose the new day" in under(b, "settings_sessions_change_day")
    # Not happening needs no new day or time: saved.
    b.page.get_by_text("It is not happening", exact=True).click()
    b.page.get_by_role("button", name="Save this change", exact=True).click()
    b.settle()
    [change] = Repository(server.workbook).settings().calendar.changes
    assert (change.on, change.moved_to) == (date.today(), None)


def test_a_half_emptied_time_left_or_sent_with_enter_shows_empty_and_is_not_saved(
    server: Server, browser: Browser
) -> None:
    b = browser
    settings_tab(b, "Your sessions")
    field = b.key("settings_sessions_new_0_start")
    field.locator('[aria-label="hour, Starts at"]').click()
    b.page.keyboard.press("Backspace")
    b.page.keyboard.press("Backspace")
    b.key("settings_sessions_new_0_minutes").locator("input").click()  # leaving it showed 01:00 again
    b.page.wait_for_timeout(400)
    shown = [part.inner_text() for part in field.locator('[role="spinbutton"]').all()]
    assert shown == ["HH", "mm"], shown
    field.locator('[aria-label="hour, Starts at"]').click()
    b.page.keyboard.type("09", delay=60)
    b.page.keyboard.press("Backspace")
    b.page.keyboard.press("Backspace")
    b.page.keyboard.press("Enter")  # emptied, not sent
    b.page.wait_for_timeout(400)
    b.page.keyboard.press("Enter")
    b.settle()
    assert Repository(server.workbook).settings().calendar.schedules == ()
    assert "Choose a start time" in under(b, "settings_sessions_new_0_start")


# --- item 2: none of Streamlit's own English on the Spanish pages ----------------------------------

ENGLISH = (
    "Press Enter to submit form",
    "Press Enter to apply",
    "Decrement",
    "Increment",
    "Clear time",
    "Clear date",
    "Skip to main content",
    "Collapse sidebar",
    "Expand sidebar",
)
PARTS = ("year, ", "month, ", "day, ", "hour, ", "minute, ")

SEEN = """() => {
  const said = [document.body.innerText];
  document.querySelectorAll('[aria-label], [placeholder], [title], [aria-valuetext]').forEach((el) => {
    for (const a of ['aria-label', 'placeholder', 'title', 'aria-valuetext']) {
      if (el.hasAttribute(a)) said.push(a + '=' + el.getAttribute(a));
    }
  });
  return said;
}"""


def english_left(b: Browser) -> list[str]:
    """Streamlit's own English words the page shows or names a control with."""
    said = b.page.evaluate(SEEN)
    found = [w for w in ENGLISH for s in said if w in s]
    found += [s for s in said if s.startswith(tuple(f"aria-label={p}" for p in PARTS))]
    found += [s for s in said if s == "aria-valuetext=Empty"]
    return found


def touch_fields(b: Browser) -> None:
    """Bring out what a person sees while typing: focus a field of each kind in a form and type in it."""
    page = b.page
    for selector in (
        '[data-testid="stForm"] [data-testid="stTextInputRootElement"] input',
        '[data-testid="stForm"] textarea',
        '[data-testid="stForm"] [data-testid="stNumberInputField"]',
        '[data-testid="stForm"] [data-testid="stTimeInput"] [role="spinbutton"]',
        '[data-testid="stForm"] [data-testid="stDateInput"] [role="spinbutton"]',
    ):
        field = page.locator(selector)
        if field.count() and field.first.is_visible():
            field.first.click()
            if selector.endswith(("input", "textarea", "Field")):
                page.keyboard.type("1")
            page.wait_for_timeout(400)
            assert english_left(b) == [], (selector, english_left(b))


@pytest.fixture
def spanish_server(tmp_path):  # type: ignore[no-untyped-def]
    from workbook.demo import fill_with_demo

    path = tmp_path / "workbook.json"
    fill_with_demo(Repository(path), sessions=40, language="es")
    running = Server(path, tmp_path / "server.log")
    yield running
    running.stop()


def test_the_spanish_pages_keep_none_of_streamlits_english(spanish_server: Server) -> None:
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    if chromium_path() is None:
        pytest.skip("no Chromium found")
    # Its own Chromium, closed at the end: the other tests' `browser` fixture starts Playwright again.
    with sync_playwright() as p:
        chromium = launch_chromium(p)
        page = chromium.new_page(viewport={"width": 1280, "height": 1000})
        b = Browser(page, urlparse(spanish_server.url).netloc)
        try:
            for name in ("Before_a_session", "After_a_session", "Feedback"):
                b.open(name)
                assert english_left(b) == [], (name, english_left(b))
                touch_fields(b)
            b.open("Settings_and_data")
            tabs = page.get_by_role("tab")
            for i in range(tabs.count()):
                tabs.nth(i).click()
                b.settle()
                for box in page.locator('[data-testid="stExpander"] summary').all():  # what opens, too
                    if box.is_visible():
                        box.click()
                        b.settle()
                assert english_left(b) == [], (tabs.nth(i).inner_text(), english_left(b))
                touch_fields(b)
        finally:
            chromium.close()
        assert b.outside == [], b.outside


# --- item 3: a country typed in part on the first visit ----------------------------------------------


def type_country(b: Browser, typed: str) -> None:
    box = b.key("home_country").locator("input")
    box.click()
    b.page.keyboard.type(typed, delay=40)
    b.page.keyboard.press("Enter")
    b.settle()


def test_united_king_on_the_first_visit_is_the_united_kingdom(server: Server, browser: Browser) -> None:
    b = browser
    b.open()
    type_country(b, "United King")
    assert Repository(server.workbook).settings().crisis_country == "United Kingdom"  # "United King" before
    shown = b.page.locator('[data-testid="stMain"]').inner_text()
    assert "Samaritans" in shown and "United King”" not in shown


def test_a_country_without_lines_is_kept_and_said_plainly_under_the_box(server: Server, browser: Browser) -> None:
    b = browser
    b.open()
    type_country(b, "Narnia")
    assert Repository(server.workbook).settings().crisis_country == "Narnia"
    said = b.key("home_country").locator("xpath=..").inner_text()
    assert "no crisis lines of its own for “Narnia”" in said and "Add your local crisis line in Settings" in said


def test_settings_country_takes_a_country_typed_with_a_slip(server: Server, browser: Browser) -> None:
    b = browser
    settings_tab(b, "You and where to get help")
    b.key("settings_crisis_country").locator("input").click()
    b.page.keyboard.type("Mexco", delay=40)
    b.page.keyboard.press("Enter")
    b.page.wait_for_timeout(300)
    b.page.get_by_role("button", name="Save settings").click()
    b.settle()
    assert Repository(server.workbook).settings().crisis_country == "Mexico"  # a plain text box kept "Mexco"
