"""A rating is saved as shown, every time (issue 26, item 2), in a real Chromium against `streamlit run`.

A person presses ratings as fast as they can, and faster (no pause at all between presses, a press
while the page is still being drawn again, the chosen number pressed again to clear it, the arrow
keys), types in the text boxes between presses, and presses Save, at once or a moment later. What the
screen shows as Save is pressed (each scale's checked radio, read through its shadow root, and each
box's words) must be what the workbook file holds after that Save, trial after trial, on a short
window, a phone's (touch) and a tall one.
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest

from tests.conftest import Browser, Server
from ui.state import SCALE
from workbook.models import Reflection
from workbook.repository import Repository

pytestmark = pytest.mark.browser

RATINGS = ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall")
BOXES = ("what_helped", "what_did_not_help", "insights", "feelings_after", "unsaid", "next_steps")
# name, width, height, touch: a short window, a phone in the hand, a tall window (the whole form in view)
WINDOWS = (("short", 1280, 600, False), ("phone", 390, 640, True), ("tall", 1280, 2400, False))
WINDOWS = tuple(w for w in WINDOWS if w[0] in os.environ.get("SCALE_WINDOWS", "short phone tall").split())
# SCALE_TRIALS, SCALE_SEED, SCALE_WINDOWS: to look closer at a failure; the defaults are the test.
TRIALS = int(os.environ.get("SCALE_TRIALS", "200"))  # in all, shared among the windows
SEED = int(os.environ.get("SCALE_SEED", "26"))
WORDS = ("calm", "heard", "rushed", "safe", "tired", "clear", "stuck", "hope")
FIRST_DAY = date(2020, 1, 6)  # trial n saves a reflection for FIRST_DAY + n days: one a day, none asked twice

# What the form shows: each scale's checked number (None: nothing chosen), each box's words.
SHOWN = (
    """() => {
  const shown = {};
  for (const part of RATINGS) {
    const host = document.querySelector(`.st-key-reflection_${part}SCALE [data-testid="stBidiComponentIsolated"]`);
    const root = host && host.shadowRoot;
    const checked = root ? root.querySelectorAll('[role="radio"][aria-checked="true"]') : [];
    shown[part] = !root || !root.querySelector('[role="radio"]') ? "missing"
      : checked.length > 1 ? "two" : checked.length ? JSON.parse(checked[0].dataset.value) : null;
  }
  for (const box of BOXES) {
    const area = document.querySelector(`.st-key-reflection_${box} textarea`);
    shown[box] = area ? area.value : "missing";
  }
  return shown;
}""".replace("SCALE", SCALE)
    .replace("RATINGS", repr(list(RATINGS)))
    .replace("BOXES", repr(list(BOXES)))
)
# The screen at the moment Save is pressed (the press's first event, before anything is sent).
AT_SAVE = f"""
window.__atSave = [];
document.addEventListener("pointerdown", (event) => {{
  if (event.target.closest && event.target.closest(".st-key-reflection_reflection_save")) {{
    window.__atSave.push(({SHOWN})());
  }}
}}, true);
"""


class Hand:
    """A person's hand on one window: presses, types and saves, as fast as it is told to."""

    def __init__(self, b: Browser, touch: bool, rng: random.Random) -> None:
        self.b, self.page, self.touch, self.rng = b, b.page, touch, rng
        self.did: list[str] = []  # what this trial did, said with a mismatch
        self.t0 = time.monotonic()

    def note(self, what: str) -> None:
        self.did.append(f"{time.monotonic() - self.t0:.2f} {what}")

    def hit(self, locator) -> None:  # type: ignore[no-untyped-def]
        if self.touch:
            locator.tap()
        else:
            locator.click()

    def shown(self) -> dict[str, object]:
        return self.page.evaluate(SHOWN)

    def pause(self) -> None:
        """No pause at all, a quick one, or a person's moment."""
        self.page.wait_for_timeout(self.rng.choice((0, 0, 0, 0, 10, 40, 120, 300)))

    def press(self, part: str, value: int) -> None:
        self.note(f"press {part} {value}")
        scale = self.b.key(f"reflection_{part}{SCALE}")
        self.hit(scale.locator(f'[role="radio"][data-value="{value}"]'))

    def type_date(self, day: date) -> None:
        field = self.b.key("reflection_session_date")
        self.hit(field.locator('[data-type="year"]'))  # typed segment by segment, as on a keyboard
        self.page.keyboard.type(day.strftime("%Y%m%d"))
        self.page.keyboard.press("Tab")

    def type_in(self, box: str) -> None:
        self.hit(self.b.key(f"reflection_{box}").locator("textarea"))
        self.note(f"type {box}")
        self.page.keyboard.type(f" {self.rng.choice(WORDS)}")

    def act(self) -> None:
        """One thing a hurried person does on the form."""
        roll = self.rng.random()
        part = self.rng.choice(RATINGS)
        if roll < 0.15:  # the chosen number pressed again: nothing chosen
            chosen = self.shown()[part]
            self.press(part, chosen if isinstance(chosen, int) else self.rng.randrange(11))
        elif roll < 0.3 and not self.touch:  # by keyboard: press a number, then the arrows choose
            self.press(part, self.rng.randrange(11))
            for _ in range(self.rng.randrange(1, 4)):
                key = self.rng.choice(("ArrowRight", "ArrowLeft", "ArrowRight", "End", "Home"))
                self.note(key)
                self.page.keyboard.press(key)
        elif roll < 0.5:
            self.type_in(self.rng.choice(BOXES))
        else:
            self.press(part, self.rng.randrange(11))

    def save(self) -> None:
        self.note("save")
        self.hit(self.b.key("reflection_reflection_save").locator("button"))


