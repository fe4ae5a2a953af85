"""Unsaved work survives what a person can cause, or is said to be gone (issue 26, items 1 and 3).

The real server is stopped mid-form and a new one started on the same port and workbook, the tab left
open, as when the app is restarted (or the computer wakes and the launcher starts it again); what the
screen shows is then checked against what Save writes, read back from the file. Two tabs of one browser
on one form: a save in one keeps the other's unsaved words.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.conftest import ROOT, Browser, Server
from ui.state import SCALE
from workbook.models import Goal
from workbook.repository import Repository

pytestmark = pytest.mark.browser

BACK = "did not save are back"  # "Words you typed at 14:02 and did not save are back: …"
GONE = "were not saved and are gone"  # "Words typed before the app restarted at 14:02 were not saved and are gone."


def restart(server: Server, *, down: float = 0.0, between=None) -> datetime:  # type: ignore[no-untyped-def]
    """Stop the server's `streamlit run` and start a new one on the same port and workbook, as the person
    restarting the app would; `between` runs while no server answers. Returns when it started again."""
    server.process.terminate()
    server.process.wait(timeout=20)
    if between is not None:
        between()
    time.sleep(down)
    started = datetime.now()
    env = {**os.environ, "WORKBOOK_DB": str(server.workbook), "PYTHONPATH": str(ROOT)}
    server.process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(server.port)],
        cwd=ROOT,
        env=env,
        stdout=server.log.open("a"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                if answer.read() == b"ok":
                    return started
        except OSError:
            pass
        assert time.monotonic() < deadline and server.process.poll() is None, server.log.read_text()
        time.sleep(0.2)


def listen_for_reconnection(b: Browser) -> None:
    b.page.evaluate(
        """() => { window.__reconnected = false; window.addEventListener("message", (event) => {
             if (event.data && event.data.type === "WEBSOCKET_CONNECTED") window.__reconnected = true; }); }"""
    )


def reconnected(b: Browser) -> None:
    """Wait until the page's connection is back (Streamlit retries on its own) and the page is still."""
    b.page.wait_for_function("() => window.__reconnected === true", timeout=60_000)
    b.settle()


def box(b: Browser, key: str):  # type: ignore[no-untyped-def]
    return b.key(key).locator("textarea, input").first


def typed(b: Browser, key: str, text: str) -> None:
    box(b, key).click()
    b.page.keyboard.type(text)


def rate(b: Browser, key: str, value: int) -> None:
    b.key(f"{key}{SCALE}").get_by_role("radio", name=str(value), exact=True).click()


def ticked(b: Browser, key: str):  # type: ignore[no-untyped-def]
    return b.key(f"{key}{SCALE}").locator('[role="radio"][aria-checked="true"]')


def said_at(b: Browser, form: str):  # type: ignore[no-untyped-def]
    return b.page.locator(f'[data-testid="stVerticalBlock"][class*="st-key-{form}_brought_back"]')


def gone_at(b: Browser, form: str):  # type: ignore[no-untyped-def]
    return b.page.locator(f'[class*="st-key-{form}_gone"]')


def clocks(at: datetime) -> tuple[str, ...]:
    return tuple(f"{at + timedelta(minutes=m):%H:%M}" for m in (-1, 0, 1))


@pytest.fixture
def two_tabs(browser: Browser) -> Iterator[tuple[Browser, Browser]]:
    """Two tabs of one browser profile: its cookies (and so its unsaved words) shared."""
    context = browser.page.context.browser.new_context(viewport={"width": 1280, "height": 1000})
    pair = (Browser(context.new_page(), browser.origin), Browser(context.new_page(), browser.origin))
    yield pair
    for b in pair:
        assert b.outside == [] and b.dialogs == []
    context.close()


def test_a_tab_left_open_through_a_restart_saves_what_it_shows(server: Server, browser: Browser) -> None:
    """Issue 26 item 1: the tab kept its words and a ticked 7, and Save said 'Nothing to save yet' or
    saved only what was typed after the restart."""
    b = browser
    b.open("After_a_session")
    b.page.wait_for_timeout(1000)  # the scales are drawn a moment after the page
    rate(b, "reflection_trust", 7)
    b.settle()
    rate(b, "reflection_overall", 8)
    b.settle()
    b.key("reflection_private").locator("label").click()  # a tick: Streamlit's own widget
    b.settle()
    typed(b, "reflection_what_helped", "Being asked what I needed")
    b.page.keyboard.press("Tab")  # Streamlit has heard these
    b.settle()
    typed(b, "reflection_insights", "Rest is allowed")  # and not these: the box still has the focus
    b.page.wait_for_timeout(300)
    listen_for_reconnection(b)
    restart(server, down=1.0)
    reconnected(b)

    # the screen is as the person left it
    expect(box(b, "reflection_what_helped")).to_have_value("Being asked what I needed")
    expect(box(b, "reflection_insights")).to_have_value("Rest is allowed")
    expect(ticked(b, "reflection_trust")).to_have_text("7")
    expect(ticked(b, "reflection_overall")).to_have_text("8")
    expect(b.key("reflection_private").locator("input")).to_be_checked()
    expect(b.page.locator("main")).not_to_contain_text(BACK)  # never left the screen: nothing to announce

    # and Save stores what it shows, every box and rating (no other click first)
    save = b.key("reflection_reflection_save").locator("button")
    save.scroll_into_view_if_needed()
    save.click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [saved] = Repository(server.workbook).reflections()
    assert (saved.what_helped, saved.insights) == ("Being asked what I needed", "Rest is allowed")
    assert (saved.trust, saved.overall, saved.empathy, saved.private) == (7, 8, None, True)


