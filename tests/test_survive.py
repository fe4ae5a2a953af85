"""Unsaved work survives a restart of the app and another tab's save, or is said to be gone (issue 26,
items 1 and 3): the server's half, without a browser. The real server restarted under an open tab, and
two tabs, are in tests/test_browser_survive.py."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbook import drafts, i18n
from workbook.drafts import COOKIE, SEQ_HEADER, DraftStore
from workbook.repository import Repository

ME = "m" * 32
TAB, OTHER_TAB = "a" * 16, "b" * 16


def test_a_save_forgets_only_the_words_it_saved() -> None:
    """Tab A saves a goal (or its own new check-in): tab B's different words for the same form stay."""
    store = DraftStore(scope=lambda: "workbook.json")
    store.keep(ME, "goals_edit_1_title", "Speak up at work", tab=TAB)
    store.keep(ME, "goals_edit_1_why_it_matters", "I swallow what I think", tab=OTHER_TAB)
    saved = {"goals_edit_1_title": "Speak up at work", "goals_edit_1_why_it_matters": "", "goals_edit_1_agreed": False}
    store.forget(ME, "goals_edit_1_", saved=saved)
    assert store.get(ME, "goals_edit_1_title") is None  # what A saved
    assert store.get(ME, "goals_edit_1_why_it_matters").text == "I swallow what I think"  # type: ignore[union-attr]
    # a box A never held is B's alone
    store.keep(ME, "goals_edit_1_first_step", "Say one thing", tab=OTHER_TAB)
    store.forget(ME, "goals_edit_1_", saved={"goals_edit_1_title": ""})
    assert store.get(ME, "goals_edit_1_first_step") is not None
    # "Clear them" lets go of the words it showed, never newer ones typed since in another tab
    store.drop(ME, "goals_edit_1_first_step", "Say one")
    assert store.get(ME, "goals_edit_1_first_step") is not None
    store.drop(ME, "goals_edit_1_first_step", "Say one thing")
    assert store.get(ME, "goals_edit_1_first_step") is None


