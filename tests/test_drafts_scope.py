"""Whose unsaved words they are: each browser's own (workbook/drafts.py), kept with when they were typed.

The route and its middleware are driven as the server runs them (a Starlette app with the guards in
front), one ASGI request at a time; the real server and two browser profiles are in
tests/test_browser_drafts.py.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, time

import pytest
from starlette.applications import Starlette

from workbook import drafts, guard
from workbook.drafts import COOKIE, MAX_BROWSERS, MAX_KEYS, DraftStore

ME, THEM = "m" * 32, "t" * 32
EARLIER, LATER = datetime(2026, 12, 7, 14, 2), datetime(2026, 12, 7, 14, 40)


def test_words_are_the_browsers_own_and_saving_one_form_forgets_only_its_own() -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    store.keep(ME, "reflection_unsaid", "I nearly left halfway")
    store.keep(ME, "reflection_insights", "Rest is allowed")
    store.keep(THEM, "reflection_insights", "Someone else's words")
    assert store.get(THEM, "reflection_unsaid") is None  # never offered in another browser
    assert store.get(THEM, "reflection_insights").text == "Someone else's words"  # type: ignore[union-attr]
    store.forget(THEM, "reflection_")  # the other browser saved its reflection
    assert store.get(ME, "reflection_insights").text == "Rest is allowed"  # type: ignore[union-attr]
    store.drop(ME, "reflection_unsaid")  # cleared: that box only
    assert store.get(ME, "reflection_unsaid") is None and store.get(ME, "reflection_insights") is not None


def test_words_carry_when_they_were_typed() -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    store.keep(ME, "checkin_questions", "Can we slow down?", at=EARLIER)
    store.keep(ME, "checkin_questions", "Can we slow down?", at=LATER)  # the same words again: a box let go
    assert store.get(ME, "checkin_questions").at == EARLIER  # type: ignore[union-attr]
    store.keep(ME, "checkin_questions", "Can we slow down, please?", at=LATER)
    assert store.get(ME, "checkin_questions").at == LATER  # type: ignore[union-attr]


def test_a_browser_posting_too_much_loses_its_own_words_never_anothers() -> None:
    store = DraftStore(scope=lambda: "workbook.json")
    store.keep(ME, "reflection_what_helped", "Being asked what I needed")
    for n in range(MAX_KEYS + 50):
        store.keep(THEM, f"key_{n}", "x")
    assert store.get(ME, "reflection_what_helped") is not None
    assert store.get(THEM, "key_0") is None and store.get(THEM, f"key_{MAX_KEYS + 49}") is not None
    store.keep(THEM, "big_0", "x" * drafts.MAX_TEXT)
    for n in range(drafts.MAX_CHARS // drafts.MAX_TEXT + 5):  # more characters than the server holds
        store.keep(THEM, f"big_{n}", "x" * drafts.MAX_TEXT)
    assert store.get(ME, "reflection_what_helped") is not None
    assert store.get(THEM, "big_0") is None
    for n in range(MAX_BROWSERS):  # more browsers than it holds: the one heard from longest ago goes
        store.keep(f"{n:032d}", "checkin_questions", "x")
    assert store.get(ME, "reflection_what_helped") is None and store.get(f"{0:032d}", "checkin_questions")


# --- the cookie and the route, as the server runs them ----------------------------------------------


def app() -> Starlette:
    return Starlette(routes=drafts.routes(), middleware=[*guard.middleware(), *drafts.middleware()])


def request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, list[str]]:
    """One request to the app: its status and the Set-Cookie headers of its answer."""
    answer: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        answer.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "localhost:8501", **headers}.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8501),
    }
    asyncio.run(app()(scope, receive, send))
    start = next(m for m in answer if m["type"] == "http.response.start")
    return start["status"], [v.decode() for k, v in start["headers"] if k == b"set-cookie"]


def post(words: dict[str, str], cookie: str | None = None, origin: str = "http://localhost:8501") -> tuple[int, list]:
    headers = {"content-type": "application/json", "origin": origin, "sec-fetch-site": "same-origin"}
    if cookie:
        headers["cookie"] = cookie
    return request("POST", drafts.ROUTE, headers, json.dumps(words).encode())


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> DraftStore:
    fresh = DraftStore(scope=lambda: "workbook.json")
    monkeypatch.setattr(drafts, "STORE", fresh)
    return fresh


def given_id(set_cookies: list[str]) -> str:
    [cookie] = set_cookies
    name, value = cookie.split(";")[0].split("=", 1)
    assert name == COOKIE
    return value


def test_a_browser_is_given_an_id_no_script_and_no_other_site_can_use(store: DraftStore) -> None:
    _status, cookies = request("GET", "/", {"sec-fetch-site": "none"})  # the first page it opens
    given = given_id(cookies)
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookies[0].split(";")[1:]}
    assert attributes["httponly"] and attributes["samesite"] == "SameSite=Strict" and attributes["path"] == "Path=/"
    assert int(attributes["max-age"].split("=")[1]) > 30 * 24 * 3600  # kept when the browser is closed
    assert len(given) == 32 and given != given_id(request("GET", "/", {})[1])  # random, one a browser
    # a browser that has one keeps it, whatever other cookies it sends
    assert request("GET", "/", {"cookie": f"other=1; {COOKIE}={given}"})[1] == []
    # a page opened from another site's link: a Strict cookie is not sent then, so none is given in its
    # place (the browser keeps the one it has)
    assert request("GET", "/", {"sec-fetch-site": "cross-site"})[1] == []
    # an id that is not one of ours is replaced
    assert given_id(request("GET", "/", {"cookie": f"{COOKIE}=made-up"})[1]) != "made-up"


def test_posted_words_are_kept_for_the_browser_that_typed_them(store: DraftStore) -> None:
    mine = given_id(request("GET", "/", {})[1])
    theirs = given_id(request("GET", "/", {})[1])
    assert post({"reflection_unsaid": "I nearly left halfway"}, f"{COOKIE}={mine}") == (204, [])
    assert store.get(mine, "reflection_unsaid").text == "I nearly left halfway"  # type: ignore[union-attr]
    assert store.get(theirs, "reflection_unsaid") is None
    # a browser with no id yet (its page came from another site's link) is given one as it posts
    status, cookies = post({"checkin_questions": "Can we slow down?"})
    assert status == 204 and store.get(given_id(cookies), "checkin_questions") is not None
    # the guards stay in front: another site's page is refused, and given nothing
    assert post({"reflection_unsaid": "x"}, f"{COOKIE}={theirs}", origin="https://evil.example") == (403, [])
    assert store.get(theirs, "reflection_unsaid") is None


def test_words_brought_back_are_announced_with_when_they_were_typed() -> None:
    from ui.forms.widgets import when_typed
    from workbook import i18n

    today = datetime.combine(date.today(), time(14, 2))
    said = "Words you typed at 14:02 and did not save are back: keep them or clear them."
    assert when_typed(today) == said
    earlier = datetime(2026, 2, 9, 9, 5) if date.today() != date(2026, 2, 9) else datetime(2026, 2, 10, 9, 5)
    assert when_typed(earlier).startswith(f"Words you typed on {earlier.day} February at 09:05 and did not save")
    i18n.use_here("es")
    assert when_typed(today) == (
        "Las palabras que escribiste a las 14:02 y no guardaste han vuelto: puedes conservarlas o borrarlas."
    )