def saved_on(repo: Repository, day: date, timeout: float = 30.0) -> Reflection | None:
    """The reflection saved for `day`, once the file holds it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [r for r in repo.reflections() if r.session_date == day]
        if found:
            assert len(found) == 1, found  # one Save, one entry
            return found[0]
        time.sleep(0.05)
    return None


def idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the server has finished running the page."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-script-state') === 'notRunning'",
        timeout=30_000,
    )


def run_trials(hand: Hand, repo: Repository, days: list[date]) -> list[str]:
    """Fill and save the form once a day in `days`; say every way what was saved differs from what was shown."""
    wrong: list[str] = []
    page = hand.page
    for day in days:
        page.wait_for_function(f"() => !Object.values(({SHOWN})()).includes('missing')", timeout=30_000)
        hand.did, hand.t0 = [], time.monotonic()
        hand.type_date(day)
        hand.type_in(hand.rng.choice(BOXES))  # something written: never "Nothing to save yet"
        for _ in range(hand.rng.randrange(3, 9)):
            hand.pause()
            hand.act()
        if hand.rng.random() < 0.2:
            idle(page)  # sometimes the person looks before saving
        else:
            hand.pause()
        page.evaluate("window.__atSave = []")
        hand.save()
        saved = saved_on(repo, day)
        hand.note("saved")
        [shown] = page.evaluate("window.__atSave")
        if saved is None:
            wrong.append(f"{day}: Save pressed with {shown}, nothing saved")
            break  # the form is not fresh: the next trials would say nothing new
        for name in (*RATINGS, *BOXES):
            value = getattr(saved, name)
            if value != shown[name]:
                wrong.append(f"{day} {name}: shown {shown[name]!r}, saved {value!r} after {hand.did}")
        # the page has drawn the fresh form and says it saved: the next one starts at once
        page.locator('[data-testid="stAlertContentSuccess"]', has_text="Reflection saved").wait_for(timeout=30_000)
    return wrong


def test_a_rating_pressed_in_a_hurry_is_saved_as_shown_on_every_window(server: Server, chromium) -> None:  # type: ignore[no-untyped-def]
    repo = Repository(server.workbook)
    rng = random.Random(SEED)
    days = [FIRST_DAY + timedelta(days=n) for n in range(TRIALS)]
    share = -(-TRIALS // len(WINDOWS))
    wrong: list[str] = []
    started = time.monotonic()
    for n, (name, width, height, touch) in enumerate(WINDOWS):
        extra = {"has_touch": True, "is_mobile": True} if touch else {}
        context = chromium.new_context(viewport={"width": width, "height": height}, **extra)
        context.add_init_script(AT_SAVE)
        b = Browser(context.new_page(), urlparse(server.url).netloc)
        b.open("After_a_session")
        found = run_trials(Hand(b, touch, rng), repo, days[n * share : (n + 1) * share])
        wrong += [f"{name}: {w}" for w in found]
        context.close()
        assert b.outside == [] and b.dialogs == []
    took = time.monotonic() - started
    saved = len(repo.reflections())
    print(f"{saved} trials in {took:.0f} s, {len(wrong)} mismatches")
    assert wrong == [], f"{len(wrong)} mismatches in {saved} trials:\n" + "\n".join(wrong)
    assert saved == TRIALS
