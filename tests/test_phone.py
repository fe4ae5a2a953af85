"""A phone in the hand and a keyboard on the desk (issue 25, item 10), in a real Chromium.

On a phone (390 and 360 px wide, touch): the menu gets out of the way once a page is chosen; every
touch target is at least 44 px tall (and wide, where the screen has room: the eleven numbers of a 0-10
scale share one row at 360 px, about 27 px each, above WCAG 2.5.8's 24); the scale never wraps.
With a keyboard (1280 px): after choosing a page the focus is on its heading, and after a
confirmation ("Yes, save it as well") on what happened. For a screen reader: every name is read as
shown, with none of the backslashes that keep a label from being read as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import Browser, Server, reflection
from ui.state import SCALE
from workbook import preferences
from workbook.demo import fill_with_demo
from workbook.repository import Repository

pytestmark = pytest.mark.browser

PHONES = {"390": (390, 844), "360": (360, 740)}
TOUCH = 44  # px: the size a finger needs (WCAG 2.5.5, Apple's and Android's guidance)
QUESTIONS = ("What do I want more of next time?", "Is there *anything* [I'm] holding back: #1?")
RATINGS = ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall")
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a Markdown escape: a backslash before punctuation


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo workbook, with the client's own questions (punctuation and all) before and after a session."""
    folder = tmp_path_factory.mktemp("phone")
    repo = Repository(folder / "workbook.json")
    fill_with_demo(repo, sessions=30)
    settings = repo.settings()
    for question, asked in zip(QUESTIONS, ("after", "before"), strict=True):
        settings = preferences.with_own_question(settings, question, asked)
    repo.save_settings(settings)
    running = Server(folder / "workbook.json", folder / "server.log")
    yield running
    log = running.stop()
    assert "Traceback" not in log, log


def opener(chromium, server: Server) -> tuple[Callable[..., Browser], list]:  # type: ignore[no-untyped-def]
    contexts: list = []

    def open_at(path: str, width: int = 1280, height: int = 900, *, phone: bool = False) -> Browser:
        touch = {"has_touch": True, "is_mobile": True} if phone else {}
        context = chromium.new_context(viewport={"width": width, "height": height}, **touch)
        b = Browser(context.new_page(), urlparse(server.url).netloc)
        contexts.append((context, b))
        b.open(path)
        return b

    return open_at, contexts


def close(contexts: list) -> None:
    for context, b in contexts:
        context.close()
        assert b.outside == [], f"the browser tried to reach other hosts: {b.outside}"
        assert b.dialogs == [], f"something ran a script: {b.dialogs}"


@pytest.fixture
def opened(demo: Server, chromium) -> Iterator[Callable[..., Browser]]:  # type: ignore[no-untyped-def]
    open_at, contexts = opener(chromium, demo)
    yield open_at
    close(contexts)


@pytest.fixture
def fresh(server: Server, chromium) -> Iterator[tuple[Server, Callable[..., Browser]]]:  # type: ignore[no-untyped-def]
    """A workbook of its own, for a test that saves."""
    open_at, contexts = opener(chromium, server)
    yield server, open_at
    close(contexts)


def boxes(b: Browser, selector: str) -> list[dict]:
    """Each visible element's box and name, measured at one moment (Playwright's locators look inside
    the scale's shadow root)."""
    found = b.page.locator(selector).evaluate_all(
        """els => els.map(e => { const r = e.getBoundingClientRect();
           return { x: r.x, y: r.y, width: r.width, height: r.height,
                    name: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40) }; })"""
    )
    return [box for box in found if box["width"] > 0 and box["height"] > 0]


def too_small(found: list[dict], *, width: float = TOUCH) -> list[dict]:
    return [b for b in found if b["height"] < TOUCH - 0.5 or b["width"] < width - 0.5]


def open_menu(b: Browser) -> None:
    b.page.locator('[data-testid="stExpandSidebarButton"]').tap()
    expect(b.page.locator('[data-testid="stSidebarCollapseButton"] button')).to_be_in_viewport(timeout=10_000)
    b.page.wait_for_timeout(500)  # the menu slides in


def menu_covers(b: Browser) -> float:
    """How much of the screen's width the menu covers now."""
    box = b.page.locator('[data-testid="stSidebar"]').bounding_box()
    return (
        0 if box is None else max(0.0, min(box["x"] + box["width"], b.page.viewport_size["width"]) - max(box["x"], 0))
    )


# --- a phone ------------------------------------------------------------------------------------------


