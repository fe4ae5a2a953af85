"""Unsaved words belong to the browser they were typed in, and come back only announced (issue 25, item 7).

Two browser profiles (two Playwright contexts: their own cookies and storage) against one server, as a
tester with two Chromium profiles, or two people on one home server, would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import Browser, Server
from ui.state import SCALE
from workbook.models import Goal
from workbook.repository import Repository

pytestmark = pytest.mark.browser

PARTS = ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall")
COOKIE = "workbook_browser"  # workbook.drafts.COOKIE
BACK = "did not save are back"  # the announcement: "Words you typed at 14:02 and did not save are back: …"


def another_profile(b: Browser, width: int = 1280, height: int = 1000) -> Browser:
    """A second browser profile: its own cookies and storage, nothing shared with the first."""
    context = b.page.context.browser.new_context(viewport={"width": width, "height": height})
    return Browser(context.new_page(), b.origin)


def another_tab(b: Browser) -> Browser:
    """A second tab of the same browser profile."""
    return Browser(b.page.context.new_page(), b.origin)


def box(b: Browser, key: str):  # type: ignore[no-untyped-def]
    return b.key(key).locator("textarea, input").first


def typed(b: Browser, key: str, text: str) -> None:
    """Type as a person does (key by key: the page's draft keeper hears each pause)."""
    box(b, key).click()
    b.page.keyboard.type(text)


def announcement(b: Browser, form: str):  # type: ignore[no-untyped-def]
    return b.page.locator(f'[data-testid="stVerticalBlock"][class*="st-key-{form}_brought_back"]')


def clock_near_now() -> tuple[str, ...]:
    now = datetime.now()
    return tuple(f"{now + timedelta(minutes=m):%H:%M}" for m in (-2, -1, 0))


@pytest.fixture
def closing() -> Iterator[list[Browser]]:
    opened: list[Browser] = []
    yield opened
    for b in opened:
        assert b.outside == [] and b.dialogs == []
    for context in {id(b.page.context): b.page.context for b in opened}.values():
        context.close()


def test_words_typed_in_one_profile_never_reach_another(server: Server, browser: Browser, closing: list) -> None:
    a = browser
    a.open("After_a_session")
    ahead = date.today() + timedelta(days=7)
    field = a.key("reflection_session_date")
    field.locator('[data-type="year"]').click()
    a.page.keyboard.type(ahead.strftime("%Y%m%d"))
    a.page.keyboard.press("Tab")
    a.settle()
    for part in PARTS:
        a.key(f"reflection_{part}{SCALE}").get_by_role("radio", name="7", exact=True).click()
    typed(a, "reflection_unsaid", "I nearly left halfway")
    typed(a, "reflection_what_helped", "Being asked what I needed")
    a.page.wait_for_timeout(1200)  # a pause: the keeper has sent the words
    a.key("reflection_reflection_save").locator("button").click()
    expect(a.page.locator("main")).to_contain_text("is in the future", timeout=30_000)  # refused
    assert Repository(server.workbook).reflections() == ()

    # The browser keeps an id of its own for its unsaved words: a cookie no script can read, sent to this
    # app only and never with a request from another site.
    [cookie] = [c for c in a.page.context.cookies() if c["name"] == COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"

    b = another_profile(a)
    closing.append(b)
    b.open("After_a_session")
    for key in ("reflection_unsaid", "reflection_what_helped"):
        expect(box(b, key)).to_have_value("")  # the other profile's words are not offered here
    expect(b.page.locator("main")).not_to_contain_text(BACK)
    [other] = [c for c in b.page.context.cookies() if c["name"] == COOKIE]
    assert other["value"] != cookie["value"]
    typed(b, "reflection_insights", "Slow start, then easier")
    b.page.keyboard.press("Tab")
    b.settle()
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [saved] = Repository(server.workbook).reflections()
    # only what this profile typed: nothing of the refused reflection typed in the other one
    assert (saved.insights, saved.unsaid, saved.what_helped) == ("Slow start, then easier", "", "")

    # The first profile still has its own words, brought back and announced
    a.page.reload()
    a.settle()
    expect(box(a, "reflection_unsaid")).to_have_value("I nearly left halfway", timeout=30_000)
    expect(box(a, "reflection_what_helped")).to_have_value("Being asked what I needed")
    expect(announcement(a, "reflection_reflection")).to_contain_text(BACK)


def test_words_brought_back_are_announced_and_never_saved_unseen(
    server: Server, browser: Browser, closing: list
) -> None:
    a = another_profile(browser, 390, 844)  # a phone: Save is far below the top of the form
    closing.append(a)
    a.open("After_a_session")
    typed(a, "reflection_what_helped", "Being asked what I needed")
    typed(a, "reflection_next_steps", "Say it sooner")
    a.page.reload()  # no pause, no click elsewhere
    a.settle()
    expect(box(a, "reflection_what_helped")).to_have_value("Being asked what I needed", timeout=30_000)
    said = announcement(a, "reflection_reflection")
    expect(said).to_contain_text(BACK)
    assert any(f"typed at {clock}" in said.inner_text() for clock in clock_near_now()), said.inner_text()
    expect(said.get_by_role("button", name="Keep them")).to_be_visible()
    expect(said.get_by_role("button", name="Clear them")).to_be_visible()

    # Save pressed without a look at the announcement: nothing is saved, and the question comes into view
    save = a.key("reflection_reflection_save").locator("button")
    save.scroll_into_view_if_needed()
    save.click()
    a.settle()
    expect(announcement(a, "reflection_reflection")).to_contain_text("Not saved yet", timeout=30_000)
    expect(announcement(a, "reflection_reflection").get_by_role("button", name="Keep them")).to_be_in_viewport()
    assert Repository(server.workbook).reflections() == ()

    announcement(a, "reflection_reflection").get_by_role("button", name="Keep them").click()
    a.settle()
    expect(a.page.locator("main")).not_to_contain_text(BACK)
    expect(box(a, "reflection_next_steps")).to_have_value("Say it sooner")
    save.scroll_into_view_if_needed()
    save.click()
    expect(a.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [saved] = Repository(server.workbook).reflections()
    assert (saved.what_helped, saved.next_steps) == ("Being asked what I needed", "Say it sooner")

    # Another tab of the same browser: its words come back announced, and "Clear them" lets them go
    a.open("Before_a_session")
    typed(a, "checkin_what_happened", "A hard week at work.")
    a.page.wait_for_timeout(1200)
    tab = another_tab(a)
    closing.append(tab)
    tab.open("Before_a_session")
    expect(box(tab, "checkin_what_happened")).to_have_value("A hard week at work.", timeout=30_000)
    said = announcement(tab, "checkin_checkin")
    expect(said).to_contain_text(BACK)
    said.get_by_role("button", name="Clear them").click()
    tab.settle()
    expect(box(tab, "checkin_what_happened")).to_have_value("")
    expect(tab.page.locator("main")).not_to_contain_text(BACK)
    tab.page.reload()
    tab.settle()
    expect(box(tab, "checkin_what_happened")).to_have_value("")  # cleared for good: not back after a reload
    expect(tab.page.locator("main")).not_to_contain_text(BACK)
    assert Repository(server.workbook).checkins() == ()


def test_an_editor_shows_words_from_another_tab_only_announced(server: Server, browser: Browser, closing: list) -> None:
    """Issue 26's two tabs, the part that is about words unseen: tab B's unsaved words for a goal are
    not saved under tab A's Save until A has kept them."""
    goal = Repository(server.workbook).save(Goal(title="Speak up"))
    edit = f"goals_edit_{goal.id[:8]}"
    b = another_profile(browser)
    closing.append(b)
    b.open("Goals")
    b.page.get_by_text("Edit this goal, or change its status").click()
    b.settle()
    typed(b, f"{edit}_why_it_matters", "I swallow what I think")
    b.page.wait_for_timeout(1200)
    a = another_tab(b)
    closing.append(a)
    a.open("Goals")
    a.page.get_by_text("Edit this goal, or change its status").click()
    a.settle()
    expect(box(a, f"{edit}_why_it_matters")).to_have_value("I swallow what I think", timeout=30_000)
    expect(announcement(a, f"{edit}_goal")).to_contain_text(BACK)
    typed(a, f"{edit}_title", " at work")
    a.page.keyboard.press("Tab")
    a.settle()
    a.key(f"{edit}_goal_save").locator("button").click()
    a.settle()
    expect(announcement(a, f"{edit}_goal")).to_contain_text("Not saved yet", timeout=30_000)
    [kept] = Repository(server.workbook).goals()
    assert (kept.title, kept.why_it_matters) == ("Speak up", "")  # nothing saved unseen
    announcement(a, f"{edit}_goal").get_by_role("button", name="Keep them").click()
    a.settle()
    a.key(f"{edit}_goal_save").locator("button").click()
    expect(a.page.locator("main")).to_contain_text("Changes saved.", timeout=30_000)
    [kept] = Repository(server.workbook).goals()
    assert (kept.title, kept.why_it_matters) == ("Speak up at work", "I swallow what I think")