def test_words_survive_a_restart_and_a_reload_or_are_said_to_be_gone(server: Server, browser: Browser) -> None:
    """Issue 26 item 1, the second half: a reload or a new page after a restart showed empty boxes and
    said nothing."""
    b = browser
    # Words typed on one page, then another page opened: the server held them for the first
    b.open("Before_a_session")
    typed(b, "checkin_what_happened", "A hard week at work.")
    b.page.wait_for_timeout(1200)  # a pause: the keeper has sent the words
    b.page.get_by_role("link", name="After a session").first.click()
    b.settle()
    typed(b, "reflection_what_helped", "Being asked what I needed")
    b.page.wait_for_timeout(1200)
    listen_for_reconnection(b)
    started = restart(server, down=1.0)
    reconnected(b)
    # The open page's words survive the restart: a reload brings them back, as it did before
    b.page.reload()
    b.settle()
    expect(box(b, "reflection_what_helped")).to_have_value("Being asked what I needed", timeout=30_000)
    expect(said_at(b, "reflection_reflection")).to_contain_text(BACK)
    expect(b.page.locator("main")).not_to_contain_text(GONE)
    # The other page's words were in the server's memory alone: gone, and the form says so, and when
    b.page.get_by_role("link", name="Before a session").first.click()
    b.settle()
    expect(box(b, "checkin_what_happened")).to_have_value("")
    said = gone_at(b, "checkin_checkin")
    expect(said).to_contain_text(GONE, timeout=30_000)
    assert any(f"restarted at {clock}" in said.inner_text() for clock in clocks(started)), said.inner_text()

    # A tab reloaded while the app was down, then again once it is back: its words are said to be gone
    b.page.get_by_role("link", name="Goals").first.click()
    b.settle()
    typed(b, "goals_new_title", "Speak up at work")
    b.page.wait_for_timeout(1200)

    def reload_while_down() -> None:
        with contextlib.suppress(PlaywrightError):  # no server: the browser's own error page, as a person sees
            b.page.reload(timeout=5_000)

    restart(server, down=0.5, between=reload_while_down)
    b.open("Goals")
    expect(box(b, "goals_new_title")).to_have_value("")
    expect(gone_at(b, "goals_new_goal")).to_contain_text(GONE, timeout=30_000)
    assert Repository(server.workbook).goals() == ()


def test_a_save_in_one_tab_keeps_another_tabs_unsaved_words(server: Server, two_tabs: tuple) -> None:
    """Issue 26 item 3: tab A saved the goal, and tab B's typed, unsaved words were dropped: B's reload
    showed empty boxes."""
    goal = Repository(server.workbook).save(Goal(title="Speak up"))
    edit = f"goals_edit_{goal.id[:8]}"
    a, b = two_tabs
    a.open("Goals")
    a.page.get_by_text("Edit this goal, or change its status").click()
    a.settle()
    b.open("Goals")
    b.page.get_by_text("Edit this goal, or change its status").click()
    b.settle()
    typed(b, f"{edit}_why_it_matters", "I swallow what I think")
    b.page.wait_for_timeout(1200)  # sent: the server holds B's words

    typed(a, f"{edit}_title", " at work")
    a.page.keyboard.press("Tab")
    a.settle()
    a.key(f"{edit}_goal_save").locator("button").click()
    expect(a.page.locator("main")).to_contain_text("Changes saved.", timeout=30_000)
    [kept] = Repository(server.workbook).goals()
    assert (kept.title, kept.why_it_matters) == ("Speak up at work", "")  # A saved only its own

    b.page.reload()
    b.settle()
    b.page.get_by_text("Edit this goal, or change its status").click()
    b.settle()
    expect(box(b, f"{edit}_why_it_matters")).to_have_value("I swallow what I think", timeout=30_000)
    expect(said_at(b, f"{edit}_goal")).to_contain_text(BACK)

    # Two new check-ins, one a tab: A's save keeps B's words for its own check-in
    a.open("Before_a_session")
    b.open("Before_a_session")
    typed(b, "checkin_questions", "Can we slow down?")
    b.page.wait_for_timeout(1200)
    typed(a, "checkin_what_happened", "A hard week at work.")
    a.page.keyboard.press("Tab")
    a.settle()
    a.key("checkin_checkin_save").locator("button").click()
    expect(a.page.locator("main")).to_contain_text("saved", timeout=30_000)
    [checkin] = Repository(server.workbook).checkins()
    assert (checkin.what_happened, checkin.questions) == ("A hard week at work.", "")
    b.page.reload()
    b.settle()
    expect(box(b, "checkin_questions")).to_have_value("Can we slow down?", timeout=30_000)
    expect(box(b, "checkin_what_happened")).to_have_value("")  # A's saved words are not offered again