def test_on_a_phone_the_menu_gets_out_of_the_way_once_a_page_is_chosen(opened) -> None:  # type: ignore[no-untyped-def]
    b = opened("Goals", *PHONES["390"], phone=True)
    open_menu(b)
    assert menu_covers(b) > 250  # open, it covers most of the screen
    links = boxes(b, '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')
    assert len(links) == 10 and not too_small(links), links  # each page a finger's width apart
    b.page.locator('[data-testid="stSidebar"] a', has_text="After a session").tap()
    heading = b.page.locator("h1").first
    expect(heading).to_have_text("After a session", timeout=30_000)
    b.settle()
    assert menu_covers(b) == 0, "the menu still covers the page after choosing one"
    expect(b.page.locator('[data-testid="stExpandSidebarButton"]')).to_be_in_viewport()  # and it opens again
    middle = heading.evaluate(
        """h => { const r = h.getBoundingClientRect();
           return h.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""
    )
    assert middle, "something covers the page's heading"


@pytest.mark.parametrize("phone", PHONES)
def test_on_a_phone_every_touch_target_is_44_px_and_a_scale_is_one_row(opened, phone: str) -> None:  # type: ignore[no-untyped-def]
    width, height = PHONES[phone]
    b = opened("After_a_session", width, height, phone=True)
    for part in RATINGS:
        choices = boxes(b, f".st-key-reflection_{part}{SCALE} [role=radio]")
        assert len(choices) == 11, choices
        rows = {round(c["y"]) for c in choices}
        assert len(rows) == 1, f"{part}: 0 to 10 wraps into {len(rows)} rows at {width} px"
        # a finger's height; as wide as eleven in a row allow (WCAG 2.5.8 asks 24 px), never narrower
        assert not too_small(choices, width=min(TOUCH, 24)), choices
        assert choices[-1]["x"] + choices[-1]["width"] <= width, choices[-1]  # all of it on the screen
    ticks = boxes(b, '[data-testid="stMain"] [data-testid="stCheckbox"] label')
    assert ticks and not too_small(ticks), ticks  # the whole line is the tick box's target
    buttons = boxes(b, '[data-testid="stMain"] button[data-testid^="stBaseButton"]')
    assert buttons and not too_small(buttons), buttons
    help_now = boxes(b, '[data-testid="stMain"] a[data-testid="stPageLink-NavLink"]')
    assert help_now and not too_small(help_now), help_now
    menu = boxes(b, '[data-testid="stExpandSidebarButton"]')
    assert menu and not too_small(menu), menu
    helps = boxes(b, '[data-testid="stMain"] [data-testid="stTooltipIcon"] button')  # a field's "?"
    assert helps and not too_small(helps), helps
    wide = b.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert wide <= width, f"the page is {wide} px wide on a {width} px screen"  # nothing to scroll sideways
    open_menu(b)
    menu_links = boxes(b, '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')
    closing = boxes(b, '[data-testid="stSidebarCollapseButton"] button')
    assert not too_small(menu_links + closing), menu_links + closing


def test_a_check_in_on_a_small_phone_has_its_scale_in_one_row_and_choices_a_finger_high(opened) -> None:  # type: ignore[no-untyped-def]
    b = opened("Before_a_session", *PHONES["360"], phone=True)
    wellbeing = boxes(b, f".st-key-checkin_wellbeing{SCALE} [role=radio]")
    assert len(wellbeing) == 11 and len({round(c["y"]) for c in wellbeing}) == 1, wellbeing
    ticks = boxes(b, '[data-testid="stMain"] [data-testid="stCheckbox"] label')
    assert ticks and not too_small(ticks), ticks  # "I am worried about my safety right now"
    options = boxes(b, '[data-testid="stMain"] [data-testid="stRadio"] label')
    assert len(options) >= 3 and not too_small(options), options  # better / same / worse


# --- a keyboard ---------------------------------------------------------------------------------------


def test_after_choosing_a_page_the_keyboard_is_at_its_heading(opened) -> None:  # type: ignore[no-untyped-def]
    b = opened("Goals")
    b.page.locator('[data-testid="stSidebar"] a', has_text="After a session").focus()
    b.page.keyboard.press("Enter")
    expect(b.page.locator("h1").first).to_have_text("After a session", timeout=30_000)
    b.settle()
    focused = b.page.evaluate("() => [document.activeElement.tagName, document.activeElement.innerText]")
    assert focused == ["H1", "After a session"], focused
    for _ in range(3):  # and the form's first field is a Tab or two away (it was nine, through the menu)
        b.page.keyboard.press("Tab")
        if b.page.evaluate("() => !!document.activeElement.closest('.st-key-reflection_session_date')"):
            break
    else:
        raise AssertionError(b.page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"))


def test_after_a_confirmation_the_keyboard_is_at_what_happened(fresh) -> None:  # type: ignore[no-untyped-def]
    server, open_at = fresh
    Repository(server.workbook).save(reflection(date.today().isoformat()))
    b = open_at("After_a_session")
    b.key(f"reflection_overall{SCALE}").get_by_role("radio", name="8", exact=True).click()
    b.settle()
    b.key("reflection_reflection_save").locator("button").click()
    yes = b.page.get_by_role("button", name="Yes, save it as well")
    expect(yes).to_be_visible(timeout=30_000)
    b.settle()
    yes.focus()
    b.page.keyboard.press("Enter")
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    b.settle()
    assert len(Repository(server.workbook).reflections()) == 2
    where = b.page.evaluate(
        """() => { const e = document.activeElement;
           return [e.tagName, !!e.closest('[class*="st-key-"][class*="_result"]'), e.innerText || ''] }"""
    )
    assert where[0] != "BODY" and where[1] and "Reflection saved" in where[2], where


# --- a screen reader ----------------------------------------------------------------------------------


def accessible_names(b: Browser) -> list[str]:
    """Every name in the page's accessibility tree, as Chromium gives it to a screen reader."""
    cdp = b.page.context.new_cdp_session(b.page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    return [str(n.get("name", {}).get("value", "")) for n in tree if n.get("name", {}).get("value")]


@pytest.mark.parametrize("path", ["After_a_session", "Before_a_session", "Feedback", "History", "Over_time"])
def test_a_screen_reader_hears_labels_without_escape_characters(opened, path: str) -> None:  # type: ignore[no-untyped-def]
    b = opened(path)
    if path in ("After_a_session", "Before_a_session"):  # the client's own question, named as they wrote it
        question = QUESTIONS[0] if path == "After_a_session" else QUESTIONS[1]
        expect(b.page.get_by_role("textbox", name=question, exact=True)).to_have_count(1)
    for _ in range(20):  # the page's script names them as they are drawn: a moment at most
        escaped = sorted({n for n in accessible_names(b) if ESCAPED.search(n)})
        if not escaped:
            break
        b.page.wait_for_timeout(250)
    assert not escaped, f"{path}: {escaped}"
