"""Running the pages with Streamlit's AppTest against a real workbook file: shared by the page tests."""

from __future__ import annotations

from collections.abc import Callable

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
