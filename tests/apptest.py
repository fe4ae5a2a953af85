"""Running the pages with Streamlit's AppTest against a real workbook file: shared by the page tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

PAGES = {
    "home": "home.py",
    "goals": "pages/1_Goals.py",
    "checkin": "pages/2_Before_a_session.py",
    "reflection": "pages/3_After_a_session.py",
    "overtime": "pages/4_Over_time.py",
    "feedback": "pages/5_Feedback.py",
    "history": "pages/6_History.py",
    "settings": "pages/7_Settings_and_data.py",
    "help": "pages/8_Help_now.py",
    "guide": "pages/9_Making_it_work.py",
}
Open = Callable[[str], AppTest]


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def all_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.text, *at.markdown, *at.caption, *at.error, *at.info, *at.success, *at.warning)]
    return "\n".join(str(p) for p in parts)


def change_words(at: AppTest) -> AppTest:
    """On Feedback, turn on "Change the words": each kept point's words in a box of its own."""
    at.toggle(key="feedback_edit_words").set_value(True).run()
    return at


def tick_all(at: AppTest) -> AppTest:
    """On Feedback, tick every point of the draft (each starts unticked: issue 25)."""
    for box in at.checkbox:
        if box.key.startswith("feedback_keep_") and not box.value:
            box.check()
    at.run()
    return at


@dataclass(frozen=True)
class Scale:
    """A rating scale as the page drew it (ui/scale.py): its label, its choices, the number shown chosen."""

    label: str
    options: list[int]
    chosen: int | None


def scales(at: AppTest) -> dict[str, Scale]:
    """The page's rating scales, by the form key that holds each one's number."""
    found = {}
    for element in at.get("bidi_component"):
        if element.proto.component_name == "alliance_scale":
            data = json.loads(element.proto.json)
            found[data["id"]] = Scale(data["label"], [value for value, _ in data["options"]], data["chosen"])
    return found


def choose(at: AppTest, key: str, value: int | None) -> None:
    """What a press on a scale does (ui/scale.py, `_chosen`): the form holds the number, or None when the
    chosen one is pressed again. AppTest runs no script in a browser; the browser tests press the scale."""
    assert key in scales(at), f"no scale for {key} on this page"
    at.session_state[key] = value


def connection(at: AppTest) -> dict | None:
    """What the overall-connection chart was given to draw (ui/connection.py), or None if not drawn."""
    drawn = [e for e in at.get("bidi_component") if e.proto.component_name == "alliance_connection"]
    return json.loads(drawn[0].proto.json) if drawn else None


def charts(at: AppTest) -> int:
    """How many charts the page draws: by Vega, and the one drawn as SVG of our own."""
    return len(at.get("vega_lite_chart")) + (connection(at) is not None)