def test_words_just_saved_and_posted_late_are_not_kept_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The keeper's post of the last words, sent as Save was pressed and heard after the save, would
    bring them back, announced as unsaved, into the fresh form."""
    store = DraftStore(scope=lambda: "workbook.json")
    store.keep(ME, "checkin_questions", "Can we slow down?", tab=TAB)
    store.forget(ME, "checkin_", saved={"checkin_questions": "Can we slow down?"})
    store.keep(ME, "checkin_questions", "Can we slow down?", tab=TAB)  # the late post
    assert store.get(ME, "checkin_questions") is None
    store.keep(ME, "checkin_questions", "Another question", tab=TAB)  # new words are kept
    assert store.get(ME, "checkin_questions").text == "Another question"  # type: ignore[union-attr]
    monkeypatch.setattr(drafts, "LATE", 0.0)
    store.forget(ME, "checkin_", saved={"checkin_questions": "Another question"})
    store.keep(ME, "checkin_questions", "Another question", tab=TAB)  # typed again, later: kept
    assert store.get(ME, "checkin_questions") is not None


def test_words_carry_the_tab_that_typed_them_and_a_count_of_what_was_heard() -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    assert store.seq(ME) == 0
    first = store.keep(ME, "reflection_insights", "Rest", tab=TAB)
    second = store.keep(ME, "reflection_insights", "Rest is allowed")  # the box let go: no tab said
    assert 0 < first < second == store.seq(ME)
    assert store.get(ME, "reflection_insights").tab == TAB  # type: ignore[union-attr]
    store.keep(ME, "reflection_insights", "Rest is allowed, really", tab=OTHER_TAB)
    assert store.mine(ME)["reflection_insights"].tab == OTHER_TAB


def test_words_a_restart_took_are_said_till_the_form_is_saved_or_typed_in_again() -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    store.lose(ME, "checkin_what_happened")
    store.lose(ME, "reflection_insights")
    assert store.lost(ME, "checkin_") and store.lost(ME, "reflection_")
    assert not store.lost("t" * 32, "checkin_")  # another browser lost nothing
    store.forget(ME, "checkin_", saved={})
    assert not store.lost(ME, "checkin_")
    store.keep(ME, "reflection_insights", "Again")
    assert not store.lost(ME, "reflection_")


def _post(path: str, words: dict[str, str]) -> tuple[int, dict[str, str]]:
    from starlette.applications import Starlette

    from workbook import guard

    app = Starlette(routes=drafts.routes(), middleware=[*guard.middleware(), *drafts.middleware()])
    answer: list[dict] = []
    route, _, query = path.partition("?")
    headers = {
        "host": "localhost:8501",
        "content-type": "application/json",
        "origin": "http://localhost:8501",
        "sec-fetch-site": "same-origin",
        "cookie": f"{COOKIE}={ME}",
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": json.dumps(words).encode(), "more_body": False}

    async def send(message: dict) -> None:
        answer.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8501),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in answer if m["type"] == "http.response.start")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}


def test_the_route_notes_the_tab_and_answers_with_what_it_has_heard(monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    monkeypatch.setattr(drafts, "STORE", store)
    status, headers = _post(f"{drafts.ROUTE}?tab={TAB}", {"reflection_unsaid": "I nearly left halfway"})
    assert status == 204 and headers[SEQ_HEADER.lower()] == "1"
    assert store.get(ME, "reflection_unsaid").tab == TAB  # type: ignore[union-attr]
    status, headers = _post(f"{drafts.ROUTE}?tab=no!", {"reflection_unsaid": "I nearly left"})  # not a tab's id
    assert status == 204 and headers[SEQ_HEADER.lower()] == "2"
    assert store.get(ME, "reflection_unsaid").tab == TAB  # type: ignore[union-attr]


def _after_restart() -> None:
    """A page whose keeper script has just sent what the screen shows (ui.keeper after a reconnection)."""
    import streamlit as st

    from ui import state
    from ui.forms import checkin_form, reflection_form
    from workbook.paths import resolve_workbook_path
    from workbook.repository import Repository

    if "_test_restored" not in st.session_state:
        st.session_state["_test_restored"] = True
        shown = {
            "reflection_what_helped": "Being asked what I needed",
            "reflection_insights": "",
            "reflection_trust": 7,
            "reflection_overall": None,
            "reflection_empathy": True,  # not a rating the page could show: left out
            "bad key!": "x",
            "_drafts": "x",
        }
        state.restore(shown, ["checkin_what_happened", "reflection_what_helped"], "a" * 16)
    repo = Repository(resolve_workbook_path())
    reflection_form(repo, "reflection")
    checkin_form(repo, "checkin")


def test_what_the_page_shows_after_a_restart_is_what_save_stores(db: Path) -> None:
    """Issue 26 item 1, the server's half: the words and the rating the page re-sent are the form's,
    as typed (not announced as brought back), and Save stores them."""
    at = AppTest.from_function(_after_restart, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.text_area(key="reflection_what_helped").value == "Being asked what I needed"
    assert at.session_state["reflection_trust"] == 7 and at.session_state["reflection_empathy"] is None
    shown = " ".join(str(e.value) for e in (*at.info, *at.warning))
    assert "did not save are back" not in shown
    # the check-in's words were typed in this tab, not shown, and the new server never had them
    assert "were not saved and are gone" in shown
    at.button(key="reflection_reflection_save").click().run()
    assert not at.exception, at.exception
    [saved] = Repository(db).reflections()
    assert (saved.what_helped, saved.insights) == ("Being asked what I needed", "")
    assert (saved.trust, saved.empathy, saved.overall) == (7, None, None)


def test_the_form_says_when_the_app_restarted() -> None:
    from ui.forms.widgets import gone_since

    today = datetime.combine(date.today(), time(14, 2))
    assert gone_since(today) == "Words typed before the app restarted at 14:02 were not saved and are gone."
    earlier = datetime.combine(date.today() - timedelta(days=3), time(9, 5))
    assert gone_since(earlier).startswith(f"Words typed before the app restarted on {earlier.day} ")
    i18n.use_here("es")
    assert gone_since(today) == (
        "Las palabras que escribiste antes de que la aplicación se reiniciara a las 14:02 no se guardaron"
        " y se han perdido."
    )
